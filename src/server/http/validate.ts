import type { z } from 'zod';
import { HubError } from './hub-error';

export interface IssueDetail {
  path: string;
  message: string;
}

const pathText = (path: ReadonlyArray<PropertyKey>): string =>
  path
    .map((p) => (typeof p === 'number' ? `[${p}]` : String(p)))
    .join('.')
    .replace(/\.\[/g, '[');

/** Flattens zod issues to `{path, message}` with dotted paths such as `roles[0]`. */
export function issueDetails(error: z.ZodError): IssueDetail[] {
  return error.issues.map((i) => ({ path: pathText(i.path), message: i.message }));
}

/** One line naming each failing field, e.g. "password: password must have at least 10 characters". */
export function validationMessage(details: readonly IssueDetail[]): string {
  return details.map((d) => (d.path ? `${d.path}: ${d.message}` : d.message)).join('; ');
}

export const validationError = (error: z.ZodError, what = 'request body'): HubError => {
  const details = issueDetails(error);
  return new HubError('VALIDATION', `Invalid ${what}: ${validationMessage(details)}`, details);
};

/** Parses untrusted input or throws a 400 VALIDATION naming the fields. */
export function parseInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  what = 'request body',
): z.output<S> {
  if (what === 'request body' && (value === undefined || value === null)) {
    throw new HubError('VALIDATION', 'Invalid request body: a JSON object is required', [
      { path: '', message: 'a JSON object is required' },
    ]);
  }
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(result.error, what);
  return result.data;
}
