import { X509Certificate } from 'node:crypto';
import type { Log } from '../log';
import { createVerifyingFetch, type PinnedFetch } from '../pinned-fetch';
import {
  createCertificateVerifyProc,
  VERIFY_ACCEPT,
  VERIFY_DEFAULT,
  type PinStore,
} from '../pin-store';

/**
 * Electron's `net.fetch` as far as certificates go, for Node tests: every
 * TLS connection asks the session's certificate verifier (the real one from
 * pin-store.ts), which answers accept, reject, or "Chromium decides" (the
 * system trust store). Electron itself cannot run here.
 */
export const createElectronLikeNetFetch = (pins: PinStore, log: Log): PinnedFetch => {
  const verifyProc = createCertificateVerifyProc(pins, log);
  const https = createVerifyingFetch(
    ({ hostname, der, authorized }) =>
      new Promise<Error | null>((resolve) =>
        verifyProc(
          { hostname, certificate: { data: new X509Certificate(der).toString() } },
          (verdict) => {
            if (verdict === VERIFY_ACCEPT) resolve(null);
            else if (verdict === VERIFY_DEFAULT && authorized) resolve(null);
            else resolve(new Error('net::ERR_CERT_INVALID'));
          },
        ),
      ),
  );
  const netFetch = (input: string | URL, init?: RequestInit) =>
    String(input).startsWith('https:') ? https(input, init) : fetch(input, init);
  return Object.assign(netFetch, { close: () => https.close() });
};
