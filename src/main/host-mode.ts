import { join } from 'node:path';
import type { Logger } from 'pino';
import type { HubAppConfig } from '../server/app';
import type { Clock } from '../server/clock';
import type { HubConfig } from '../server/config';
import { DEFAULT_SESSION_TTL_MS } from '../server/context';
import { DataDirError } from '../server/data-dir';
import {
  DEFAULT_PAIRING_LIMITS,
  PairingCodes,
  type PairingCodeInfo,
  type PairingLimits,
} from '../server/pairing/pairing-codes';
import type { RunningHub, StartHubOptions } from '../server/start-hub';
import {
  CertificateError,
  createCertificate,
  loadOrCreateCertificate,
  type HostCertificate,
} from '../server/tls/certificate-store';
import { lanAddresses, type LanAddress, type NetworkInterfaces } from './lan-addresses';
import type { Log } from './log';

/**
 * Host mode (ARCHITECTURE.md "Runtime shapes"): this desktop runs the hub
 * for a small team, on an SQLite file under its user-data folder.
 *
 * It runs in the main process rather than an Electron utility process: the
 * hub is the same code as the standalone one, its start, clean stop and
 * errors are plain promises here (a utility process would add a message
 * protocol for each), and a small team's load is light. `startHub` is
 * injected, so moving it out of process later changes only the caller.
 *
 * Always HTTPS, also when only this computer may connect: the hub's origin
 * (https://127.0.0.1:port) then stays the same when LAN sharing is turned
 * on or off, and with it the local database the renderer keeps per origin.
 */
export const DEFAULT_HOST_PORT = 7410;

export type StartHub = (config: HubConfig, options: StartHubOptions) => Promise<RunningHub>;

export interface HostPolicy {
  hostModeAllowed: boolean;
  lanSharingAllowed: boolean;
  /** Where the refusal comes from, for the message ("/etc/outpost/policy.json"). */
  policyPath: string;
}

export interface HostModeOptions {
  startHub: StartHub;
  userDataDir: string;
  lan: boolean;
  /** Default 7410, so paired devices find the host at the same address after a restart. */
  port?: number;
  log: Log;
  /** The hub's own request log (pino). */
  hubLog: Logger;
  policy: HostPolicy;
  clock?: Clock;
  networkInterfaces: NetworkInterfaces;
  hostname: () => string;
  /** Built renderer, so browsers on the LAN can use the hub as a web app. */
  webRoot?: string | null;
  appVersion?: string;
  /** Tests: cheaper password hashing. */
  hubApp?: Partial<HubAppConfig>;
  /** Where to listen when sharing on the LAN; tests use 127.0.0.1 to stay off the network. */
  lanHost?: string;
  pairingLimits?: PairingLimits;
}

export type HostModeErrorCode =
  'POLICY_LOCKED' | 'HOST_PORT_IN_USE' | 'HOST_DATA_UNWRITABLE' | 'HOST_START_FAILED';

export interface HostModeError {
  code: HostModeErrorCode;
  message: string;
}

export interface HostMode {
  readonly hub: RunningHub;
  /** How this desktop reaches its own hub. */
  readonly localUrl: string;
  /** How other devices reach it; empty unless LAN sharing is on. */
  readonly lanUrls: readonly string[];
  readonly lanAddresses: readonly LanAddress[];
  readonly lan: boolean;
  readonly port: number;
  readonly certificate: Pick<HostCertificate, 'fingerprint' | 'notBefore' | 'notAfter'>;
  readonly dataDir: string;
  /** Null when LAN sharing is off: nobody else can connect, so nobody pairs. */
  readonly pairing: PairingCodes | null;
  newPairingCode(): PairingCodeInfo | null;
  /** Stops taking requests, lets those in flight finish, closes the database. */
  stop(): Promise<void>;
}

export type HostModeResult = { ok: true; host: HostMode } | { ok: false; error: HostModeError };

export const hubDataDir = (userDataDir: string) => join(userDataDir, 'hub');
export const certificateDir = (userDataDir: string) => join(hubDataDir(userDataDir), 'tls');

