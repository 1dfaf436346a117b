import { contextBridge, ipcRenderer } from 'electron';
import { createOutpostApi } from './api';

// Each function forwards exactly one argument: the renderer cannot smuggle
// extra ones, and no channel name is ever taken from the page.
contextBridge.exposeInMainWorld(
  'outpost',
  createOutpostApi((channel, arg) => ipcRenderer.invoke(channel, arg)),
);
