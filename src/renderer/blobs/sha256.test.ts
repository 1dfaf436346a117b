import { describe, expect, it } from 'vitest';
import { createSha256 } from './sha256';

const hex = (buf: ArrayBuffer) =>
  [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');
const webcrypto = async (data: Uint8Array) =>
  hex(await crypto.subtle.digest('SHA-256', data as Uint8Array<ArrayBuffer>));

const bytes = (n: number, seed: number) => {
  const b = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    b[i] = x >> 16;
  }
  return b;
};

describe('incremental SHA-256', () => {
  it('matches the standard test vectors', () => {
    const of = (s: string) => {
      const h = createSha256();
      h.update(new TextEncoder().encode(s));
      return h.digestHex();
    };
    expect(of('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(of('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(of('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('gives WebCrypto’s answer however the input is split, at every padding edge', async () => {
    for (const n of [1, 55, 56, 63, 64, 65, 119, 120, 128, 1000, 70_001]) {
      const data = bytes(n, n);
      const expected = await webcrypto(data);
      for (const piece of [1, 7, 64, 333, n]) {
        const h = createSha256();
        for (let i = 0; i < n; i += piece) h.update(data.subarray(i, i + piece));
        expect(h.digestHex(), `${n} bytes in pieces of ${piece}`).toBe(expected);
      }
    }
  });

  it('refuses to be used after it finished', () => {
    const h = createSha256();
    h.digestHex();
    expect(() => h.update(new Uint8Array(1))).toThrow(/already finished/);
  });
});
