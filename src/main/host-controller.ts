import { z } from 'zod';
import type { IpcReply } from '../shared/ipc/errors';
import type { HostStartRequest, HostStatus } from '../shared/ipc/host';
import type { HostCertificate } from '../server/tls/certificate-store';
import {
  DEFAULT_HOST_PORT,
  policyRefusal,
  type HostMode,
  type HostModeResult,
  type HostPolicy,
} from './host-mode';
import { readJsonFile, writeJsonFileAtomic, type JsonRead } from './json-file';
import type { Log } from './log';
import type { PinStore } from './pin-store';

/**
 * Host mode as the Settings screen sees it: on/off with LAN sharing and a
 * port, remembered across restarts in `host-mode.json`, refused when the
 * policy says so, and stopped cleanly when the app quits. One operation at
 * a time, so a double click cannot start two hubs.
 */
export interface HostPreferences {
  enabled: boolean;
  lan: boolean;
  port: number;
}

export const DEFAULT_PREFERENCES: HostPreferences = {
  enabled: false,
  lan: false,
  port: DEFAULT_HOST_PORT,
};

/** A damaged field falls back to its default: the worst case is host mode staying off. */
const preferencesSchema = z
  .object({
    enabled: z.boolean().catch(false),
    lan: z.boolean().catch(false),
    port: z.number().int().min(1024).max(65535).catch(DEFAULT_HOST_PORT),
  })
  .catch(DEFAULT_PREFERENCES);

export const preferencesFromFile = (value: unknown): HostPreferences =>
  preferencesSchema.parse(value);

export interface HostPolicyView extends HostPolicy {
  /** True when the policy file enforces the value (rather than only presetting it). */
  hostLocked: boolean;
  lanLocked: boolean;
}

export interface HostControllerDeps {
  start(options: { lan: boolean; port: number }): Promise<HostModeResult>;
  regenerateCertificate(): Promise<HostCertificate>;
  policy(): HostPolicyView;
  /** The hub address this desktop uses, to tell whether it is its own hub. */
  hubUrl(): string | null;
  pins: PinStore;
  dataDir: string;
  prefsFile: string;
  log: Log;
  now(): number;
  read?: (path: string) => Promise<JsonRead>;
  write?: (path: string, value: unknown) => Promise<void>;
}

export interface HostController {
  status(): HostStatus;
  start(request: HostStartRequest): Promise<IpcReply<HostStatus>>;
  stop(): Promise<IpcReply<HostStatus>>;
  newPairingCode(): Promise<IpcReply<HostStatus>>;
  regenerateCertificate(): Promise<IpcReply<HostStatus>>;
  /** At app start: brings host mode back if it was on (and is still allowed). */
  resume(): Promise<void>;
  /** At quit: stops the hub without forgetting that it was on. */
  shutdown(): Promise<void>;
  running(): HostMode | null;
}

const originOf = (url: string | null): string | null => {
  if (!url) return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
};

