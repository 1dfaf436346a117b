import { z } from 'zod';

/**
 * Every HTTP error the hub returns has this shape, so the UI can show
 * `message` and branch on `code` (CONVENTIONS.md rule 8).
 */
export const apiErrorCodes = [
  'BAD_REQUEST',
  'INVALID_JSON',
  'VALIDATION',
  'UNAUTHENTICATED',
  'INVALID_CREDENTIALS',
  'SESSION_EXPIRED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'PAYLOAD_TOO_LARGE',
  'RATE_LIMITED',
  'SETUP_DONE',
  'SETUP_LOCAL_ONLY',
  'UNSUPPORTED_PROTOCOL',
  /** A sync client id that another user already uses. */
  'CLIENT_MISMATCH',
  /** The hub's disk or database is full: nothing was written, retry later. */
  'STORAGE_FULL',
  /** Pairing with a desktop host: the code is not the one the host shows. */
  'PAIRING_CODE_INVALID',
  /** Pairing: the code expired, was already used or was withdrawn by the host. */
  'PAIRING_CODE_EXPIRED',
  'INTERNAL',
  // Answered by the desktop shell's hub proxy (src/main/hub-proxy.ts), not the hub:
  /** No hub address is configured yet. */
  'HUB_NOT_CONFIGURED',
  /** The hub could not be reached (network, DNS, TLS, proxy). */
  'HUB_UNREACHABLE',
  /** The hub answered with something the shell cannot pass on (a redirect, a malformed login). */
  'HUB_BAD_RESPONSE',
  /** The hub presented a certificate other than the one this device paired with. */
  'HUB_CERTIFICATE_MISMATCH',
] as const;
export type ApiErrorCode = (typeof apiErrorCodes)[number];

export const apiErrorSchema = z.object({
  error: z.object({
    code: z.enum(apiErrorCodes),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ApiError = z.infer<typeof apiErrorSchema>;
