import { createHash, X509Certificate } from 'node:crypto';
import { normalizeFingerprint } from '../shared/ipc/fingerprint';

/**
 * Certificate pinning for hubs shared from a desktop on the LAN: the device
 * accepts exactly the certificate whose fingerprint its user was shown when
 * pairing, whatever the system's trust store says (the certificate is
 * self-signed, so the trust store would refuse it; and an attacker's
 * certificate signed by some trusted CA must not be accepted either).
 * One pure check, used by the Node pairing client and by Electron's
 * certificate verifier for net.fetch.
 */
export type PinCheck =
  | { ok: true; fingerprint: string }
  | { ok: false; expected: string; actual: string | null; message: string };

const colonHex = (digest: Buffer): string =>
  digest.toString('hex').toUpperCase().match(/.{2}/g)!.join(':');

export const fingerprintOfDer = (der: Buffer): string =>
  colonHex(createHash('sha256').update(der).digest());

/** From a PEM certificate (Electron's Certificate.data); null when it does not parse. */
export const fingerprintOfPem = (pem: string): string | null => {
  try {
    return new X509Certificate(pem).fingerprint256;
  } catch {
    return null;
  }
};

/** Chromium spells fingerprints "sha256/<base64>"; this turns that into AB:CD:…. */
export const fingerprintFromChromium = (value: string): string | null => {
  const m = /^sha256\/([A-Za-z0-9+/=]+)$/.exec(value.trim());
  if (!m?.[1]) return normalizeFingerprint(value);
  const bytes = Buffer.from(m[1], 'base64');
  return bytes.length === 32 ? colonHex(bytes) : null;
};

export const mismatchMessage = (expected: string, actual: string | null): string =>
  actual === null
    ? `The hub did not present a certificate Outpost could read; expected the one with fingerprint ${expected}.`
    : `The hub presented a different certificate than the one this device paired with ` +
      `(expected ${expected}, got ${actual}). If the host made a new certificate, pair again ` +
      `with the fingerprint it shows now; otherwise someone may be intercepting the connection.`;

/**
 * `presented` is whatever the caller has: the DER bytes (Node), a PEM
 * (Electron's certificate.data), or a fingerprint string. The fingerprint
 * is computed from the certificate itself whenever possible.
 */
export const checkPin = (
  pin: string,
  presented: { der?: Buffer; pem?: string; fingerprint?: string },
): PinCheck => {
  const expected = normalizeFingerprint(pin);
  if (!expected) {
    return {
      ok: false,
      expected: pin,
      actual: null,
      message: `The stored pin "${pin}" is not a fingerprint.`,
    };
  }
  const actual =
    presented.der && presented.der.length > 0
      ? fingerprintOfDer(presented.der)
      : presented.pem
        ? fingerprintOfPem(presented.pem)
        : presented.fingerprint
          ? fingerprintFromChromium(presented.fingerprint)
          : null;
  if (actual !== null && actual === expected) return { ok: true, fingerprint: actual };
  return { ok: false, expected, actual, message: mismatchMessage(expected, actual) };
};
