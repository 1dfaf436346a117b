import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { IpcMainInvokeEvent } from 'electron';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { expect } from 'vitest';
import { createDesktopServices, type DesktopServices } from '../../src/main/desktop-services';
import { createHubProxy, type HubProxy } from '../../src/main/hub-proxy';
import { createIpcHandlers, registerIpcHandlers } from '../../src/main/ipc';
import type { NetworkInterfaces } from '../../src/main/lan-addresses';
import { createMemoryLog } from '../../src/main/log';
import { createPinStore, type PinStore } from '../../src/main/pin-store';
import type { Policy } from '../../src/main/policy';
import { createSettingsStore, type SettingsStore } from '../../src/main/settings';
import { createElectronLikeNetFetch } from '../../src/main/testing/electron-net';
import { appFrame, fakeSafeStorage, ipcEvent } from '../../src/main/testing/fakes';
import { createTokenStore } from '../../src/main/token-store';
import { createOutpostApi } from '../../src/preload/api';
import { openOutpostDbByName, outpostDbName, type OutpostDb } from '../../src/renderer/db/database';
import { createSyncEngine, type SyncEngine } from '../../src/renderer/sync/engine';
import { createBridgeJournal, type MutationJournal } from '../../src/renderer/sync/journal';
import { freshSyncMeta, readSyncMeta, saveSyncMeta } from '../../src/renderer/sync/sync-meta';
import { createHttpTransport } from '../../src/renderer/sync/transport';
import type { ManualClock } from '../../src/server/clock';
import { API_PREFIX, type Session } from '../../src/shared/api/accounts';
import type { Actor } from '../../src/shared/domain/actor';
import { newId, type ClientId } from '../../src/shared/ids';
import type { OutpostApi } from '../../src/shared/ipc/contract';
import { FAST_SCRYPT } from '../fixtures/hub-fixture';

/**
 * Desktops for tests/integration/host-mode.test.ts, assembled from the
 * main-process modules the app runs (settings, pins, hub proxy, desktop
 * services, IPC dispatcher, preload API) and the renderer's sync code.
 * What Electron itself would do is played by fakes: IPC calls come from the
 * app's own frame, net.fetch is a Node fetch that asks the real certificate
 * verifier, tokens go through a fake safeStorage, IndexedDB is
 * fake-indexeddb. The hub is real: Fastify over HTTPS on 127.0.0.1 and an
 * SQLite file in the host's user-data folder.
 */
export const PASSWORD = 'correct horse battery';

/** One "network interface" whose address is loopback, so LAN tests never leave this machine. */
export const loopbackLan: NetworkInterfaces = () => ({
  test0: [
    {
      address: '127.0.0.1',
      netmask: '255.0.0.0',
      family: 'IPv4',
      mac: '02:00:00:00:00:01',
      internal: false,
      cidr: '127.0.0.1/8',
    },
  ],
});

export interface Device {
  name: string;
  userData: string;
  settings: SettingsStore;
  pins: PinStore;
  proxy: HubProxy;
  services: DesktopServices;
  /** window.outpost as the renderer would get it from the preload. */
  outpost: OutpostApi;
  log: ReturnType<typeof createMemoryLog>;
  close(): Promise<void>;
}

