import { z } from 'zod';

/**
 * Pairing a device with a desktop that hosts the hub on the LAN (issue 7,
 * SECURITY.md "Hub"). The host shows its address, its certificate
 * fingerprint and a short-lived code; the device proves it was given the
 * code by the host's user and signs in with its own account in one request.
 */
export const PAIRING_CLAIM_PATH = '/pairing/claim';

/** No 0/O, 1/I/L: codes are read aloud and typed from another screen. */
export const PAIRING_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const PAIRING_CODE_LENGTH = 8;

/** Upper-case, separators dropped; "abcd-efgh" and "ABCD EFGH" are the same code. */
export const normalizePairingCode = (input: string): string =>
  input.toUpperCase().replace(/[\s-]/g, '');

/** ABCD-EFGH: easier to read out and compare than eight letters in a row. */
export const formatPairingCode = (code: string): string =>
  code.length === PAIRING_CODE_LENGTH ? `${code.slice(0, 4)}-${code.slice(4)}` : code;

export const pairingCodeSchema = z
  .string({ error: 'code is required' })
  .max(40, { error: 'code is too long' })
  .transform(normalizePairingCode)
  .refine((c) => c.length === PAIRING_CODE_LENGTH, {
    error: `code must have ${PAIRING_CODE_LENGTH} characters, e.g. ABCD-EFGH`,
  })
  .refine((c) => [...c].every((ch) => PAIRING_ALPHABET.includes(ch)), {
    error: 'code contains a character the host never shows (codes have no 0, 1, I, L or O)',
  });

export const pairingClaimSchema = z.object({
  code: pairingCodeSchema,
  username: z.string({ error: 'username is required' }).min(1, { error: 'username is required' }),
  password: z.string({ error: 'password is required' }).min(1, { error: 'password is required' }),
  /** Shown in the host's audit log ("Ben's laptop"). */
  deviceName: z
    .string()
    .trim()
    .max(80, { error: 'deviceName must have at most 80 characters' })
    .optional(),
});
export type PairingClaim = z.input<typeof pairingClaimSchema>;
