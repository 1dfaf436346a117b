import type { OutpostApi } from '../../shared/ipc/contract';

/**
 * Where the renderer runs. In the desktop shell the preload exposes
 * `window.outpost` and the main process proxies the hub under `/hub` on the
 * app's own origin, adding the session token itself: the renderer never sees
 * a token. In web mode the hub serves the renderer, so the API is on the same
 * origin and the session rides in an HttpOnly cookie.
 */
export interface Platform {
  kind: 'desktop' | 'web';
  /** Prefix for every hub request made by `fetch`. */
  apiBase: string;
  desktop: OutpostApi | null;
}

type WindowWithOutpost = Window & { outpost?: OutpostApi };

export const detectPlatform = (win: Window = window): Platform => {
  const desktop = (win as WindowWithOutpost).outpost ?? null;
  return desktop
    ? { kind: 'desktop', apiBase: '/hub', desktop }
    : { kind: 'web', apiBase: '', desktop: null };
};
