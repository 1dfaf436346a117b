import { useMemo, useSyncExternalStore } from 'react';

/**
 * A small hash router: `#/incidents`, `#/admin/users`, `#/incidents/:id`.
 * Hash routes work the same under `app://outpost/` (desktop), a hub serving
 * the web app, and a static file, with no server-side rewrites.
 */
export interface Location {
  /** Always starts with '/', no trailing slash (except the root itself). */
  path: string;
  query: URLSearchParams;
}

export const normalizePath = (raw: string): string => {
  const segments = raw.split('/').filter((s) => s !== '' && s !== '.');
  return '/' + segments.join('/');
};

export const parseHash = (hash: string): Location => {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  const q = body.indexOf('?');
  const rawPath = q === -1 ? body : body.slice(0, q);
  const query = new URLSearchParams(q === -1 ? '' : body.slice(q + 1));
  let path: string;
  try {
    path = normalizePath(decodeURI(rawPath));
  } catch {
    path = normalizePath(rawPath);
  }
  return { path, query };
};

export type Params = Record<string, string>;

/** Matches `/incidents/:id` against `/incidents/0190…`; null when it does not fit. */
export const matchPath = (pattern: string, path: string): Params | null => {
  const want = normalizePath(pattern).split('/').slice(1);
  const got = normalizePath(path).split('/').slice(1);
  if (want.length !== got.length) return null;
  const params: Params = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!;
    const g = got[i]!;
    if (w.startsWith(':')) {
      if (g === '') return null;
      try {
        params[w.slice(1)] = decodeURIComponent(g);
      } catch {
        return null;
      }
    } else if (w !== g) {
      return null;
    }
  }
  return params;
};

/** Builds `#/path?query` for links; the inverse of parseHash. */
export const hrefFor = (path: string, query?: Record<string, string>): string => {
  const qs = query ? new URLSearchParams(query).toString() : '';
  return `#${normalizePath(path)}${qs ? `?${qs}` : ''}`;
};

export const navigate = (path: string, options: { replace?: boolean } = {}): void => {
  const href = hrefFor(path);
  if (options.replace) {
    window.history.replaceState(window.history.state, '', href);
    // replaceState does not fire hashchange; tell subscribers ourselves.
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    window.location.hash = href;
  }
};

const subscribe = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};
const snapshot = () => window.location.hash;

/** The current hash location; re-renders on every hash change. */
export const useLocation = (): Location => {
  const hash = useSyncExternalStore(subscribe, snapshot, () => '');
  return useMemo(() => parseHash(hash), [hash]);
};

export interface RouteLike {
  path: string;
}

export type Resolution<R extends RouteLike> =
  | { kind: 'match'; route: R; params: Params }
  | { kind: 'redirect'; to: string }
  | { kind: 'forbidden'; route: R }
  | { kind: 'not-found'; path: string };

/**
 * Picks the route for a path. `/` goes to `home`; a route the user may not
 * open is reported as forbidden rather than silently swapped, so the screen
 * can say why.
 */
export const resolveRoute = <R extends RouteLike>(
  routes: readonly R[],
  path: string,
  options: { home: string; canOpen: (route: R) => boolean },
): Resolution<R> => {
  const p = normalizePath(path);
  if (p === '/') return { kind: 'redirect', to: options.home };
  for (const route of routes) {
    const params = matchPath(route.path, p);
    if (params === null) continue;
    return options.canOpen(route) ? { kind: 'match', route, params } : { kind: 'forbidden', route };
  }
  return { kind: 'not-found', path: p };
};
