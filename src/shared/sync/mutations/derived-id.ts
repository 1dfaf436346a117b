/**
 * Ids a mutation derives from its inputs (conflict entries, links). `apply` is pure,
 * so the client's optimistic run and the hub's run must produce the same ids; a
 * random UUID would differ. The hash is cyrb128 (not cryptographic: these ids only
 * need to be stable and well spread), formatted as an RFC 9562 version-8 UUID.
 */
const cyrb128 = (s: string): [number, number, number, number] => {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < s.length; i++) {
    const k = s.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
};

const hex8 = (n: number): string => n.toString(16).padStart(8, '0');

export const derivedId = <T extends string>(...parts: readonly string[]): T => {
  const h = cyrb128(parts.map((p) => `${p.length}:${p}`).join('|'))
    .map(hex8)
    .join('');
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}` as T;
};
