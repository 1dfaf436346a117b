import type { z } from 'zod';

/**
 * Test helpers for the rule of issue 4: every schema rejects bad input with a message
 * that names the field. "Names" means the message text itself, not only zod's path:
 * the path is lost wherever a message is shown on its own (a conflict card, a form).
 */
export type Path = ReadonlyArray<PropertyKey>;

/** A deep copy of `value` with `path` set to `next`; `undefined` removes the key. */
export const setAt = (value: unknown, path: Path, next: unknown): unknown => {
  if (path.length === 0) return next;
  const [head, ...rest] = path;
  const copy = (
    Array.isArray(value) ? [...(value as unknown[])] : { ...(value as object) }
  ) as Record<PropertyKey, unknown>;
  const child = setAt(copy[head!], rest, next);
  if (child === undefined) delete copy[head!];
  else copy[head!] = child;
  return copy;
};

/** The last named key of a path: ['holidays', 0] → holidays. */
export const leafField = (path: Path): string | null => {
  for (let i = path.length - 1; i >= 0; i--) {
    if (typeof path[i] === 'string') return path[i] as string;
  }
  return null;
};

/** The field an issue is about: the unknown key it reports, else the last named key of its path. */
export const issueField = (issue: z.core.$ZodIssue): string | null =>
  issue.code === 'unrecognized_keys' ? (issue.keys[0] ?? null) : leafField(issue.path);

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** True when `message` names `field` as a word of its own ("resolution.code must…" names code). */
export const namesField = (message: string, field: string): boolean =>
  new RegExp(`(^|[^A-Za-z0-9_])${escapeRe(field)}([^A-Za-z0-9_]|$)`, 'i').test(message);

/** An issue inside a list may name one item: "role must be…" for roles[0], "holiday …" for holidays[1]. */
const namesIssueField = (issue: z.core.$ZodIssue, field: string): boolean => {
  if (namesField(issue.message, field)) return true;
  const inList = typeof issue.path[issue.path.lastIndexOf(field) + 1] === 'number';
  return inList && field.endsWith('s') && namesField(issue.message, field.slice(0, -1));
};

/** A value of another JSON type, and what it is: a number for text, an object for a list… */
export const wrongTypeFor = (v: unknown): { value: unknown; what: string } => {
  if (typeof v === 'string') return { value: 42, what: 'a number for text' };
  if (typeof v === 'number') return { value: String(v), what: 'text for a number' };
  if (typeof v === 'boolean') return { value: 'yes', what: 'text for true/false' };
  if (Array.isArray(v)) return { value: { 0: v[0] }, what: 'an object for a list' };
  if (v === null) return { value: true, what: 'true where null is allowed' };
  return { value: [v], what: 'a list for an object' };
};

/**
 * Every field of a valid sample, nested objects and the first element of each list
 * included, with a wrong-typed value for it. `skip` leaves out paths that accept any
 * type (z.unknown payloads, values of records keyed by data) and what lies below them.
 */
export const wrongTypeCases = (
  sample: unknown,
  skip: (path: Path) => boolean = () => false,
): Array<{ path: Path; value: unknown; what: string }> => {
  const out: Array<{ path: Path; value: unknown; what: string }> = [];
  const walk = (v: unknown, path: Path) => {
    if (path.length > 0) {
      if (skip(path)) return;
      out.push({ path, ...wrongTypeFor(v) });
    }
    if (Array.isArray(v)) {
      if (v.length > 0) walk(v[0], [...path, 0]);
    } else if (v !== null && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) walk(child, [...path, k]);
    }
  };
  walk(sample, []);
  return out;
};

const show = (issue: z.core.$ZodIssue): string => `${issue.path.join('.')}: ${issue.message}`;

/**
 * What is wrong with how `schema` rejects `input` (empty when it is right): it must
 * fail, one issue must be about `field`, and every issue's message must name its own
 * field so no message reads as an anonymous "Invalid input".
 */
export const rejectionFaults = (schema: z.ZodType, input: unknown, field: string): string[] => {
  const r = schema.safeParse(input);
  if (r.success) return [`accepted: ${JSON.stringify(r.data).slice(0, 200)}`];
  const faults: string[] = [];
  if (!r.error.issues.some((i) => issueField(i) === field)) {
    faults.push(`no issue about ${field}: ${r.error.issues.map(show).join(' | ')}`);
  }
  for (const issue of r.error.issues) {
    const own = issueField(issue);
    if (own !== null && !namesIssueField(issue, own)) {
      faults.push(`message does not name ${own}: ${show(issue)}`);
    }
  }
  return faults;
};

/** The first issue's message, or 'valid'. */
export const firstMessage = (schema: z.ZodType, input: unknown): string => {
  const r = schema.safeParse(input);
  return r.success ? 'valid' : (r.error.issues[0]?.message ?? 'invalid');
};
