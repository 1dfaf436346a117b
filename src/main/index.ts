import { fileURLToPath } from 'node:url';
import {
  app,
  autoUpdater,
  BrowserWindow,
  dialog,
  ipcMain,
  net,
  protocol,
  safeStorage,
  screen,
  session,
  shell,
} from 'electron';
import { boot } from './bootstrap';

/**
 * Composition root: the only module that imports Electron's values.
 * Everything else receives them from here (CONVENTIONS.md rule 4).
 */
// Fixes the user-data folder's name (…/Outpost) before anything asks for it,
// whatever the packager wrote into package.json: IT documents that path.
app.setName('Outpost');
void boot(
  {
    app,
    autoUpdater,
    BrowserWindow,
    dialog,
    ipcMain,
    net,
    protocol,
    safeStorage,
    screen,
    session,
    shell,
  },
  {
    rendererRoot: fileURLToPath(new URL('../renderer', import.meta.url)),
    preloadPath: fileURLToPath(new URL('../preload/index.cjs', import.meta.url)),
    platform: process.platform,
    env: process.env,
    now: () => Date.now(),
    arch: process.arch,
    versions: { ...process.versions },
    echo: app.isPackaged ? undefined : (line) => console.log(line),
  },
);
