import type { ApiErrorCode } from '../../shared/api/errors';

/**
 * Every failed hub call ends as one of these values (CONVENTIONS.md rule 8),
 * so a screen can branch on `kind`/`code` and always has a message to show.
 */
export type ApiError =
  | {
      kind: 'hub';
      status: number;
      code: ApiErrorCode;
      message: string;
      details?: unknown;
      /** Seconds to wait before retrying, when the hub said so (429). */
      retryAfterSeconds: number | null;
    }
  /** The request never got an answer: no network, hub down, DNS, TLS. */
  | { kind: 'unreachable'; message: string }
  /** The hub answered with something this client cannot read. */
  | { kind: 'invalid-response'; status: number; message: string };

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export const ok = <T>(value: T): ApiResult<T> => ({ ok: true, value });
export const fail = <T>(error: ApiError): ApiResult<T> => ({ ok: false, error });

/** The signed-in session is gone; the user must sign in again (input is kept). */
export const isSessionLost = (error: ApiError): boolean =>
  error.kind === 'hub' &&
  error.status === 401 &&
  (error.code === 'SESSION_EXPIRED' || error.code === 'UNAUTHENTICATED');

export const isHubError = (
  error: ApiError,
  code: ApiErrorCode,
): error is Extract<ApiError, { kind: 'hub' }> => error.kind === 'hub' && error.code === code;

/** "about 2 minutes" style wording for a rate-limit wait. */
export const describeWait = (seconds: number): string => {
  const s = Math.max(1, Math.ceil(seconds));
  if (s < 60) return `${s} second${s === 1 ? '' : 's'}`;
  const m = Math.ceil(s / 60);
  return `${m} minute${m === 1 ? '' : 's'}`;
};

/** One sentence a person can act on, for any API error. */
export const describeApiError = (error: ApiError): string => {
  switch (error.kind) {
    case 'unreachable':
      return error.message;
    case 'invalid-response':
      return error.message;
    case 'hub':
      if (error.code === 'RATE_LIMITED' && error.retryAfterSeconds !== null) {
        return `Too many attempts. Try again in ${describeWait(error.retryAfterSeconds)}.`;
      }
      return error.message;
  }
};