const describe = (e: unknown) => (e instanceof Error ? e.message : String(e));
const codeOf = (e: unknown): string | undefined => {
  for (let c: unknown = e; c instanceof Error; c = c.cause) {
    const code = (c as NodeJS.ErrnoException).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
};

export const policyRefusal = (policy: HostPolicy, lan: boolean): HostModeError | null => {
  if (!policy.hostModeAllowed) {
    return {
      code: 'POLICY_LOCKED',
      message: `Host mode is turned off by your organisation's policy (${policy.policyPath}); ask your IT department.`,
    };
  }
  if (lan && !policy.lanSharingAllowed) {
    return {
      code: 'POLICY_LOCKED',
      message: `Sharing the hub on the network is turned off by your organisation's policy (${policy.policyPath}); host mode can still run for this computer only.`,
    };
  }
  return null;
};

const certificateNames = (hostname: string, lan: readonly LanAddress[]) => ({
  commonName: hostname || 'outpost-host',
  dnsNames: [hostname, 'localhost'],
  ipAddresses: ['127.0.0.1', '::1', ...lan.map((a) => a.address)],
});

/** Makes the host a new certificate (the old fingerprint stops working for every paired device). */
export const regenerateHostCertificate = async (options: {
  userDataDir: string;
  now: number;
  networkInterfaces: NetworkInterfaces;
  hostname: () => string;
}): Promise<HostCertificate> =>
  createCertificate({
    dir: certificateDir(options.userDataDir),
    now: options.now,
    ...certificateNames(options.hostname(), lanAddresses(options.networkInterfaces())),
  });

const startFailure = (e: unknown, port: number, dataDir: string): HostModeError => {
  if (codeOf(e) === 'EADDRINUSE') {
    return {
      code: 'HOST_PORT_IN_USE',
      message: `Port ${port} is already in use on this computer (another Outpost hub or another program). Choose another port for host mode, or stop the other program.`,
    };
  }
  if (e instanceof DataDirError || e instanceof CertificateError) {
    return {
      code: 'HOST_DATA_UNWRITABLE',
      message: `${e.message}. Host mode needs a folder it can write to; check the permissions of ${dataDir}.`,
    };
  }
  if (codeOf(e) === 'EACCES' && /listen/i.test(describe(e))) {
    return {
      code: 'HOST_START_FAILED',
      message: `Not allowed to listen on port ${port}; choose a port above 1024.`,
    };
  }
  return { code: 'HOST_START_FAILED', message: `Host mode could not start: ${describe(e)}` };
};

export const startHostMode = async (options: HostModeOptions): Promise<HostModeResult> => {
  const refusal = policyRefusal(options.policy, options.lan);
  if (refusal) return { ok: false, error: refusal };
  const clock = options.clock ?? { now: () => Date.now() };
  const port = options.port ?? DEFAULT_HOST_PORT;
  const dataDir = hubDataDir(options.userDataDir);
  const addresses = options.lan ? lanAddresses(options.networkInterfaces()) : [];
  let certificate: HostCertificate;
  let hub: RunningHub;
  const pairing = options.lan
    ? new PairingCodes(clock, options.pairingLimits ?? DEFAULT_PAIRING_LIMITS)
    : null;
  try {
    certificate = await loadOrCreateCertificate({
      dir: certificateDir(options.userDataDir),
      now: clock.now(),
      ...certificateNames(options.hostname(), addresses),
      onReplaced: (reason) =>
        options.log.warn('host certificate replaced; paired devices must pair again', { reason }),
    });
    if (certificate.created) {
      options.log.info('host certificate created', { fingerprint: certificate.fingerprint });
    }
    hub = await options.startHub(
      {
        port,
        // Other computers can connect only when LAN sharing is on (SECURITY.md "Hub").
        host: options.lan ? (options.lanHost ?? '0.0.0.0') : '127.0.0.1',
        dataDir,
        databaseUrl: null,
        webRoot: options.webRoot ?? '',
        initAdmin: null,
        sessionTtlMs: DEFAULT_SESSION_TTL_MS,
        trustProxy: false,
        logLevel: 'info',
      },
      {
        log: options.hubLog,
        clock,
        tls: { key: certificate.keyPem, cert: certificate.certPem },
        ...(pairing ? { pairing } : {}),
        app: {
          webRoot: options.webRoot ?? null,
          ...(options.appVersion ? { version: options.appVersion } : {}),
          ...options.hubApp,
        },
      },
    );
  } catch (e) {
    const error = startFailure(e, port, dataDir);
    options.log.error('host mode did not start', { code: error.code, reason: describe(e) });
    return { ok: false, error };
  }
  const bound = Number(new URL(hub.localUrl).port);
  const localUrl = `https://127.0.0.1:${bound}`;
  const lanUrls = addresses.map((a) => `https://${a.address}:${bound}`);
  options.log.info('host mode started', { localUrl, lan: options.lan, lanUrls });
  let stopping: Promise<void> | null = null;
  return {
    ok: true,
    host: {
      hub,
      localUrl,
      lanUrls,
      lanAddresses: addresses,
      lan: options.lan,
      port: bound,
      certificate: {
        fingerprint: certificate.fingerprint,
        notBefore: certificate.notBefore,
        notAfter: certificate.notAfter,
      },
      dataDir,
      pairing,
      newPairingCode: () => pairing?.issue() ?? null,
      stop: () =>
        (stopping ??= (async () => {
          pairing?.withdraw('host mode stopped');
          await hub.close();
          options.log.info('host mode stopped', { localUrl });
        })()),
    },
  };
};
