import {
  createHash,
  generateKeyPairSync,
  randomBytes,
  sign,
  X509Certificate,
  type KeyObject,
} from 'node:crypto';
import { isIP } from 'node:net';
import {
  bitString,
  booleanTrue,
  explicit,
  implicitPrimitive,
  octetString,
  oid,
  sequence,
  set,
  smallInteger,
  time,
  toPem,
  unsignedInteger,
  utf8String,
  type Der,
} from './der';

/**
 * A self-signed TLS certificate for a desktop that shares its hub on the LAN
 * (SECURITY.md "Hub": clients pin its fingerprint when they pair). ECDSA
 * P-256 with SHA-256: small, fast, and accepted by Node, Chromium and every
 * current browser.
 */
export interface CertificateRequest {
  commonName: string;
  /** Host names for subjectAltName (e.g. the computer's name, "localhost"). */
  dnsNames: readonly string[];
  /** IPv4/IPv6 addresses for subjectAltName. */
  ipAddresses: readonly string[];
  notBefore: number;
  notAfter: number;
}

export interface GeneratedCertificate {
  certPem: string;
  keyPem: string;
  /** SHA-256 of the DER certificate as AB:CD:… (what Node's X509Certificate.fingerprint256 gives). */
  fingerprint: string;
}

const OID = {
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  subjectAltName: '2.5.29.17',
  subjectKeyIdentifier: '2.5.29.14',
  serverAuth: '1.3.6.1.5.5.7.3.1',
} as const;

const name = (commonName: string): Der =>
  sequence(
    set(sequence(oid(OID.organization), utf8String('Outpost host mode'))),
    set(sequence(oid(OID.commonName), utf8String(commonName))),
  );

const extension = (id: string, value: Der, critical = false): Der =>
  sequence(oid(id), ...(critical ? [booleanTrue()] : []), octetString(value));

/** 4 bytes for IPv4, 16 for IPv6, as subjectAltName's iPAddress wants them. */
export const ipBytes = (address: string): Buffer => {
  const family = isIP(address);
  if (family === 4) return Buffer.from(address.split('.').map((p) => Number(p)));
  if (family !== 6) throw new RangeError(`${address} is not an IP address`);
  const [head = '', tail = ''] = address.split('::') as [string, string?];
  const groups = (s: string) => (s ? s.split(':') : []);
  let parts = [...groups(head)];
  let tailParts = address.includes('::') ? groups(tail) : [];
  // An embedded IPv4 tail (::ffff:1.2.3.4) is two groups.
  const last = (tailParts.length ? tailParts : parts).at(-1) ?? '';
  if (isIP(last) === 4) {
    const v4 = last.split('.').map(Number) as [number, number, number, number];
    const replacement = [((v4[0] << 8) | v4[1]).toString(16), ((v4[2] << 8) | v4[3]).toString(16)];
    if (tailParts.length) tailParts = [...tailParts.slice(0, -1), ...replacement];
    else parts = [...parts.slice(0, -1), ...replacement];
  }
  const missing = 8 - parts.length - tailParts.length;
  const all = address.includes('::')
    ? [...parts, ...Array<string>(missing).fill('0'), ...tailParts]
    : parts;
  const out = Buffer.alloc(16);
  all.forEach((g, i) => out.writeUInt16BE(parseInt(g, 16), i * 2));
  return out;
};

const subjectAltName = (dnsNames: readonly string[], ips: readonly string[]): Der =>
  sequence(
    ...dnsNames.map((d) => implicitPrimitive(2, Buffer.from(d, 'ascii'))),
    ...ips.map((ip) => implicitPrimitive(7, ipBytes(ip))),
  );

const validDnsName = (s: string) =>
  s.length > 0 &&
  s.length <= 253 &&
  /^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$/.test(s);

/** Builds and signs the certificate for an existing EC key pair. */
export const buildCertificate = (
  request: CertificateRequest,
  keys: { publicKey: KeyObject; privateKey: KeyObject },
  serial: Buffer = randomBytes(16),
): Buffer => {
  if (!(request.notAfter > request.notBefore)) {
    throw new RangeError('notAfter must be later than notBefore');
  }
  const dnsNames = [...new Set(request.dnsNames.filter(validDnsName))];
  const ips = [...new Set(request.ipAddresses.filter((a) => isIP(a) !== 0))];
  const spki = keys.publicKey.export({ type: 'spki', format: 'der' });
  // RFC 5280 §4.2.1.2 method 1: SHA-1 of the subjectPublicKey bits (the last 65 bytes for P-256).
  const keyId = createHash('sha1')
    .update(spki.subarray(spki.length - 65))
    .digest();
  const algorithm = sequence(oid(OID.ecdsaWithSha256));
  const positiveSerial = Buffer.from(serial);
  positiveSerial[0] = (positiveSerial[0] ?? 0) & 0x7f || 0x01;
  const tbs = sequence(
    explicit(0, smallInteger(2)),
    unsignedInteger(positiveSerial),
    algorithm,
    name(request.commonName),
    sequence(time(request.notBefore), time(request.notAfter)),
    name(request.commonName),
    spki,
    explicit(
      3,
      sequence(
        extension(OID.basicConstraints, sequence(), true),
        // digitalSignature only: bit 0 set, 7 unused bits.
        extension(OID.keyUsage, bitString(Buffer.from([0x80]), 7), true),
        extension(OID.extKeyUsage, sequence(oid(OID.serverAuth))),
        extension(OID.subjectKeyIdentifier, octetString(keyId)),
        ...(dnsNames.length || ips.length
          ? [extension(OID.subjectAltName, subjectAltName(dnsNames, ips))]
          : []),
      ),
    ),
  );
  const signature = sign('sha256', tbs, keys.privateKey);
  return sequence(tbs, algorithm, bitString(signature));
};

export const generateSelfSignedCertificate = (
  request: CertificateRequest,
): GeneratedCertificate => {
  const keys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const der = buildCertificate(request, keys);
  const certPem = toPem('CERTIFICATE', der);
  const keyPem = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  return { certPem, keyPem, fingerprint: new X509Certificate(certPem).fingerprint256 };
};
