import type {
  BrowserWindow,
  BrowserWindowConstructorOptions,
  Screen,
  WebPreferences,
} from 'electron';
import type { Log } from './log';
import { APP_URL } from './protocol';
import { isVisibleOn, type WindowState, type WindowStateStore } from './window-state';

/**
 * Every window's web preferences (SECURITY.md "Electron shell"). Windows are
 * created only through this module so no window can be made without them.
 */
export const secureWebPreferences = (preload: string): WebPreferences => ({
  preload,
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  webviewTag: false,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  // Dropping a file on the window must not navigate away from the app.
  navigateOnDragDrop: false,
  safeDialogs: true,
  spellcheck: true,
});

export const DEFAULT_SIZE = { width: 1280, height: 800 };

export interface MainWindowDeps {
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => BrowserWindow;
  screen: Pick<Screen, 'getAllDisplays'>;
  preloadPath: string;
  state: WindowStateStore;
  log: Log;
  /** The page to load; app://outpost/ unless a test says otherwise. */
  url?: string;
}

const boundsFrom = (
  saved: WindowState | null,
  screen: MainWindowDeps['screen'],
): Partial<BrowserWindowConstructorOptions> => {
  if (!saved) return { ...DEFAULT_SIZE, center: true };
  const workAreas = screen.getAllDisplays().map((d) => d.workArea);
  if (!isVisibleOn(saved, workAreas))
    return { width: saved.width, height: saved.height, center: true };
  return { x: saved.x, y: saved.y, width: saved.width, height: saved.height };
};

export const createMainWindow = async ({
  BrowserWindow,
  screen,
  preloadPath,
  state,
  log,
  url = APP_URL,
}: MainWindowDeps): Promise<BrowserWindow> => {
  const saved = await state.load();
  const win = new BrowserWindow({
    ...boundsFrom(saved, screen),
    minWidth: 800,
    minHeight: 500,
    title: 'Outpost',
    // Shown on ready-to-show so the user never sees an empty white frame.
    show: false,
    backgroundColor: '#1f2933',
    webPreferences: secureWebPreferences(preloadPath),
  });
  win.once('ready-to-show', () => {
    if (saved?.maximized) win.maximize();
    win.show();
  });
  win.on('close', () => {
    const { x, y, width, height } = win.getNormalBounds();
    void state.save({ x, y, width, height, maximized: win.isMaximized() });
  });
  // A failed load shows Chromium's error page in the window; the log says why.
  win.loadURL(url).catch((e: unknown) => {
    log.error('main window failed to load', {
      url,
      reason: e instanceof Error ? e.message : String(e),
    });
  });
  return win;
};
