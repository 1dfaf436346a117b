import { z } from 'zod';

/**
 * Certificate fingerprints as people read them: the SHA-256 of the DER
 * certificate as 32 upper-case hex pairs joined by colons (what Node's
 * X509Certificate.fingerprint256 and browsers' certificate viewers show).
 * Users copy them from a screen or a chat message, so spaces, dashes, a
 * missing colon or lower case are forgiven; a wrong length never is.
 */
export const FINGERPRINT_HEX_LENGTH = 64;

export const normalizeFingerprint = (input: string): string | null => {
  const hex = input
    .trim()
    .replace(/^sha-?256[:\s]*/i, '')
    .replace(/[\s:-]/g, '')
    .toUpperCase();
  if (!/^[0-9A-F]+$/.test(hex) || hex.length !== FINGERPRINT_HEX_LENGTH) return null;
  return hex.match(/.{2}/g)!.join(':');
};

export const fingerprintSchema = z
  .string({ error: 'fingerprint must be a string' })
  .max(300, { error: 'fingerprint is too long' })
  .transform((s, ctx) => {
    const normalized = normalizeFingerprint(s);
    if (!normalized) {
      ctx.addIssue({
        code: 'custom',
        message:
          'fingerprint must be the 64 hexadecimal digits shown on the host (SHA-256), e.g. AB:CD:…',
      });
      return z.NEVER;
    }
    return normalized;
  });

/** Compares two fingerprints in any accepted spelling. */
export const sameFingerprint = (a: string, b: string): boolean => {
  const x = normalizeFingerprint(a);
  return x !== null && x === normalizeFingerprint(b);
};

/** A short form for tight spaces; the full value is always available beside it. */
export const shortFingerprint = (fingerprint: string): string =>
  fingerprint.split(':').slice(0, 6).join(':') + '…';
