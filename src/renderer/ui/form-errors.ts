import type { z } from 'zod';
import type { ApiError } from '../api/errors';

export type FieldErrors<K extends string> = Partial<Record<K, string>>;

/**
 * Turns the shared schemas' messages ("displayName must not be empty") into
 * what the form shows next to the field ("Display name must not be empty"),
 * keeping the schema the one place the rule and its wording live.
 */
export const labelMessage = (message: string, field: string, label: string): string => {
  if (message.startsWith(field)) return label + message.slice(field.length);
  return message.charAt(0).toUpperCase() + message.slice(1);
};

export const fieldErrorsFrom = <K extends string>(
  error: z.ZodError,
  labels: Record<K, string>,
): FieldErrors<K> => {
  const out: FieldErrors<K> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '') as K;
    if (!(field in labels) || out[field] !== undefined) continue;
    out[field] = labelMessage(issue.message, field, labels[field]);
  }
  return out;
};

/**
 * The hub reports a 400 VALIDATION or 409 CONFLICT with a message that names
 * the field ("username 'ana' is already taken"); show it next to that field
 * when we can tell which one, else above the form.
 */
export const fieldOfHubError = <K extends string>(
  error: ApiError,
  labels: Record<K, string>,
): { field: K; message: string } | null => {
  if (error.kind !== 'hub' || (error.code !== 'VALIDATION' && error.code !== 'CONFLICT')) {
    return null;
  }
  const details = error.details as { field?: unknown; path?: unknown } | undefined;
  const named =
    typeof details?.field === 'string'
      ? details.field
      : Array.isArray(details?.path) && typeof details.path[0] === 'string'
        ? details.path[0]
        : null;
  const fields = Object.keys(labels) as K[];
  const field =
    (named !== null && fields.find((f) => f === named)) ||
    fields.find((f) => new RegExp(`^${f}\\b`).test(error.message));
  return field ? { field, message: labelMessage(error.message, field, labels[field]) } : null;
};
