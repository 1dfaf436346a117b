import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SettingsView } from '../shared/ipc/contract';
import { boot, type BootOptions } from './bootstrap';
import { bootOptions, createFakeElectron, type FakeElectronOptions } from './testing/boot-fakes';
import { appFrame, FakeBrowserWindow, ipcEvent } from './testing/fakes';
import type { Every } from './updates';

/** Start-up under adverse conditions: a broken policy, an update feed, an unwritable profile. */
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'outpost-boot-bad-'));
  await mkdir(join(dir, 'renderer'));
  await writeFile(join(dir, 'renderer', 'index.html'), '<!doctype html>');
  FakeBrowserWindow.created = [];
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const started = async (over: Partial<BootOptions> = {}, opts: FakeElectronOptions = {}) => {
  const f = createFakeElectron(dir, opts);
  const booting = boot(f.electron, bootOptions(dir, over));
  f.ready();
  await booting;
  const settings = async () =>
    ((await f.ipc.get('settings:get')!(ipcEvent(appFrame()), undefined)) as { value: SettingsView })
      .value;
  return { ...f, settings };
};

/** A periodic task the test fires by hand. */
const manualEvery = () => {
  const tasks: { ms: number; task: () => void }[] = [];
  const every: Every = (ms, task) => {
    tasks.push({ ms, task });
    return () => undefined;
  };
  return { every, tasks };
};

describe('boot with a policy enforcing an invalid hub URL', () => {
  it('opens, lists the problem, keeps the hub locked to none and forwards nothing', async () => {
    await mkdir(join(dir, 'userData'));
    // The user had a hub of their own before the broken policy arrived.
    await writeFile(
      join(dir, 'userData', 'settings.json'),
      JSON.stringify({ hubUrl: 'https://home.example.org' }),
    );
    await writeFile(join(dir, 'policy.json'), JSON.stringify({ enforced: { hubUrl: 'hub.corp' } }));
    const f = await started();
    expect(FakeBrowserWindow.created).toHaveLength(1);
    expect(f.errors).toEqual([]);
    const view = await f.settings();
    expect(view.values.hubUrl).toBeNull();
    expect(view.locked).toEqual(['hubUrl']);
    expect(view.problems).toEqual([
      expect.stringMatching(
        /policy\.json: enforced\.hubUrl is invalid .*no hub is configured until the policy file is fixed/,
      ),
    ]);
    await expect(
      f.ipc.get('settings:setHubUrl')!(ipcEvent(appFrame()), 'https://elsewhere.example.org'),
    ).resolves.toMatchObject({ ok: false, error: { code: 'POLICY_LOCKED' } });
    const res = await f.protocolHandlers.get('app')!(
      new Request('app://outpost/hub/api/v1/health'),
    );
    expect(res.ok).toBe(false);
    expect(f.fetched).toEqual([]);
  });
});

describe('boot and automatic updates', () => {
  it('never touches the updater without a policy feed', async () => {
    const f = await started({ platform: 'win32' });
    expect(f.autoUpdater.calls).toEqual([]);
    expect(f.autoUpdater.listeners.size).toBe(0);
  });

  it('follows the policy feed after the window opens, and survives updater errors', async () => {
    await writeFile(
      join(dir, 'policy.json'),
      JSON.stringify({ enforced: { updateFeed: 'https://updates.corp.example/outpost' } }),
    );
    const clock = manualEvery();
    const f = await started({ platform: 'win32', every: clock.every });
    expect(FakeBrowserWindow.created).toHaveLength(1);
    expect(f.autoUpdater.calls).toEqual([
      'setFeedURL:https://updates.corp.example/outpost',
      'checkForUpdates',
    ]);
    expect(clock.tasks.map((t) => t.ms)).toEqual([4 * 60 * 60 * 1000]);
    f.autoUpdater.emit('error', new Error('Update.exe not found'));
    clock.tasks[0]!.task();
    expect(f.autoUpdater.calls.at(-1)).toBe('checkForUpdates');
    expect(f.calls).not.toContain('quit');
    expect(await readFile(join(dir, 'userData', 'logs', 'main.log'), 'utf8')).toContain(
      'Update.exe not found',
    );
    const view = await f.settings();
    expect(view.values.updateFeed).toBe('https://updates.corp.example/outpost');
    expect(view.locked).toEqual(['updateFeed']);
  });
});

describe('boot with an unwritable user-data folder', () => {
  it('still opens a window and says which folder cannot be written, and why', async () => {
    // A file where the folder should be: fails the same way for root and for users.
    await writeFile(join(dir, 'userData'), 'not a folder');
    const f = await started();
    expect(FakeBrowserWindow.created).toHaveLength(1);
    expect(f.errors).toEqual([]);
    expect(f.calls).not.toContain('quit');
    const view = await f.settings();
    expect(view.problems[0]).toBe(
      `Outpost cannot write to its data folder ${join(dir, 'userData')} (a file is in the way: ${join(dir, 'userData')} or a folder above it is a file, not a folder). ` +
        'Settings, sign-ins, pairings and host mode are not kept after Outpost closes: ' +
        'ask your IT department to make this folder writable for your account (or free disk space), then restart Outpost.',
    );
  });

  it('does not quit without a word when the single-instance lock fails because of it', async () => {
    await writeFile(join(dir, 'userData'), 'not a folder');
    const f = await started({}, { lock: false });
    expect(f.calls).not.toContain('quit');
    expect(FakeBrowserWindow.created).toHaveLength(1);
    expect((await f.settings()).problems).toContainEqual(
      expect.stringContaining('could not make sure only one copy of it runs'),
    );
  });

  it('reports a lock that throws instead of crashing', async () => {
    const f = await started(
      {},
      {
        lock: () => {
          throw new Error('ProcessSingleton: socket path too long');
        },
      },
    );
    expect(FakeBrowserWindow.created).toHaveLength(1);
    expect((await f.settings()).problems).toEqual([
      'Outpost could not check whether another copy of it is running (ProcessSingleton: socket path too long); avoid opening it twice.',
    ]);
  });

  it('still quits, and says why in the log, when another copy really runs', async () => {
    const f = createFakeElectron(dir, { lock: false });
    await boot(f.electron, bootOptions(dir));
    expect(f.calls).toContain('quit');
    expect(FakeBrowserWindow.created).toHaveLength(0);
    expect(await readFile(join(dir, 'userData', 'logs', 'main.log'), 'utf8')).toContain(
      'another copy of Outpost is running',
    );
  });
});
