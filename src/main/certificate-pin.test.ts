import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateSelfSignedCertificate } from '../server/tls/self-signed';
import { normalizeFingerprint, sameFingerprint } from '../shared/ipc/fingerprint';
import { checkPin, fingerprintFromChromium, fingerprintOfPem } from './certificate-pin';

const NOW = Date.UTC(2026, 0, 5);
const cert = () =>
  generateSelfSignedCertificate({
    commonName: 'host',
    dnsNames: ['host'],
    ipAddresses: ['127.0.0.1'],
    notBefore: NOW,
    notAfter: NOW + 86_400_000,
  });

describe('certificate pin check', () => {
  const pinned = cert();
  const other = cert();
  const der = new X509Certificate(pinned.certPem).raw;

  it('accepts exactly the pinned certificate, however it is presented', () => {
    expect(checkPin(pinned.fingerprint, { der })).toEqual({
      ok: true,
      fingerprint: pinned.fingerprint,
    });
    expect(checkPin(pinned.fingerprint, { pem: pinned.certPem }).ok).toBe(true);
    // Chromium's "sha256/<base64>" spelling of the same hash.
    const chromium = `sha256/${Buffer.from(pinned.fingerprint.replace(/:/g, ''), 'hex').toString('base64')}`;
    expect(checkPin(pinned.fingerprint, { fingerprint: chromium }).ok).toBe(true);
    // The pin as a person may have typed it.
    expect(checkPin(pinned.fingerprint.replace(/:/g, ' ').toLowerCase(), { der }).ok).toBe(true);
  });

  it('refuses any other certificate and says what it expected and got', () => {
    const result = checkPin(pinned.fingerprint, { pem: other.certPem });
    expect(result).toEqual({
      ok: false,
      expected: pinned.fingerprint,
      actual: other.fingerprint,
      message: expect.stringContaining(
        'different certificate than the one this device paired with',
      ),
    });
    expect(!result.ok && result.message).toContain(other.fingerprint);
  });

  it('refuses when nothing readable was presented, or the pin is not a fingerprint', () => {
    expect(checkPin(pinned.fingerprint, { pem: 'garbage' })).toMatchObject({
      ok: false,
      actual: null,
    });
    expect(checkPin(pinned.fingerprint, {})).toMatchObject({ ok: false, actual: null });
    expect(checkPin('12:34', { der })).toMatchObject({
      ok: false,
      message: expect.stringContaining('not a fingerprint'),
    });
  });

  it('prefers the certificate itself over a claimed fingerprint', () => {
    // A verifier handing us a matching fingerprint string with a different certificate is not believed.
    expect(
      checkPin(pinned.fingerprint, { pem: other.certPem, fingerprint: pinned.fingerprint }).ok,
    ).toBe(false);
  });
});

describe('fingerprint spellings', () => {
  it('normalise to upper-case colon pairs and reject the wrong length', () => {
    const hex = 'ab'.repeat(32);
    expect(normalizeFingerprint(hex)).toBe(Array(32).fill('AB').join(':'));
    expect(normalizeFingerprint(`SHA256: ${hex.match(/.{4}/g)!.join(' ')}`)).toBe(
      Array(32).fill('AB').join(':'),
    );
    expect(normalizeFingerprint('ab'.repeat(31))).toBeNull();
    expect(normalizeFingerprint('zz'.repeat(32))).toBeNull();
    expect(sameFingerprint(hex, hex.toUpperCase())).toBe(true);
    expect(fingerprintFromChromium('sha256/AAAA')).toBeNull();
    expect(fingerprintOfPem('nope')).toBeNull();
  });
});
