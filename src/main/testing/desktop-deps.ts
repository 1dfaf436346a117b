import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import type { HubConfig } from '../../server/config';
import type { RunningHub, StartHubOptions } from '../../server/start-hub';
import type { HubDatabase } from '../../server/storage/database';
import { createHostController, type HostController } from '../host-controller';
import { startHostMode, type HostPolicy } from '../host-mode';
import type { IpcHandlerDeps } from '../ipc-handlers';
import { createJournalStore } from '../journal-store';
import type { NetworkInterfaces } from '../lan-addresses';
import type { Log } from '../log';
import { createPairingService } from '../pairing-service';
import type { PairingOutcome, PairWithHostInput } from '../pairing-client';
import { createPinStore, type PinStore } from '../pin-store';
import type { SettingsStore } from '../settings';

/** A LAN with one Wi-Fi address, for tests that show addresses. */
export const fakeInterfaces: NetworkInterfaces = () => ({
  lo: [
    {
      address: '127.0.0.1',
      netmask: '255.0.0.0',
      family: 'IPv4',
      mac: '00:00:00:00:00:00',
      internal: true,
      cidr: '127.0.0.1/8',
    },
  ],
  wlan0: [
    {
      address: '192.168.1.20',
      netmask: '255.255.255.0',
      family: 'IPv4',
      mac: '02:00:00:00:00:01',
      internal: false,
      cidr: '192.168.1.20/24',
    },
  ],
});

export interface FakeHubCalls {
  started: { config: HubConfig; options: StartHubOptions }[];
  closed: number;
}

/**
 * A startHub that listens nowhere: for tests of what happens around the hub
 * (policy, preferences, status). The real hub is tested in tests/integration.
 */
export const fakeStartHub =
  (calls: FakeHubCalls, fail?: () => Error) =>
  async (config: HubConfig, options: StartHubOptions): Promise<RunningHub> => {
    if (fail) throw fail();
    calls.started.push({ config, options });
    const port = config.port === 0 ? 43210 : config.port;
    return {
      app: {} as FastifyInstance,
      db: {} as HubDatabase,
      url: `https://${config.host}:${port}`,
      localUrl: `https://127.0.0.1:${port}`,
      needsSetup: false,
      close: async () => {
        calls.closed += 1;
      },
    };
  };

export interface TestDesktop {
  deps: IpcHandlerDeps;
  host: HostController;
  pins: PinStore;
  hubCalls: FakeHubCalls;
  adopted: { origin: string; token: string; expiresAt: number }[];
  pairCalls: PairWithHostInput[];
  exports: number;
}

export const createTestDesktop = async (options: {
  dir: string;
  settings: SettingsStore;
  log: Log;
  policy?: Partial<HostPolicy>;
  pairOutcome?: PairingOutcome;
  failHub?: () => Error;
}): Promise<TestDesktop> => {
  const { dir, settings, log } = options;
  const hubCalls: FakeHubCalls = { started: [], closed: 0 };
  const adopted: TestDesktop['adopted'] = [];
  const pairCalls: PairWithHostInput[] = [];
  const pins = await createPinStore({ file: join(dir, 'hub-pins.json'), log });
  const policy: HostPolicy = {
    hostModeAllowed: settings.get('hostModeAllowed'),
    lanSharingAllowed: settings.get('lanSharingAllowed'),
    policyPath: '/etc/outpost/policy.json',
    ...options.policy,
  };
  const host = await createHostController({
    start: ({ lan, port }) =>
      startHostMode({
        startHub: fakeStartHub(hubCalls, options.failHub),
        userDataDir: dir,
        lan,
        port,
        log,
        hubLog: pino({ level: 'silent' }),
        policy,
        networkInterfaces: fakeInterfaces,
        hostname: () => 'front-desk-pc',
      }),
    regenerateCertificate: () => Promise.reject(new Error('not used here')),
    policy: () => ({ ...policy, hostLocked: false, lanLocked: false }),
    hubUrl: () => settings.get('hubUrl'),
    pins,
    dataDir: join(dir, 'hub'),
    prefsFile: join(dir, 'host-mode.json'),
    log,
    now: () => Date.UTC(2026, 0, 5, 9),
  });
  const pairing = createPairingService({
    settings,
    pins,
    host,
    log,
    adoptSession: async (origin, token, expiresAt) =>
      void adopted.push({ origin, token, expiresAt }),
    pair: async (input) => {
      pairCalls.push(input);
      return (
        options.pairOutcome ?? {
          ok: false,
          error: { code: 'HOST_UNREACHABLE', message: 'no host in this test' },
        }
      );
    },
  });
  const desktop: TestDesktop = {
    host,
    pins,
    hubCalls,
    adopted,
    pairCalls,
    exports: 0,
    deps: {
      appVersion: '1.2.3',
      appInfo: () => ({
        version: '1.2.3',
        dataFolder: dir,
        logFolder: join(dir, 'logs'),
        platform: 'linux x64',
        versions: { electron: '45.0.0', node: '22.0.0' },
      }),
      settings,
      pins,
      journal: createJournalStore({ dir: join(dir, 'journal'), log }),
      host,
      pair: pairing.pair,
      useOwnHub: pairing.useOwnHub,
      exportDiagnostics: async () => {
        desktop.exports += 1;
        return { path: join(dir, 'diagnostics.json') };
      },
      log,
    },
  };
  return desktop;
};
