import type { z } from 'zod';
import type { IpcReply } from '../shared/ipc/errors';
import type { pairRequestSchema, PairResult } from '../shared/ipc/host';
import type { HostController } from './host-controller';
import type { Log } from './log';
import { pairWithHost, type PairingOutcome, type PairWithHostInput } from './pairing-client';
import type { PinStore } from './pin-store';
import type { SettingsStore } from './settings';

/**
 * Pairing as the Settings screen triggers it: refuse when the policy fixes
 * the hub address, pair over the pinned connection, then remember the pin,
 * the hub address and the session (the token goes to the hub proxy and
 * safeStorage, never to the renderer).
 */
export type PairRequestParsed = z.output<typeof pairRequestSchema>;

export interface PairingServiceDeps {
  settings: SettingsStore;
  pins: Pick<PinStore, 'set' | 'clearMismatch'>;
  /** Hands the new session to the hub proxy (which persists it with safeStorage). */
  adoptSession: (origin: string, token: string, expiresAt: number) => Promise<void>;
  host: Pick<HostController, 'running'>;
  log: Log;
  pair?: (input: PairWithHostInput) => Promise<PairingOutcome>;
}

const lockedHubUrl = (settings: SettingsStore): IpcReply<never> | null => {
  if (!settings.snapshot().locked.includes('hubUrl')) return null;
  const enforced = settings.get('hubUrl');
  return {
    ok: false,
    error: {
      code: 'POLICY_LOCKED',
      message: enforced
        ? `The hub address is set by your organisation's policy (${enforced}); this device cannot pair with another hub.`
        : "Your organisation's policy file sets an invalid hub address, so no hub can be used until your IT department fixes it; this device cannot pair with another hub.",
    },
  };
};

export const createPairingService = (deps: PairingServiceDeps) => {
  const pair = deps.pair ?? ((input: PairWithHostInput) => pairWithHost(input));
  return {
    pair: async (request: PairRequestParsed): Promise<IpcReply<PairResult>> => {
      const locked = lockedHubUrl(deps.settings);
      if (locked) return locked;
      const outcome = await pair({
        address: request.address,
        code: request.code,
        fingerprint: request.fingerprint,
        username: request.username,
        password: request.password,
        ...(request.deviceName ? { deviceName: request.deviceName } : {}),
      });
      if (!outcome.ok) {
        deps.log.warn('pairing failed', {
          address: request.address,
          code: outcome.error.code,
          hubCode: outcome.error.hubCode,
        });
        return { ok: false, error: { code: outcome.error.code, message: outcome.error.message } };
      }
      const { origin, fingerprint, session } = outcome;
      // Pin first: the hub proxy's first request to this origin must already be checked.
      try {
        await deps.pins.set(origin, fingerprint);
      } catch (e) {
        const reason = e instanceof Error ? e.message : String(e);
        deps.log.error('pairing: pin not saved', { origin, reason });
        return {
          ok: false,
          error: {
            code: 'PIN_SAVE_FAILED',
            message: `The host at ${origin} accepted the pairing, but its certificate could not be saved on this computer (${reason}). Make sure Outpost's data folder (shown under About) is writable and has free space, then pair again with a new code.`,
          },
        };
      }
      deps.pins.clearMismatch(new URL(origin).hostname);
      await deps.adoptSession(origin, session.token, session.expiresAt);
      const saved = await deps.settings.set('hubUrl', origin);
      if (!saved.ok) return saved;
      deps.log.info('paired with a desktop host', {
        origin,
        fingerprint,
        user: session.user.username,
      });
      return {
        ok: true,
        value: { hubUrl: origin, fingerprint, displayName: session.user.displayName },
      };
    },

    useOwnHub: async (): Promise<IpcReply<{ hubUrl: string }>> => {
      const running = deps.host.running();
      if (!running) {
        return {
          ok: false,
          error: { code: 'HOST_NOT_RUNNING', message: 'Turn on host mode first.' },
        };
      }
      const locked = lockedHubUrl(deps.settings);
      if (locked) return locked;
      const origin = new URL(running.localUrl).origin;
      const saved = await deps.settings.set('hubUrl', origin);
      return saved.ok ? { ok: true, value: { hubUrl: origin } } : saved;
    },
  };
};
