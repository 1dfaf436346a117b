import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ipcContract } from '../shared/ipc/contract';
import { boot, type BootOptions } from './bootstrap';
import { bootOptions, createFakeElectron, type FakeElectronOptions } from './testing/boot-fakes';
import {
  appFrame,
  FakeBrowserWindow,
  FakeWebContents,
  ipcEvent,
  navigationEvent,
} from './testing/fakes';
import { fakeInterfaces, fakeStartHub, type FakeHubCalls } from './testing/desktop-deps';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'outpost-boot-'));
  await mkdir(join(dir, 'renderer'));
  await writeFile(join(dir, 'renderer', 'index.html'), '<!doctype html>');
  FakeBrowserWindow.created = [];
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const fakeElectron = (opts: FakeElectronOptions = {}) => createFakeElectron(dir, opts);
const options = (over: Partial<BootOptions> = {}): BootOptions => bootOptions(dir, over);

describe('boot', () => {
  it('registers the scheme, sandboxes all renderers and installs guards before the app is ready', async () => {
    const f = fakeElectron();
    const started = boot(f.electron, options());
    expect(f.calls).toEqual([
      'registerSchemes:[{"scheme":"app","privileges":{"standard":true,"secure":true,"supportFetchAPI":true,"stream":true,"codeCache":true}}]',
      'enableSandbox',
    ]);
    expect(f.app.listeners.has('web-contents-created')).toBe(true);
    expect(f.protocolHandlers.size).toBe(0);
    f.ready();
    await started;
  });

  it('when ready: serves app://, handles every IPC channel and opens one hardened window', async () => {
    const f = fakeElectron();
    const started = boot(f.electron, options());
    f.ready();
    await started;
    expect([...f.protocolHandlers.keys()]).toEqual(['app']);
    expect([...f.ipc.keys()].sort()).toEqual(Object.keys(ipcContract).sort());
    expect(FakeBrowserWindow.created).toHaveLength(1);
    const win = FakeBrowserWindow.created[0]!;
    expect(win.loadedUrl).toBe('app://outpost/');
    expect(win.options.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      preload: join(dir, 'preload', 'index.cjs'),
    });
    expect(f.session.proxies).toEqual([{ mode: 'system' }]);
    const index = await f.protocolHandlers.get('app')!(new Request('app://outpost/'));
    expect(await index.text()).toBe('<!doctype html>');
    expect(await readFile(join(dir, 'userData', 'logs', 'main.log'), 'utf8')).toContain(
      '"started"',
    );
  });

  it('guards web contents created at any time', async () => {
    const f = fakeElectron();
    const started = boot(f.electron, options());
    const contents = new FakeWebContents();
    f.app.emit('web-contents-created', {}, contents);
    const event = navigationEvent('https://evil.example/');
    contents.emit('will-navigate', event);
    expect(event.defaultPrevented).toBe(true);
    f.ready();
    await started;
  });

  it('applies the policy: enforced hub and proxy, locked in settings, problems reported', async () => {
    await writeFile(
      join(dir, 'policy.json'),
      JSON.stringify({
        enforced: {
          hubUrl: 'https://corp-hub.example.org',
          proxy: { mode: 'fixed_servers', rules: 'proxy:3128' },
        },
        defaults: { telemetry: 'maybe' },
      }),
    );
    const f = fakeElectron();
    const started = boot(f.electron, options());
    f.ready();
    await started;
    expect(f.session.proxies).toEqual([{ mode: 'fixed_servers', proxyRules: 'proxy:3128' }]);
    const snapshot = await f.ipc.get('settings:get')!(ipcEvent(appFrame()), undefined);
    expect(snapshot).toMatchObject({
      ok: true,
      value: {
        values: { hubUrl: 'https://corp-hub.example.org' },
        locked: ['hubUrl', 'proxy'],
        problems: [expect.stringContaining('defaults.telemetry is invalid')],
      },
    });
    await expect(
      f.ipc.get('settings:setHubUrl')!(ipcEvent(appFrame()), 'https://home.example.org'),
    ).resolves.toMatchObject({ ok: false, error: { code: 'POLICY_LOCKED' } });
    await f.protocolHandlers.get('app')!(new Request('app://outpost/hub/api/v1/health'));
    expect(f.fetched.map((c) => c.url)).toEqual(['https://corp-hub.example.org/api/v1/health']);
  });

  it('quits at once when another copy is already running', async () => {
    const f = fakeElectron({ lock: false });
    await boot(f.electron, options());
    expect(f.calls).toContain('quit');
    expect(f.app.listeners.has('web-contents-created')).toBe(false);
    expect(FakeBrowserWindow.created).toHaveLength(0);
  });

  it('follows the dev server only when the app is not packaged', async () => {
    for (const packaged of [true, false]) {
      const f = fakeElectron({ packaged });
      const started = boot(
        f.electron,
        options({ env: { ELECTRON_RENDERER_URL: 'http://localhost:5173' } }),
      );
      f.ready();
      await started;
      await f.protocolHandlers.get('app')!(new Request('app://outpost/src/main.tsx'));
      expect(f.fetched.map((c) => c.url)).toEqual(
        packaged ? [] : ['http://localhost:5173/src/main.tsx'],
      );
    }
  });

  it('shows an error and quits when start-up fails', async () => {
    const f = fakeElectron({ failProtocol: true });
    const started = boot(f.electron, options());
    f.ready();
    await started;
    expect(f.errors).toEqual([
      expect.stringContaining('Outpost could not start: scheme already handled'),
    ]);
    expect(f.calls).toContain('quit');
  });

  it('quits when the last window closes, except on macOS', async () => {
    for (const platform of ['win32', 'darwin'] as const) {
      const f = fakeElectron();
      const started = boot(f.electron, options({ platform }));
      f.ready();
      await started;
      f.app.emit('window-all-closed');
      expect(f.calls.includes('quit')).toBe(platform !== 'darwin');
    }
  });
});

