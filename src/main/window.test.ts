import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Display } from 'electron';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryLog } from './log';
import { FakeBrowserWindow, FakeBrowserWindowCtor } from './testing/fakes';
import { createMainWindow, DEFAULT_SIZE } from './window';
import { createWindowStateStore, isVisibleOn } from './window-state';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'outpost-window-'));
  FakeBrowserWindow.created = [];
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const display = (x: number, y: number, width: number, height: number) =>
  ({ workArea: { x, y, width, height } }) as Display;

const open = async (displays = [display(0, 0, 1920, 1040)]) => {
  const log = createMemoryLog();
  const state = createWindowStateStore({ file: join(dir, 'window-state.json'), log });
  await createMainWindow({
    BrowserWindow: FakeBrowserWindowCtor,
    screen: { getAllDisplays: () => displays },
    preloadPath: '/app/out/preload/index.cjs',
    state,
    log,
  });
  return FakeBrowserWindow.created.at(-1)!;
};

describe('main window', () => {
  it('is created with the hardened web preferences and loads the app origin', async () => {
    const win = await open();
    expect(win.options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
    });
    expect(win.loadedUrl).toBe('app://outpost/');
  });

  it('every window ever created had those preferences', async () => {
    await open();
    await open();
    expect(FakeBrowserWindow.created).toHaveLength(2);
    for (const w of FakeBrowserWindow.created) {
      const prefs = w.options.webPreferences!;
      expect([
        prefs.contextIsolation,
        prefs.sandbox,
        prefs.nodeIntegration,
        prefs.webSecurity,
      ]).toEqual([true, true, false, true]);
    }
  });

  it('stays hidden until its first paint is ready', async () => {
    const win = await open();
    expect(win.options.show).toBe(false);
    expect(win.shown).toBe(false);
    win.emit('ready-to-show');
    expect(win.shown).toBe(true);
  });

  it('opens centred at the default size the first time', async () => {
    const win = await open();
    expect(win.options).toMatchObject({ ...DEFAULT_SIZE, center: true });
  });

  it('reopens where the user left it, maximised if it was', async () => {
    const first = await open();
    first.normalBounds = { x: 200, y: 100, width: 1100, height: 720 };
    first.maximized = true;
    first.emit('close');
    await expect
      .poll(async () => readFile(join(dir, 'window-state.json'), 'utf8').catch(() => ''))
      .toContain('1100');

    const second = await open();
    expect(second.options).toMatchObject({ x: 200, y: 100, width: 1100, height: 720 });
    second.emit('ready-to-show');
    expect(second.maximized).toBe(true);
  });

  it('does not reopen off-screen after a monitor was unplugged', async () => {
    await writeFile(
      join(dir, 'window-state.json'),
      JSON.stringify({ x: 2500, y: 100, width: 1000, height: 700, maximized: false }),
    );
    const win = await open([display(0, 0, 1920, 1040)]);
    expect(win.options).toMatchObject({ width: 1000, height: 700, center: true });
    expect(win.options.x).toBeUndefined();
  });

  it('ignores a damaged window-state file', async () => {
    await writeFile(join(dir, 'window-state.json'), '{"x": "left"');
    const win = await open();
    expect(win.options).toMatchObject({ ...DEFAULT_SIZE, center: true });
  });
});

describe('isVisibleOn', () => {
  it('needs a usable part of the window on some display', () => {
    const areas = [display(0, 0, 1920, 1040).workArea, display(1920, 0, 1280, 1024).workArea];
    expect(isVisibleOn({ x: 2000, y: 50, width: 800, height: 600 }, areas)).toBe(true);
    expect(isVisibleOn({ x: 3180, y: 50, width: 800, height: 600 }, areas)).toBe(false);
    expect(isVisibleOn({ x: -790, y: 50, width: 800, height: 600 }, areas)).toBe(false);
  });
});