export const device = async (root: string, name: string, clock: ManualClock): Promise<Device> => {
  const userData = join(root, name);
  await mkdir(userData, { recursive: true });
  const log = createMemoryLog();
  const policy: Policy = {
    path: join(root, 'policy.json'),
    defaults: {},
    enforced: {},
    problems: [],
  };
  const settings = await createSettingsStore({
    file: join(userData, 'settings.json'),
    policy,
    log,
  });
  const pins = await createPinStore({ file: join(userData, 'hub-pins.json'), log });
  const netFetch = createElectronLikeNetFetch(pins, log);
  const proxy = createHubProxy({
    fetch: (url, init) => netFetch(url, init),
    hubUrl: () => settings.get('hubUrl'),
    tokens: createTokenStore({
      file: join(userData, 'hub-tokens.json'),
      safeStorage: fakeSafeStorage(),
      now: clock.now,
      log,
    }),
    log,
    explainFailure: (origin) => {
      const mismatch = pins.get(origin) ? pins.lastMismatch(new URL(origin).hostname) : null;
      return mismatch ? { code: 'HUB_CERTIFICATE_MISMATCH', message: mismatch.message } : null;
    },
  });
  const services = await createDesktopServices({
    userData,
    appVersion: '0.1.0',
    packaged: false,
    platform: 'linux',
    arch: 'x64',
    versions: { node: process.versions.node },
    policy,
    settings,
    pins,
    adoptSession: proxy.adoptSession,
    showSaveDialog: async () => ({ canceled: true }),
    downloadsDir: userData,
    webRoot: join(root, 'no-web-root'),
    now: clock.now,
    log,
    networkInterfaces: loopbackLan,
    hostname: () => `${name}-pc`,
    lanHost: '127.0.0.1',
    hubApp: { scrypt: FAST_SCRYPT },
  });
  const handlers = new Map<string, (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown>();
  registerIpcHandlers(
    { handle: (channel, fn) => void handlers.set(channel, fn) },
    createIpcHandlers({ appVersion: '0.1.0', settings, log, ...services.ipc }),
    log,
  );
  const outpost = createOutpostApi(async (channel, arg) =>
    handlers.get(channel)!(ipcEvent(appFrame('/')), arg),
  );
  return {
    name,
    userData,
    settings,
    pins,
    proxy,
    services,
    outpost,
    log,
    close: async () => {
      await services.host.shutdown();
      netFetch.close();
    },
  };
};

/** A JSON request from the renderer to app://outpost/hub/…, answered by the main process's proxy. */
export const api = async <T = unknown>(
  d: Device,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: T }> => {
  const res = await d.proxy(
    new Request(`app://outpost/hub${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }),
  );
  const text = await res.text();
  return { status: res.status, json: (text ? JSON.parse(text) : null) as T };
};

export interface Client {
  db: OutpostDb;
  engine: SyncEngine;
  journal: MutationJournal;
  actor: Actor;
}

/** The renderer's local store and sync engine, on fake IndexedDB, talking through the proxy. */
export const whoAmI = async (d: Device): Promise<Actor> => {
  const me = await api<{ user: Session['user'] }>(d, 'GET', `${API_PREFIX}/auth/me`);
  expect(me.status, JSON.stringify(me.json)).toBe(200);
  return { userId: me.json.user.id, roles: me.json.user.roles, queueIds: me.json.user.queueIds };
};

const storages = new WeakMap<Device, IDBFactory>();

export const openClient = async (
  d: Device,
  clock: ManualClock,
  /** Offline, the app opens for the last signed-in user (its cached profile). */
  options: { freshStorage?: boolean; offlineAs?: Actor } = {},
): Promise<Client> => {
  const actor = options.offlineAs ?? (await whoAmI(d));
  const hubOrigin = new URL(d.settings.get('hubUrl')!).origin;
  if (options.freshStorage || !storages.has(d)) storages.set(d, new IDBFactory());
  const db = openOutpostDbByName(outpostDbName(hubOrigin, actor.userId), {
    indexedDB: storages.get(d)! as unknown as globalThis.IDBFactory,
    IDBKeyRange: IDBKeyRange as unknown as typeof globalThis.IDBKeyRange,
  });
  await db.open();
  // A new store gets a client id of its own; recovery adopts the journal's when it has one.
  if (!(await readSyncMeta(db))) await saveSyncMeta(db, freshSyncMeta(newId<ClientId>()));
  const journal = createBridgeJournal(d.outpost, { hubOrigin, userId: actor.userId });
  const engine = createSyncEngine({
    db,
    journal,
    actor,
    now: clock.now,
    transport: createHttpTransport({
      base: '/hub',
      fetch: (url, init) => d.proxy(new Request(`app://outpost${String(url)}`, init)),
    }),
  });
  return { db, engine, journal, actor };
};
