import type { OutpostApi } from './contract';

/**
 * `window.outpost` exists only inside the desktop app (the preload exposes
 * it). In web mode and in tests it is undefined, so the renderer must check
 * for it: `window.outpost ? '/hub' : ''` is the base path of hub requests.
 */
declare global {
  interface Window {
    outpost?: OutpostApi;
  }
}

export {};
