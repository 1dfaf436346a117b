import { join } from 'node:path';
import type {
  App,
  AutoUpdater,
  BrowserWindow,
  Dialog,
  IpcMain,
  Net,
  Protocol,
  SafeStorage,
  Screen,
  Shell,
  session as electronSession,
} from 'electron';
import { checkDataFolder, takeSingleInstanceLock } from './data-folder';
import { createDesktopServices } from './desktop-services';
import { createOpenExternal } from './external-links';
import type { StartHub } from './host-mode';
import type { HostController } from './host-controller';
import { createHubProxy } from './hub-proxy';
import { createIpcHandlers, registerIpcHandlers } from './ipc';
import type { NetworkInterfaces } from './lan-addresses';
import { createFileLog, type Log } from './log';
import { createCertificateVerifyProc, createPinStore } from './pin-store';
import { loadPolicy, policyPathFor } from './policy';
import { APP_SCHEME, appScheme, createAppProtocolHandler } from './protocol';
import { applyProxy } from './proxy';
import { installWebContentsGuards } from './security';
import { createSettingsStore, type SettingsStore } from './settings';
import { createTokenStore } from './token-store';
import { realEvery, startUpdates, type Every, type Updates } from './updates';
import { createMainWindow } from './window';
import { createWindowStateStore } from './window-state';

/**
 * Wires the main process from the Electron APIs it is given, so the whole
 * start-up can run in a test with fakes. index.ts passes the real ones.
 */
export interface ElectronApis {
  app: App;
  autoUpdater: Pick<AutoUpdater, 'setFeedURL' | 'checkForUpdates' | 'on'>;
  BrowserWindow: typeof BrowserWindow;
  dialog: Pick<Dialog, 'showErrorBox' | 'showSaveDialog'>;
  ipcMain: Pick<IpcMain, 'handle'>;
  net: Pick<Net, 'fetch'>;
  protocol: Pick<Protocol, 'registerSchemesAsPrivileged' | 'handle'>;
  safeStorage: SafeStorage;
  screen: Pick<Screen, 'getAllDisplays'>;
  session: Pick<typeof electronSession, 'defaultSession'>;
  shell: Pick<Shell, 'openExternal'>;
}

export interface BootOptions {
  /** Built renderer (out/renderer) and preload (out/preload/index.cjs). */
  rendererRoot: string;
  preloadPath: string;
  platform: NodeJS.Platform;
  env: Readonly<Record<string, string | undefined>>;
  now: () => number;
  /** Overrides the machine-wide policy location; tests only. */
  policyPath?: string;
  echo?: (line: string) => void;
  arch?: string;
  /** process.versions (electron, chrome, node…) for Settings and diagnostics. */
  versions?: Record<string, string | undefined>;
  /** Tests: a fake hub and network instead of the real ones. */
  startHub?: StartHub;
  networkInterfaces?: NetworkInterfaces;
  hostname?: () => string;
  /** Tests: drives the periodic update check by hand. */
  every?: Every;
}

interface Running {
  settings: SettingsStore;
  host: HostController;
  openWindow: () => Promise<BrowserWindow>;
  startUpdates: () => Updates;
}

