import type { OutpostApi, SettingsView } from '../../../shared/ipc/contract';
import type { HostStatus } from '../../../shared/ipc/host';
import { builtInSettings } from '../../../shared/ipc/settings';
import type { Platform } from '../../app/platform';
import { fakeOutpostApi } from '../../testing/fake-outpost-api';
import type { FakeHub } from '../../testing/fake-hub';

export const FP = Array.from({ length: 32 }, (_, i) =>
  ((i * 37 + 11) % 256).toString(16).toUpperCase().padStart(2, '0'),
).join(':');

export const settingsView = (over: Partial<SettingsView> = {}): SettingsView => ({
  values: { ...builtInSettings, hubUrl: 'https://hub.test' },
  locked: [],
  problems: [],
  hubPin: null,
  ...over,
});

export const hostStatus = (over: Partial<HostStatus> = {}): HostStatus => ({
  allowed: true,
  lanAllowed: true,
  lockedReason: null,
  lanLockedReason: null,
  state: 'stopped',
  enabled: false,
  lan: false,
  port: 7410,
  localUrl: null,
  lanUrls: [],
  fingerprint: null,
  certificateValidUntil: null,
  pairing: null,
  dataDir: '/home/hana/.config/Outpost/hub',
  error: null,
  usedByThisDevice: false,
  ...over,
});

export const runningLan = (over: Partial<HostStatus> = {}): HostStatus =>
  hostStatus({
    state: 'running',
    enabled: true,
    lan: true,
    localUrl: 'https://127.0.0.1:7410',
    lanUrls: ['https://192.168.1.20:7410'],
    fingerprint: FP,
    pairing: { state: 'none', code: null, expiresAt: null, note: null },
    ...over,
  });

/**
 * The desktop as the renderer sees it: window.outpost with the given
 * functions, and the fake hub behind the main process's /hub proxy.
 */
export const desktopPlatform = (api: Partial<OutpostApi>): Platform => ({
  kind: 'desktop',
  apiBase: '/hub',
  desktop: fakeOutpostApi({
    appVersion: async () => '0.1.0',
    getHubUrl: async () => 'https://hub.test',
    getSettings: async () => settingsView(),
    hostStatus: async () => hostStatus(),
    appInfo: async () => ({
      version: '0.1.0',
      dataFolder: '/home/hana/.config/Outpost',
      logFolder: '/home/hana/.config/Outpost/logs',
      platform: 'linux x64',
      versions: { electron: '45.5.0' },
    }),
    journalList: async () => [],
    journalAppend: async () => null,
    journalTrim: async () => null,
    ...api,
  }),
});

/** The main process strips /hub before forwarding; so does this. */
export const behindProxy = (hub: FakeHub): FakeHub => ({
  ...hub,
  fetch: (input, init) => hub.fetch(String(input).replace(/^\/hub(?=\/)/, ''), init),
});
