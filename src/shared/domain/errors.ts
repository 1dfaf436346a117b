import type { z } from 'zod';

/**
 * Errors are values (CONVENTIONS.md rule 8): a code the UI branches on and a message
 * it can show as is. `field` names the input that is wrong or missing.
 */
export const domainErrorCodes = [
  'VALIDATION',
  'NOT_FOUND',
  'FORBIDDEN',
  'INVALID_TRANSITION',
  'TRANSITION_CONFLICT',
  'GUARD_FAILED',
  'ALREADY_EXISTS',
  'UNKNOWN_MUTATION',
] as const;
export type DomainErrorCode = (typeof domainErrorCodes)[number];

export interface DomainError {
  code: DomainErrorCode;
  message: string;
  field?: string;
  /** Facts behind the error for the UI (e.g. the ticket's real state and who set it). */
  details?: Record<string, string | number | null>;
}

export const domainError = (
  code: DomainErrorCode,
  message: string,
  field?: string,
  details?: DomainError['details'],
): DomainError => ({
  code,
  message,
  ...(field === undefined ? {} : { field }),
  ...(details === undefined ? {} : { details }),
});

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The first zod issue as a VALIDATION error whose message always names the field:
 * schemas here already say "title must not be empty"; zod's generic messages get the
 * path put in front of them.
 */
export const zodToDomainError = (error: z.ZodError, prefix?: string): DomainError => {
  const issue = error.issues[0];
  if (!issue) return domainError('VALIDATION', 'invalid input');
  const path = [...(prefix ? [prefix] : []), ...issue.path.map(String)];
  if (issue.code === 'unrecognized_keys') {
    const field = [...path, issue.keys[0] ?? ''].join('.');
    return domainError('VALIDATION', `${field} is not a known field`, field);
  }
  const field = path.join('.');
  const last = path[path.length - 1];
  const named = last === undefined || new RegExp(`(^|\\W)${escapeRe(last)}\\b`).test(issue.message);
  const message = named || field === '' ? issue.message : `${field}: ${issue.message}`;
  return domainError('VALIDATION', message, field === '' ? undefined : field);
};