const start = async (
  electron: ElectronApis,
  options: BootOptions,
  log: Log,
  startupProblems: readonly string[],
): Promise<Running> => {
  const { app } = electron;
  const userData = app.getPath('userData');

  const policy = await loadPolicy({
    path: options.policyPath ?? policyPathFor(options.platform, options.env),
    log,
  });
  const settings = await createSettingsStore({
    file: join(userData, 'settings.json'),
    policy,
    log,
    problems: startupProblems,
  });

  const defaultSession = electron.session.defaultSession;
  await applyProxy(defaultSession, settings.get('proxy'), log);
  let proxy = settings.get('proxy');
  settings.onChange((values) => {
    if (JSON.stringify(values.proxy) === JSON.stringify(proxy)) return;
    proxy = values.proxy;
    void applyProxy(defaultSession, values.proxy, log);
  });

  // Hubs shared from a desktop on the LAN are reached only with the certificate paired with.
  const pins = await createPinStore({ file: join(userData, 'hub-pins.json'), log });
  defaultSession.setCertificateVerifyProc(createCertificateVerifyProc(pins, log));

  const tokens = createTokenStore({
    file: join(userData, 'hub-tokens.json'),
    safeStorage: electron.safeStorage,
    now: options.now,
    log,
  });
  const hub = createHubProxy({
    fetch: (url, init) => electron.net.fetch(url, init),
    hubUrl: () => settings.get('hubUrl'),
    tokens,
    log,
    explainFailure: (origin) => {
      const mismatch = pins.get(origin) ? pins.lastMismatch(new URL(origin).hostname) : null;
      return mismatch ? { code: 'HUB_CERTIFICATE_MISMATCH', message: mismatch.message } : null;
    },
  });
  // Only an unpackaged app follows electron-vite's dev server variable.
  const devServerUrl = app.isPackaged ? undefined : options.env['ELECTRON_RENDERER_URL'];
  electron.protocol.handle(
    APP_SCHEME,
    createAppProtocolHandler({
      root: options.rendererRoot,
      hub,
      ...(devServerUrl
        ? { devServer: { url: devServerUrl, fetch: (u: string) => electron.net.fetch(u) } }
        : {}),
    }),
  );

  const desktop = await createDesktopServices({
    userData,
    appVersion: app.getVersion(),
    packaged: app.isPackaged,
    platform: options.platform,
    arch: options.arch ?? process.arch,
    versions: options.versions ?? {},
    policy,
    settings,
    pins,
    adoptSession: hub.adoptSession,
    showSaveDialog: (o) => electron.dialog.showSaveDialog(o),
    downloadsDir: app.getPath('downloads'),
    webRoot: options.rendererRoot,
    now: options.now,
    log,
    ...(options.startHub ? { startHub: options.startHub } : {}),
    ...(options.networkInterfaces ? { networkInterfaces: options.networkInterfaces } : {}),
    ...(options.hostname ? { hostname: options.hostname } : {}),
  });
  registerIpcHandlers(
    electron.ipcMain,
    createIpcHandlers({ appVersion: app.getVersion(), settings, log, ...desktop.ipc }),
    log,
  );

  // Host mode comes back if it was on; a failure (port taken) is shown in
  // Settings and never stops the app.
  void desktop.host.resume();

  const windowState = createWindowStateStore({ file: join(userData, 'window-state.json'), log });
  const openWindow = () =>
    createMainWindow({
      BrowserWindow: electron.BrowserWindow,
      screen: electron.screen,
      preloadPath: options.preloadPath,
      state: windowState,
      log,
    });
  return {
    settings,
    host: desktop.host,
    openWindow,
    startUpdates: () =>
      startUpdates({
        policy,
        autoUpdater: electron.autoUpdater,
        platform: options.platform,
        packaged: app.isPackaged,
        every: options.every ?? realEvery,
        log,
      }),
  };
};

/**
 * Call at module load, before the app is ready: the scheme must be
 * registered and the guards installed before the first web contents exists.
 */
export const boot = (electron: ElectronApis, options: BootOptions): Promise<void> => {
  const { app } = electron;
  electron.protocol.registerSchemesAsPrivileged([appScheme]);
  // Sandbox every renderer, including any a future change forgets to configure.
  app.enableSandbox();

  const log = createFileLog({
    dir: join(app.getPath('userData'), 'logs'),
    now: options.now,
    ...(options.echo ? { echo: options.echo } : {}),
  });

  const dataFolderProblem = checkDataFolder(app.getPath('userData'));
  if (dataFolderProblem) log.error('data folder not writable', { problem: dataFolderProblem });
  const instance = takeSingleInstanceLock(app, dataFolderProblem, log);
  if (instance.kind === 'second') {
    // A second copy would fight the first over the same local database.
    app.quit();
    return Promise.resolve();
  }
  const startupProblems = [
    ...(dataFolderProblem ? [dataFolderProblem] : []),
    ...(instance.kind === 'unlocked' ? [instance.problem] : []),
  ];

  installWebContentsGuards(app, { openExternal: createOpenExternal(electron.shell, log), log });

  return app.whenReady().then(async () => {
    try {
      const running = await start(electron, options, log, startupProblems);
      let main = await running.openWindow();
      // After the window: whatever the update feed does, the user is already working.
      const updates = running.startUpdates();
      app.on('second-instance', () => {
        if (main.isDestroyed()) return;
        if (main.isMinimized()) main.restore();
        main.focus();
      });
      app.on('activate', () => {
        if (electron.BrowserWindow.getAllWindows().length === 0) {
          void running.openWindow().then((w) => (main = w));
        }
      });
      app.on('window-all-closed', () => {
        if (options.platform !== 'darwin') app.quit();
      });
      // The hub finishes the requests in flight and closes its database before the app exits.
      app.on('will-quit', (event: { preventDefault(): void }) => {
        updates.stop();
        if (!running.host.running()) return;
        event.preventDefault();
        void running.host.shutdown().finally(() => app.quit());
      });
      log.info('started', { version: app.getVersion() });
    } catch (e) {
      log.error('start-up failed', {
        reason: e instanceof Error ? (e.stack ?? e.message) : String(e),
      });
      electron.dialog.showErrorBox(
        'Outpost could not start',
        `${e instanceof Error ? e.message : String(e)}\n\nDetails are in ${join(app.getPath('userData'), 'logs', 'main.log')}.`,
      );
      app.quit();
    }
  });
};
