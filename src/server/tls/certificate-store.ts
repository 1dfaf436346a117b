import { createPrivateKey, X509Certificate } from 'node:crypto';
import { chmod, mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { generateSelfSignedCertificate } from './self-signed';

/**
 * The host's TLS certificate, made once and kept in the hub's folder so its
 * fingerprint — which paired devices pin — survives restarts. The private
 * key file is readable by the user only (0600). A damaged or mismatched pair
 * (e.g. a crash between the two writes) is replaced by a new one.
 */
export interface HostCertificate {
  certPem: string;
  keyPem: string;
  fingerprint: string;
  notBefore: number;
  notAfter: number;
  /** True when this call made it (devices paired before must pair again). */
  created: boolean;
}

export interface CertificateOptions {
  dir: string;
  now: number;
  commonName: string;
  dnsNames: readonly string[];
  ipAddresses: readonly string[];
  /** Long: a pinned certificate's only weakness is its key, and renewing it forces every device to re-pair. */
  validityDays?: number;
}

export const CERT_FILE = 'hub-cert.pem';
export const KEY_FILE = 'hub-key.pem';
const DEFAULT_VALIDITY_DAYS = 5 * 365;

export class CertificateError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CertificateError';
  }
}

const isMissing = (e: unknown) =>
  typeof e === 'object' && e !== null && 'code' in e && e.code === 'ENOENT';

/** Writes through a temporary file: a crash leaves the old file or the new one. */
const writeAtomic = async (path: string, text: string, mode: number): Promise<void> => {
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    const handle = await open(tmp, 'w', mode);
    try {
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    // `mode` applies only when a file is created; the temp file may be left over.
    await chmod(tmp, mode);
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
};

type Existing =
  { kind: 'none' } | { kind: 'ok'; cert: HostCertificate } | { kind: 'unusable'; reason: string };

const readExisting = async (dir: string, now: number): Promise<Existing> => {
  let certPem: string;
  let keyPem: string;
  try {
    [certPem, keyPem] = await Promise.all([
      readFile(join(dir, CERT_FILE), 'utf8'),
      readFile(join(dir, KEY_FILE), 'utf8'),
    ]);
  } catch (e) {
    if (isMissing(e)) return { kind: 'none' };
    throw e;
  }
  try {
    const x509 = new X509Certificate(certPem);
    if (!x509.checkPrivateKey(createPrivateKey(keyPem))) {
      return { kind: 'unusable', reason: 'the key does not belong to the certificate' };
    }
    const notBefore = Date.parse(x509.validFrom);
    const notAfter = Date.parse(x509.validTo);
    if (notAfter <= now) return { kind: 'unusable', reason: `it expired on ${x509.validTo}` };
    return {
      kind: 'ok',
      cert: {
        certPem,
        keyPem,
        fingerprint: x509.fingerprint256,
        notBefore,
        notAfter,
        created: false,
      },
    };
  } catch (e) {
    return { kind: 'unusable', reason: e instanceof Error ? e.message : String(e) };
  }
};

const describe = (e: unknown) => (e instanceof Error ? e.message : String(e));

export const createCertificate = async (options: CertificateOptions): Promise<HostCertificate> => {
  const notBefore = options.now - 60 * 60_000; // an hour of slack for clocks slightly behind
  const notAfter = options.now + (options.validityDays ?? DEFAULT_VALIDITY_DAYS) * 86_400_000;
  const made = generateSelfSignedCertificate({
    commonName: options.commonName,
    dnsNames: options.dnsNames,
    ipAddresses: options.ipAddresses,
    notBefore,
    notAfter,
  });
  try {
    await mkdir(options.dir, { recursive: true });
    // Key first: a crash before the certificate is written leaves a mismatch, which is detected.
    await writeAtomic(join(options.dir, KEY_FILE), made.keyPem, 0o600);
    await writeAtomic(join(options.dir, CERT_FILE), made.certPem, 0o644);
  } catch (e) {
    throw new CertificateError(
      `Cannot save the host's certificate in ${options.dir}: ${describe(e)}`,
      { cause: e },
    );
  }
  return {
    certPem: made.certPem,
    keyPem: made.keyPem,
    fingerprint: made.fingerprint,
    notBefore: Math.floor(notBefore / 1000) * 1000,
    notAfter: Math.floor(notAfter / 1000) * 1000,
    created: true,
  };
};

/** The stored certificate, or a new one when there is none or it cannot be used. */
export const loadOrCreateCertificate = async (
  options: CertificateOptions & { onReplaced?: (reason: string) => void },
): Promise<HostCertificate> => {
  let existing: Existing;
  try {
    existing = await readExisting(options.dir, options.now);
  } catch (e) {
    throw new CertificateError(
      `Cannot read the host's certificate in ${options.dir}: ${describe(e)}`,
      { cause: e },
    );
  }
  if (existing.kind === 'ok') {
    // Tighten a key file someone loosened (copied profile, backup restore).
    await chmod(join(options.dir, KEY_FILE), 0o600).catch(() => undefined);
    return existing.cert;
  }
  if (existing.kind === 'unusable') options.onReplaced?.(existing.reason);
  return createCertificate(options);
};
