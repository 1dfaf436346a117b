import { hostname as osHostname, networkInterfaces as osNetworkInterfaces } from 'node:os';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import type { AppInfo } from '../shared/ipc/host';
import type { HubAppConfig } from '../server/app';
import { startHub as realStartHub } from '../server/start-hub';
import { buildDiagnostics, exportDiagnostics } from './diagnostics';
import { createHostController, type HostController } from './host-controller';
import { regenerateHostCertificate, startHostMode, type StartHub } from './host-mode';
import type { IpcHandlerDeps } from './ipc-handlers';
import { createJournalStore } from './journal-store';
import type { NetworkInterfaces } from './lan-addresses';
import type { Log } from './log';
import { createPairingService } from './pairing-service';
import type { PinStore } from './pin-store';
import type { Policy } from './policy';
import type { SettingsStore } from './settings';

/**
 * The desktop's own services behind the IPC channels (journal file, host
 * mode, pairing, diagnostics), built from plain values so boot() stays a
 * wiring diagram and tests can build them with fakes.
 */
export interface DesktopServicesDeps {
  userData: string;
  appVersion: string;
  packaged: boolean;
  platform: NodeJS.Platform;
  arch: string;
  versions: Record<string, string | undefined>;
  policy: Policy;
  settings: SettingsStore;
  pins: PinStore;
  adoptSession: (origin: string, token: string, expiresAt: number) => Promise<void>;
  showSaveDialog: Parameters<typeof exportDiagnostics>[0]['showSaveDialog'];
  downloadsDir: string;
  /** Built renderer, served to browsers on the LAN in host mode. */
  webRoot: string;
  now: () => number;
  log: Log;
  startHub?: StartHub;
  networkInterfaces?: NetworkInterfaces;
  hostname?: () => string;
  /** Tests: listen on 127.0.0.1 even with LAN sharing on, and hash passwords cheaply. */
  lanHost?: string;
  hubApp?: Partial<HubAppConfig>;
}

export interface DesktopServices {
  host: HostController;
  ipc: Omit<IpcHandlerDeps, 'settings' | 'log' | 'appVersion'>;
}

export const logsDir = (userData: string) => join(userData, 'logs');

/** The in-process hub writes its own log beside main.log, created only when host mode starts. */
const hubLogger = (userData: string): Logger =>
  pino(
    { level: 'info' },
    pino.destination({ dest: join(logsDir(userData), 'hub.log'), mkdir: true, sync: false }),
  );

export const createDesktopServices = async (
  deps: DesktopServicesDeps,
): Promise<DesktopServices> => {
  const { settings, pins, log, userData } = deps;
  const networkInterfaces = deps.networkInterfaces ?? osNetworkInterfaces;
  const hostname = deps.hostname ?? osHostname;
  let hubLog: Logger | null = null;

  const host = await createHostController({
    start: ({ lan, port }) =>
      startHostMode({
        startHub: deps.startHub ?? realStartHub,
        userDataDir: userData,
        lan,
        port,
        log,
        hubLog: (hubLog ??= hubLogger(userData)),
        policy: {
          hostModeAllowed: settings.get('hostModeAllowed'),
          lanSharingAllowed: settings.get('lanSharingAllowed'),
          policyPath: deps.policy.path,
        },
        clock: { now: deps.now },
        networkInterfaces,
        hostname,
        webRoot: deps.webRoot,
        appVersion: deps.appVersion,
        ...(deps.lanHost ? { lanHost: deps.lanHost } : {}),
        ...(deps.hubApp ? { hubApp: deps.hubApp } : {}),
      }),
    regenerateCertificate: () =>
      regenerateHostCertificate({
        userDataDir: userData,
        now: deps.now(),
        networkInterfaces,
        hostname,
      }),
    policy: () => {
      const locked = settings.snapshot().locked;
      return {
        hostModeAllowed: settings.get('hostModeAllowed'),
        lanSharingAllowed: settings.get('lanSharingAllowed'),
        policyPath: deps.policy.path,
        hostLocked: locked.includes('hostModeAllowed'),
        lanLocked: locked.includes('lanSharingAllowed'),
      };
    },
    hubUrl: () => settings.get('hubUrl'),
    pins,
    dataDir: join(userData, 'hub'),
    prefsFile: join(userData, 'host-mode.json'),
    log,
    now: deps.now,
  });

  const pairing = createPairingService({
    settings,
    pins,
    adoptSession: deps.adoptSession,
    host,
    log,
  });

  const appInfo = (): AppInfo => ({
    version: deps.appVersion,
    dataFolder: userData,
    logFolder: logsDir(userData),
    platform: `${deps.platform} ${deps.arch}`,
    versions: Object.fromEntries(
      Object.entries(deps.versions).filter((e): e is [string, string] => typeof e[1] === 'string'),
    ),
  });

  const pinnedHubs = (): Record<string, string> => {
    const current = settings.get('hubUrl');
    const origin = current ? new URL(current).origin : null;
    const pin = origin ? pins.get(origin) : null;
    return origin && pin ? { [origin]: pin } : {};
  };

  return {
    host,
    ipc: {
      appInfo,
      pins,
      journal: createJournalStore({ dir: join(userData, 'journal'), log }),
      host,
      pair: pairing.pair,
      useOwnHub: pairing.useOwnHub,
      exportDiagnostics: () =>
        exportDiagnostics({
          showSaveDialog: deps.showSaveDialog,
          defaultDir: deps.downloadsDir,
          now: deps.now,
          log,
          build: () =>
            buildDiagnostics({
              now: deps.now(),
              app: {
                version: deps.appVersion,
                packaged: deps.packaged,
                platform: deps.platform,
                arch: deps.arch,
                versions: deps.versions,
              },
              settings: settings.snapshot(),
              host: host.status(),
              pinnedHubs: pinnedHubs(),
              logFiles: {
                'main.log': join(logsDir(userData), 'main.log'),
                'main.old.log': join(logsDir(userData), 'main.old.log'),
                'hub.log': join(logsDir(userData), 'hub.log'),
              },
            }),
        }),
    },
  };
};