export const createHostController = async (deps: HostControllerDeps): Promise<HostController> => {
  const read = deps.read ?? readJsonFile;
  const write = deps.write ?? writeJsonFileAtomic;
  const loaded = await read(deps.prefsFile);
  let prefs: HostPreferences =
    loaded.kind === 'ok' ? preferencesFromFile(loaded.value) : DEFAULT_PREFERENCES;
  if (loaded.kind === 'unreadable')
    deps.log.warn('host mode preferences unreadable; host mode stays off', {
      problem: loaded.problem,
    });

  let host: HostMode | null = null;
  let state: HostStatus['state'] = 'stopped';
  let lastError: HostStatus['error'] = null;
  let busy: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const next = busy.then(task, task);
    busy = next.catch(() => undefined);
    return next;
  };

  const savePrefs = async (next: HostPreferences): Promise<string | null> => {
    prefs = next;
    try {
      await write(deps.prefsFile, next);
      return null;
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      deps.log.error('host mode preferences not saved', { reason });
      return reason;
    }
  };

  const status = (): HostStatus => {
    const policy = deps.policy();
    const hostRefusal = policyRefusal(policy, false);
    const lanRefusal = policy.hostModeAllowed ? policyRefusal(policy, true) : hostRefusal;
    const pairing = host?.pairing?.current() ?? null;
    return {
      allowed: policy.hostModeAllowed,
      lanAllowed: policy.hostModeAllowed && policy.lanSharingAllowed,
      lockedReason: hostRefusal?.message ?? null,
      lanLockedReason: lanRefusal?.message ?? null,
      state,
      enabled: prefs.enabled,
      lan: host ? host.lan : prefs.lan,
      port: host ? host.port : prefs.port,
      localUrl: host?.localUrl ?? null,
      lanUrls: host ? [...host.lanUrls] : [],
      fingerprint: host?.certificate.fingerprint ?? null,
      certificateValidUntil: host?.certificate.notAfter ?? null,
      pairing: host?.pairing
        ? {
            state: pairing?.state ?? 'none',
            code: pairing?.state === 'active' ? pairing.code.code : null,
            expiresAt: pairing && pairing.state !== 'none' ? pairing.code.expiresAt : null,
            note:
              pairing?.state === 'withdrawn'
                ? `The last code was withdrawn: ${pairing.reason}`
                : pairing?.state === 'used'
                  ? 'The last code paired a device; make a new one for the next device.'
                  : pairing?.state === 'expired'
                    ? 'The last code expired unused.'
                    : null,
          }
        : null,
      dataDir: deps.dataDir,
      error: lastError,
      usedByThisDevice: host !== null && originOf(deps.hubUrl()) === originOf(host.localUrl),
    };
  };

  const ok = (): IpcReply<HostStatus> => ({ ok: true, value: status() });

  const startNow = async (lan: boolean, port: number): Promise<IpcReply<HostStatus>> => {
    state = 'starting';
    const result = await deps.start({ lan, port });
    if (!result.ok) {
      state = 'stopped';
      lastError = result.error;
      return { ok: false, error: { code: result.error.code, message: result.error.message } };
    }
    host = result.host;
    state = 'running';
    lastError = null;
    // This desktop reaches its own hub through net.fetch too: pin its certificate.
    await deps.pins
      .set(originOf(host.localUrl)!, host.certificate.fingerprint)
      .catch((e: unknown) =>
        deps.log.error('own hub certificate not pinned', {
          reason: e instanceof Error ? e.message : String(e),
        }),
      );
    return ok();
  };

  const stopNow = async (): Promise<void> => {
    if (!host) return;
    state = 'stopping';
    try {
      await host.stop();
    } finally {
      host = null;
      state = 'stopped';
    }
  };

  return {
    status,
    running: () => host,
    start: (request) =>
      serial(async () => {
        const refusal = policyRefusal(deps.policy(), request.lan);
        if (refusal) return { ok: false, error: refusal };
        const port = request.port ?? prefs.port;
        if (host && host.lan === request.lan && host.port === port) return ok();
        await stopNow();
        const reply = await startNow(request.lan, port);
        if (!reply.ok) return reply;
        const problem = await savePrefs({ enabled: true, lan: request.lan, port });
        if (problem)
          lastError = {
            code: 'SETTINGS_WRITE_FAILED',
            message: `Host mode runs, but will not start by itself next time: ${problem}`,
          };
        return ok();
      }),
    stop: () =>
      serial(async () => {
        await stopNow();
        await savePrefs({ ...prefs, enabled: false });
        return ok();
      }),
    newPairingCode: () =>
      serial(async () => {
        if (!host?.pairing) {
          return {
            ok: false,
            error: {
              code: 'HOST_NOT_RUNNING',
              message: 'Turn on host mode with network sharing before making a pairing code.',
            },
          };
        }
        host.newPairingCode();
        return ok();
      }),
    regenerateCertificate: () =>
      serial(async () => {
        const was = host ? { lan: host.lan, port: host.port } : null;
        // The hub restarts so no connection keeps using the old certificate.
        await stopNow();
        try {
          const cert = await deps.regenerateCertificate();
          deps.log.warn('host certificate replaced on request; paired devices must pair again', {
            fingerprint: cert.fingerprint,
          });
        } catch (e) {
          const message = e instanceof Error ? e.message : String(e);
          if (was) await startNow(was.lan, was.port);
          return { ok: false, error: { code: 'HOST_DATA_UNWRITABLE', message } };
        }
        return was ? startNow(was.lan, was.port) : ok();
      }),
    resume: () =>
      serial(async () => {
        if (!prefs.enabled) return;
        const policy = deps.policy();
        const refusal = policyRefusal(policy, prefs.lan);
        if (refusal) {
          lastError = refusal;
          deps.log.warn('host mode not resumed', { reason: refusal.message });
          return;
        }
        const reply = await startNow(prefs.lan, prefs.port);
        if (!reply.ok) deps.log.warn('host mode not resumed', { reason: reply.error.message });
      }),
    shutdown: () => serial(stopNow),
  };
};
