import { z } from 'zod';

/** Impact and urgency: 1 = high, 3 = low (DOMAIN.md "Priority matrix"). */
export const levels = [1, 2, 3] as const;
export type Level = (typeof levels)[number];
export const priorities = [1, 2, 3, 4, 5] as const;
export type Priority = (typeof priorities)[number];

const levelSchema = (field: string) =>
  z.union([z.literal(1), z.literal(2), z.literal(3)], {
    error: `${field} must be 1 (high), 2 (medium) or 3 (low)`,
  });
export const impactSchema = levelSchema('impact');
export const urgencySchema = levelSchema('urgency');
export const prioritySchema = z.union(
  [z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)],
  { error: 'priority must be a whole number from 1 (critical) to 5 (planning)' },
);

/** matrix[impact-1][urgency-1] = priority. */
export type PriorityMatrix = readonly [
  readonly [Priority, Priority, Priority],
  readonly [Priority, Priority, Priority],
  readonly [Priority, Priority, Priority],
];

/** Matrix messages name the matrix and the cell: the path ends in [impact-1, urgency-1]. */
const cellError = (iss: z.core.$ZodRawIssue): string => {
  const [row, col] = (iss.path ?? []).slice(-2);
  const cell =
    typeof row === 'number' && typeof col === 'number'
      ? ` (impact ${row + 1}, urgency ${col + 1})`
      : '';
  return `priorityMatrix${cell} must hold a whole number from 1 (critical) to 5 (planning)`;
};
const cellSchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)], {
  error: cellError,
});

const rowSchema = (impact: number) =>
  z.tuple([cellSchema, cellSchema, cellSchema], {
    error: `priorityMatrix row for impact ${impact} must list 3 priorities (urgency 1, 2, 3)`,
  });

/** An admin-replaceable matrix: exactly 3 × 3 priorities of 1..5. */
export const priorityMatrixSchema = z.tuple([rowSchema(1), rowSchema(2), rowSchema(3)], {
  error: 'priorityMatrix must have 3 rows (impact 1, 2, 3)',
});

export const defaultPriorityMatrix: PriorityMatrix = [
  [1, 2, 3],
  [2, 3, 4],
  [3, 4, 5],
];

export const derivePriority = (
  impact: Level,
  urgency: Level,
  matrix: PriorityMatrix = defaultPriorityMatrix,
): Priority => matrix[impact - 1]![urgency - 1]!;

export const priorityNames: Record<Priority, string> = {
  1: 'Critical',
  2: 'High',
  3: 'Moderate',
  4: 'Low',
  5: 'Planning',
};

/** "P1 Critical" … "P5 Planning". */
export const priorityLabel = (p: Priority): string => `P${p} ${priorityNames[p]}`;
