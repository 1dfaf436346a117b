import { z } from 'zod';
import { normalizeFingerprint } from '../shared/ipc/fingerprint';
import { checkPin } from './certificate-pin';
import { readJsonFile, writeJsonFileAtomic, type JsonRead } from './json-file';
import type { Log } from './log';

/**
 * Which certificate each paired hub must present: hub origin → SHA-256
 * fingerprint, in `hub-pins.json` beside the settings. Kept in memory after
 * start, because Electron asks the certificate verifier synchronously.
 */
export interface PinStore {
  get(origin: string): string | null;
  set(origin: string, fingerprint: string): Promise<void>;
  remove(origin: string): Promise<void>;
  /** Fingerprints pinned for any origin on this host name (Electron's verifier knows no port). */
  forHostname(hostname: string): string[];
  /** The last refusal per origin host, so the hub proxy can say why a request failed. */
  lastMismatch(
    hostname: string,
  ): { expected: string; actual: string | null; message: string } | null;
  recordMismatch(
    hostname: string,
    mismatch: { expected: string; actual: string | null; message: string },
  ): void;
  clearMismatch(hostname: string): void;
}

const fileSchema = z.object({ version: z.literal(1), pins: z.record(z.string(), z.string()) });

const hostnameOf = (origin: string): string | null => {
  try {
    // URL keeps IPv6 brackets; Chromium's verifier reports the bare address.
    return new URL(origin).hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  } catch {
    return null;
  }
};

export const createPinStore = async ({
  file,
  log,
  read = readJsonFile,
  write = writeJsonFileAtomic,
}: {
  file: string;
  log: Log;
  read?: (path: string) => Promise<JsonRead>;
  write?: (path: string, value: unknown) => Promise<void>;
}): Promise<PinStore> => {
  const pins = new Map<string, string>();
  const mismatches = new Map<
    string,
    { expected: string; actual: string | null; message: string }
  >();
  const loaded = await read(file);
  if (loaded.kind === 'ok') {
    const parsed = fileSchema.safeParse(loaded.value);
    if (parsed.success) {
      for (const [origin, fp] of Object.entries(parsed.data.pins)) {
        const normalized = normalizeFingerprint(fp);
        if (normalized) pins.set(origin, normalized);
      }
    } else {
      log.warn('pinned hub certificates file has an unknown shape; paired hubs must pair again', {
        file,
      });
    }
  } else if (loaded.kind === 'unreadable') {
    log.warn('pinned hub certificates unreadable; paired hubs must pair again', {
      problem: loaded.problem,
    });
  }
  const save = () => write(file, { version: 1, pins: Object.fromEntries(pins) });
  return {
    get: (origin) => pins.get(origin) ?? null,
    set: async (origin, fingerprint) => {
      const normalized = normalizeFingerprint(fingerprint);
      if (!normalized) throw new Error(`not a fingerprint: ${fingerprint}`);
      const previous = pins.get(origin);
      pins.set(origin, normalized);
      try {
        await save();
      } catch (e) {
        // A pin that is trusted now but gone after a restart would make the
        // next start refuse the hub for no visible reason: keep memory = disk.
        if (previous === undefined) pins.delete(origin);
        else pins.set(origin, previous);
        throw e;
      }
    },
    remove: async (origin) => {
      if (pins.delete(origin)) await save();
    },
    forHostname: (hostname) => {
      const wanted = hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
      return [...pins.entries()].filter(([o]) => hostnameOf(o) === wanted).map(([, fp]) => fp);
    },
    lastMismatch: (hostname) => mismatches.get(hostname.toLowerCase()) ?? null,
    recordMismatch: (hostname, m) => void mismatches.set(hostname.toLowerCase(), m),
    clearMismatch: (hostname) => void mismatches.delete(hostname.toLowerCase()),
  };
};

/** What Electron passes to `session.setCertificateVerifyProc` (the fields used here). */
export interface CertificateVerifyRequest {
  hostname: string;
  certificate: { data: string; fingerprint?: string };
}

/** Chromium's verdicts: 0 accept, -2 reject, -3 use Chromium's own verification. */
export const VERIFY_ACCEPT = 0;
export const VERIFY_REJECT = -2;
export const VERIFY_DEFAULT = -3;

/**
 * For `session.defaultSession.setCertificateVerifyProc`, which governs
 * net.fetch: a host name with pins gets exactly the pinned certificate (a
 * certificate the OS would trust is refused too); everything else is
 * verified by Chromium as usual (the enterprise's CAs keep working).
 */
export const createCertificateVerifyProc =
  (pins: PinStore, log: Log) =>
  (request: CertificateVerifyRequest, callback: (verdict: number) => void): void => {
    const pinned = pins.forHostname(request.hostname);
    if (pinned.length === 0) {
      callback(VERIFY_DEFAULT);
      return;
    }
    const checks = pinned.map((pin) =>
      checkPin(pin, {
        pem: request.certificate.data,
        fingerprint: request.certificate.fingerprint,
      }),
    );
    if (checks.some((c) => c.ok)) {
      pins.clearMismatch(request.hostname);
      callback(VERIFY_ACCEPT);
      return;
    }
    const first = checks[0]!;
    if (!first.ok) {
      pins.recordMismatch(request.hostname, first);
      log.warn('hub certificate does not match the pinned one; connection refused', {
        hostname: request.hostname,
        expected: first.expected,
        actual: first.actual,
      });
    }
    callback(VERIFY_REJECT);
  };