describe('boot with host mode and pinned hubs', () => {
  it('installs the pinning certificate verifier for net.fetch', async () => {
    const f = fakeElectron();
    const started = boot(f.electron, options());
    f.ready();
    await started;
    const verify = f.session.certificateVerifyProc as unknown as (
      request: { hostname: string; certificate: { data: string } },
      callback: (verdict: number) => void,
    ) => void;
    expect(verify).toBeTypeOf('function');
    // No hub is pinned yet: Chromium's own verification applies.
    const verdict = await new Promise<number>((resolve) =>
      verify({ hostname: 'hub.example.org', certificate: { data: '' } }, resolve),
    );
    expect(verdict).toBe(-3);
  });

  it('starts with a malformed policy file: a window, the problem listed, host mode safely refused', async () => {
    await writeFile(join(dir, 'policy.json'), '{ "enforced": { "hubUrl": "https://x" ');
    const calls: FakeHubCalls = { started: [], closed: 0 };
    const f = fakeElectron();
    const started = boot(f.electron, options({ startHub: fakeStartHub(calls) }));
    f.ready();
    await started;
    expect(FakeBrowserWindow.created).toHaveLength(1);
    expect(f.errors).toEqual([]);
    const settings = (await f.ipc.get('settings:get')!(ipcEvent(appFrame()), undefined)) as {
      value: { problems: string[] };
    };
    expect(settings.value.problems).toEqual([
      expect.stringMatching(/policy\.json is not valid JSON.*starting with safe defaults/),
    ]);
    const refused = await f.ipc.get('host:start')!(ipcEvent(appFrame()), { lan: false });
    expect(refused).toMatchObject({ ok: false, error: { code: 'POLICY_LOCKED' } });
    expect(calls.started).toEqual([]);
  });

  it('brings host mode back when it was on, and stops it cleanly before quitting', async () => {
    await mkdir(join(dir, 'userData'), { recursive: true });
    await writeFile(
      join(dir, 'userData', 'host-mode.json'),
      JSON.stringify({ enabled: true, lan: false, port: 7444 }),
    );
    const calls: FakeHubCalls = { started: [], closed: 0 };
    const f = fakeElectron();
    const started = boot(
      f.electron,
      options({
        startHub: fakeStartHub(calls),
        networkInterfaces: fakeInterfaces,
        hostname: () => 'pc',
      }),
    );
    f.ready();
    await started;
    await vi.waitFor(() => expect(calls.started).toHaveLength(1));
    expect(calls.started[0]!.config).toMatchObject({ host: '127.0.0.1', port: 7444 });
    const status = (await f.ipc.get('host:status')!(ipcEvent(appFrame()), undefined)) as {
      value: { state: string };
    };
    expect(status.value.state).toBe('running');

    const quitEvent = {
      prevented: false,
      preventDefault() {
        this.prevented = true;
      },
    };
    f.app.emit('will-quit', quitEvent);
    expect(quitEvent.prevented).toBe(true);
    await vi.waitFor(() => expect(f.calls).toContain('quit'));
    expect(calls.closed).toBe(1);
    // Quitting is not turning it off: it comes back next time.
    expect(
      JSON.parse(await readFile(join(dir, 'userData', 'host-mode.json'), 'utf8')).enabled,
    ).toBe(true);
    const again = {
      prevented: false,
      preventDefault() {
        this.prevented = true;
      },
    };
    f.app.emit('will-quit', again);
    expect(again.prevented).toBe(false);
  });
});
