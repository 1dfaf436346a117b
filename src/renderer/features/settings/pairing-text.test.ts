import { describe, expect, it } from 'vitest';
import { formatPairingDetails, parsePairingDetails } from './pairing-text';

const FP = Array.from({ length: 32 }, (_, i) =>
  (i * 7 + 16).toString(16).toUpperCase().padStart(2, '0'),
).join(':');

describe('pairing details text', () => {
  it('round-trips address, code and fingerprint', () => {
    const text = formatPairingDetails(
      { address: 'https://192.168.1.20:7410', code: 'ABCD2345', fingerprint: FP, expiresAt: 1 },
      () => '10:42',
    );
    expect(text).toBe(
      `Outpost host: https://192.168.1.20:7410\nPairing code: ABCD-2345 (valid until 10:42)\nCertificate fingerprint (SHA-256): ${FP}`,
    );
    expect(parsePairingDetails(text)).toEqual({
      address: 'https://192.168.1.20:7410',
      code: 'ABCD-2345',
      fingerprint: FP,
    });
  });

  it('reads what survives a chat client: lower case, lost colons, extra words', () => {
    const mangled = `hi! outpost host:  https://192.168.1.20:7410.\npairing code: abcd2345\nfingerprint ${FP.replace(/:/g, ' ').toLowerCase()}`;
    expect(parsePairingDetails(mangled)).toEqual({
      address: 'https://192.168.1.20:7410',
      code: 'ABCD-2345',
      fingerprint: FP,
    });
  });

  it('leaves out what is not there or not valid', () => {
    expect(parsePairingDetails('Pairing code: ABCD-0000\nfingerprint AB:CD')).toEqual({});
    expect(parsePairingDetails('')).toEqual({});
  });
});
