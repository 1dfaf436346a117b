import { join } from 'node:path';
import type { IpcMainInvokeEvent } from 'electron';
import type { BootOptions, ElectronApis } from '../bootstrap';
import { FakeBrowserWindow, FakeEmitter, FakeSession, fakeSafeStorage } from './fakes';

/**
 * Electron as boot() receives it, recording what start-up did: protocol
 * handlers, IPC handlers, net.fetch calls, error boxes and app calls. Every
 * path is under `dir` (userData is `<dir>/userData`).
 */
export interface FakeElectronOptions {
  lock?: boolean | (() => boolean);
  packaged?: boolean;
  failProtocol?: boolean;
}

export class FakeAutoUpdater extends FakeEmitter {
  calls: string[] = [];
  setFeedURL(options: { url: string }): void {
    this.calls.push(`setFeedURL:${options.url}`);
  }
  checkForUpdates(): void {
    this.calls.push('checkForUpdates');
  }
}

type Handler = (request: Request) => Promise<Response>;

export const createFakeElectron = (dir: string, opts: FakeElectronOptions = {}) => {
  let ready: () => void = () => {};
  const readyPromise = new Promise<void>((resolve) => (ready = resolve));
  const calls: string[] = [];
  const app = Object.assign(new FakeEmitter(), {
    isPackaged: opts.packaged ?? true,
    getPath: (name: string) => join(dir, name),
    getVersion: () => '0.1.0',
    enableSandbox: () => void calls.push('enableSandbox'),
    requestSingleInstanceLock: () =>
      typeof opts.lock === 'function' ? opts.lock() : (opts.lock ?? true),
    quit: () => void calls.push('quit'),
    whenReady: () => readyPromise,
  });
  const protocolHandlers = new Map<string, Handler>();
  const ipc = new Map<string, (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown>();
  const fetched: { url: string; init?: RequestInit }[] = [];
  const session = new FakeSession();
  const errors: string[] = [];
  const autoUpdater = new FakeAutoUpdater();
  const electron = {
    app,
    autoUpdater,
    BrowserWindow: FakeBrowserWindow,
    dialog: {
      showErrorBox: (title: string, body: string) => void errors.push(`${title}: ${body}`),
      showSaveDialog: async () => ({ canceled: true }),
    },
    ipcMain: { handle: (channel: string, fn: never) => void ipc.set(channel, fn) },
    net: {
      fetch: async (url: string, init?: RequestInit) => {
        fetched.push({ url, init });
        return new Response('{}', { headers: { 'content-type': 'application/json' } });
      },
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown) =>
        void calls.push(`registerSchemes:${JSON.stringify(schemes)}`),
      handle: (scheme: string, fn: Handler) => {
        if (opts.failProtocol) throw new Error('scheme already handled');
        protocolHandlers.set(scheme, fn);
      },
    },
    safeStorage: fakeSafeStorage(),
    screen: { getAllDisplays: () => [] },
    session: { defaultSession: session },
    shell: { openExternal: async () => {} },
  } as unknown as ElectronApis;
  return {
    electron,
    app,
    autoUpdater,
    calls,
    ready,
    protocolHandlers,
    ipc,
    fetched,
    session,
    errors,
  };
};

export const bootOptions = (dir: string, over: Partial<BootOptions> = {}): BootOptions => ({
  rendererRoot: join(dir, 'renderer'),
  preloadPath: join(dir, 'preload', 'index.cjs'),
  platform: 'linux',
  env: {},
  now: () => 1_800_000_000_000,
  policyPath: join(dir, 'policy.json'),
  ...over,
});
