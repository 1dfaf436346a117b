import type { ApiError, ApiErrorCode } from '../../shared/api/errors';

// Partial: other layers (the desktop shell's hub proxy) add codes the hub never sends.
const statusOf: Partial<Record<ApiErrorCode, number>> = {
  BAD_REQUEST: 400,
  INVALID_JSON: 400,
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  SESSION_EXPIRED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  SETUP_DONE: 409,
  SETUP_LOCAL_ONLY: 403,
  UNSUPPORTED_PROTOCOL: 400,
  CLIENT_MISMATCH: 403,
  STORAGE_FULL: 507,
  INTERNAL: 500,
};

/**
 * An expected failure with a code the UI can branch on and a message it can
 * show. Services throw it; the HTTP error handler turns it into the shared
 * error body (src/shared/api/errors.ts).
 */
export class HubError extends Error {
  readonly statusCode: number;
  readonly headers: Record<string, string>;

  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: unknown,
    options: { statusCode?: number; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = 'HubError';
    this.statusCode = options.statusCode ?? statusOf[code] ?? 500;
    this.headers = options.headers ?? {};
  }

  toBody(): ApiError {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.details !== undefined && { details: this.details }),
      },
    };
  }
}

export const isHubError = (err: unknown): err is HubError => err instanceof HubError;
