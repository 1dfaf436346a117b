import type { AppInfo, PairResult } from '../shared/ipc/host';
import type { IpcReply } from '../shared/ipc/errors';
import type { HostController } from './host-controller';
import type { IpcHandlers } from './ipc';
import type { JournalStore } from './journal-store';
import type { Log } from './log';
import type { PinStore } from './pin-store';
import type { SettingsStore } from './settings';
import type { PairRequestParsed } from './pairing-service';

/**
 * What each IPC channel does. Arguments arrive already checked against the
 * contract's zod schema and from the app's own page (ipc.ts dispatcher).
 */
export interface IpcHandlerDeps {
  appVersion: string;
  appInfo: () => AppInfo;
  settings: SettingsStore;
  pins: Pick<PinStore, 'get'>;
  journal: JournalStore;
  host: HostController;
  pair: (request: PairRequestParsed) => Promise<IpcReply<PairResult>>;
  useOwnHub: () => Promise<IpcReply<{ hubUrl: string }>>;
  exportDiagnostics: () => Promise<{ path: string } | null>;
  log: Log;
}

const hubOriginOf = (url: string | null): string | null => {
  if (!url) return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
};

const journalFailure = (log: Log, action: string, e: unknown): IpcReply<never> => {
  const reason = e instanceof Error ? e.message : String(e);
  log.error('journal write failed', { action, reason });
  return {
    ok: false,
    error: {
      code: 'JOURNAL_WRITE_FAILED',
      message: `Could not ${action} the safety copy of your unsent changes: ${reason}. Your changes are still saved in the app.`,
    },
  };
};

export const createIpcHandlers = (deps: IpcHandlerDeps): IpcHandlers => {
  const { settings, journal, host, log } = deps;
  return {
    'app:version': () => ({ ok: true, value: deps.appVersion }),
    'app:info': () => ({ ok: true, value: deps.appInfo() }),
    'settings:getHubUrl': () => ({ ok: true, value: settings.get('hubUrl') }),
    'settings:setHubUrl': (url) => settings.set('hubUrl', url),
    'settings:get': () => {
      const origin = hubOriginOf(settings.get('hubUrl'));
      return {
        ok: true,
        value: { ...settings.snapshot(), hubPin: origin ? deps.pins.get(origin) : null },
      };
    },
    'journal:append': async ({ scope, entry }) => {
      try {
        await journal.append(scope, entry);
        return { ok: true, value: null };
      } catch (e) {
        return journalFailure(log, 'write', e);
      }
    },
    'journal:list': async (scope) => ({ ok: true, value: await journal.list(scope) }),
    'journal:trim': async ({ scope, clientId, through }) => {
      try {
        await journal.trim(scope, clientId, through);
        return { ok: true, value: null };
      } catch (e) {
        return journalFailure(log, 'tidy', e);
      }
    },
    'host:status': () => ({ ok: true, value: host.status() }),
    'host:start': (request) => host.start(request),
    'host:stop': () => host.stop(),
    'host:newPairingCode': () => host.newPairingCode(),
    'host:regenerateCertificate': () => host.regenerateCertificate(),
    'host:useAsHub': () => deps.useOwnHub(),
    'hub:pair': (request) => deps.pair(request),
    'diagnostics:export': async () => ({ ok: true, value: await deps.exportDiagnostics() }),
  };
};
