import { X509Certificate } from 'node:crypto';
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CERT_FILE,
  CertificateError,
  createCertificate,
  KEY_FILE,
  loadOrCreateCertificate,
} from './certificate-store';

const NOW = Date.UTC(2026, 0, 5, 9, 0, 0);
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'outpost-cert-'));
});
afterEach(async () => {
  await chmod(dir, 0o700).catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});

const options = (over: { now?: number; dir?: string } = {}) => ({
  dir: join(over.dir ?? dir, 'tls'),
  now: over.now ?? NOW,
  commonName: 'front-desk-pc',
  dnsNames: ['front-desk-pc', 'localhost'],
  ipAddresses: ['127.0.0.1', '192.168.1.20'],
});

describe('host certificate store', () => {
  it('makes the certificate once and keeps its fingerprint across restarts', async () => {
    const first = await loadOrCreateCertificate(options());
    expect(first.created).toBe(true);
    const again = await loadOrCreateCertificate(options({ now: NOW + 86_400_000 }));
    expect(again.created).toBe(false);
    expect(again.fingerprint).toBe(first.fingerprint);
    expect(new X509Certificate(again.certPem).fingerprint256).toBe(first.fingerprint);
    expect(again.notAfter).toBe(first.notAfter);
  });

  it('keeps the private key readable by the user only', async () => {
    await loadOrCreateCertificate(options());
    expect((await stat(join(dir, 'tls', KEY_FILE))).mode & 0o777).toBe(0o600);
    // A key file someone loosened is tightened again on the next start.
    await chmod(join(dir, 'tls', KEY_FILE), 0o644);
    await loadOrCreateCertificate(options());
    expect((await stat(join(dir, 'tls', KEY_FILE))).mode & 0o777).toBe(0o600);
  });

  it('replaces a damaged, mismatched or expired certificate and says why', async () => {
    const first = await loadOrCreateCertificate(options());
    const reasons: string[] = [];
    const onReplaced = (r: string) => void reasons.push(r);

    await writeFile(join(dir, 'tls', CERT_FILE), 'not a certificate');
    const repaired = await loadOrCreateCertificate({ ...options(), onReplaced });
    expect(repaired.created).toBe(true);
    expect(repaired.fingerprint).not.toBe(first.fingerprint);

    // A crash between the key and the certificate write: key of one, certificate of another.
    const other = await createCertificate(options({ dir: join(dir, 'other') }));
    await writeFile(join(dir, 'tls', CERT_FILE), other.certPem);
    expect((await loadOrCreateCertificate({ ...options(), onReplaced })).created).toBe(true);

    const later = NOW + 6 * 365 * 86_400_000;
    expect(
      (await loadOrCreateCertificate({ ...options({ now: later }), onReplaced })).created,
    ).toBe(true);
    expect(reasons).toEqual([
      expect.any(String),
      'the key does not belong to the certificate',
      expect.stringContaining('expired'),
    ]);
  });

  it('reports a folder it cannot write with the folder named', async () => {
    if (process.getuid?.() === 0) {
      // root ignores permissions: use a path under a file instead.
      await writeFile(join(dir, 'blocker'), '');
      await expect(loadOrCreateCertificate(options({ dir: join(dir, 'blocker') }))).rejects.toThrow(
        CertificateError,
      );
      return;
    }
    await chmod(dir, 0o500);
    const error = await loadOrCreateCertificate(options()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CertificateError);
    expect((error as Error).message).toContain(join(dir, 'tls'));
  });

  it('writes the certificate readable for all (it is public) and the key for the user only', async () => {
    const made = await createCertificate(options());
    expect(await readFile(join(dir, 'tls', CERT_FILE), 'utf8')).toBe(made.certPem);
    expect(await readFile(join(dir, 'tls', KEY_FILE), 'utf8')).toBe(made.keyPem);
    expect((await stat(join(dir, 'tls', CERT_FILE))).mode & 0o777).toBe(0o644);
    expect((await stat(join(dir, 'tls', KEY_FILE))).mode & 0o777).toBe(0o600);
  });
});
