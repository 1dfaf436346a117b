/**
 * The few DER (ASN.1 Distinguished Encoding Rules) constructions a
 * self-signed X.509 certificate needs. Written here rather than taken from a
 * library: no openssl binary may be assumed on the machines Outpost runs on,
 * and a certificate is only a handful of nested sequences (RFC 5280).
 */
export type Der = Buffer;

const lengthBytes = (length: number): Buffer => {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
};

/** Tag + length + content. */
export const tlv = (tag: number, content: Buffer): Der =>
  Buffer.concat([Buffer.from([tag]), lengthBytes(content.length), content]);

export const sequence = (...items: Der[]): Der => tlv(0x30, Buffer.concat(items));
export const set = (...items: Der[]): Der => tlv(0x31, Buffer.concat(items));
export const octetString = (content: Buffer): Der => tlv(0x04, content);
export const utf8String = (text: string): Der => tlv(0x0c, Buffer.from(text, 'utf8'));
export const booleanTrue = (): Der => tlv(0x01, Buffer.from([0xff]));
export const nullValue = (): Der => Buffer.from([0x05, 0x00]);

/** A BIT STRING whose content is whole bytes (`unusedBits` at the end of the last one). */
export const bitString = (content: Buffer, unusedBits = 0): Der =>
  tlv(0x03, Buffer.concat([Buffer.from([unusedBits]), content]));

/** A non-negative INTEGER from big-endian bytes (a leading 0 keeps it positive). */
export const unsignedInteger = (bytes: Buffer): Der => {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  const trimmed = bytes.subarray(start);
  const content = (trimmed[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed;
  return tlv(0x02, content.length === 0 ? Buffer.from([0]) : content);
};

export const smallInteger = (n: number): Der => {
  if (!Number.isInteger(n) || n < 0 || n > 0x7fffffff) throw new RangeError(`bad integer ${n}`);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return unsignedInteger(Buffer.from(bytes.length ? bytes : [0]));
};

const base128 = (n: number): number[] => {
  const out = [n & 0x7f];
  for (let v = Math.floor(n / 128); v > 0; v = Math.floor(v / 128)) out.unshift(0x80 | (v & 0x7f));
  return out;
};

/** An OBJECT IDENTIFIER from its dotted form, e.g. "2.5.4.3". */
export const oid = (dotted: string): Der => {
  const parts = dotted.split('.').map((p) => Number(p));
  if (parts.length < 2 || parts.some((p) => !Number.isInteger(p) || p < 0)) {
    throw new RangeError(`bad object identifier ${dotted}`);
  }
  const [first, second, ...rest] = parts as [number, number, ...number[]];
  const bytes = [...base128(first * 40 + second), ...rest.flatMap(base128)];
  return tlv(0x06, Buffer.from(bytes));
};

/** Context-specific tag: `[n] EXPLICIT` wraps a whole element, `[n] IMPLICIT` replaces a primitive's tag. */
export const explicit = (n: number, inner: Der): Der => tlv(0xa0 | n, inner);
export const implicitPrimitive = (n: number, content: Buffer): Der => tlv(0x80 | n, content);

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050, always in UTC, whole seconds. */
export const time = (ms: number): Der => {
  const d = new Date(ms);
  const year = d.getUTCFullYear();
  const rest =
    pad(d.getUTCMonth() + 1, 2) +
    pad(d.getUTCDate(), 2) +
    pad(d.getUTCHours(), 2) +
    pad(d.getUTCMinutes(), 2) +
    pad(d.getUTCSeconds(), 2) +
    'Z';
  if (year >= 1950 && year < 2050)
    return tlv(0x17, Buffer.from(pad(year % 100, 2) + rest, 'ascii'));
  return tlv(0x18, Buffer.from(pad(year, 4) + rest, 'ascii'));
};

export const toPem = (label: string, der: Buffer): string => {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
};
