import type { SetupRequest } from '../../shared/api/accounts';
import { readIpcError } from '../../shared/ipc/errors';
import type { AccountsApi } from '../api/accounts';
import type { ApiError, ApiResult } from '../api/errors';
import { fail, isHubError, ok } from '../api/errors';
import type { Platform } from '../app/platform';
import { toProfile, type Profile, type ProfileCache } from './profile-cache';
import { useSession } from './session-store';

type Store = typeof useSession;

export interface SessionController {
  /** Finds out which gate to show: connect, set-up, sign-in, or the shell. */
  start(): Promise<void>;
  signIn(username: string, password: string): Promise<ApiResult<Profile>>;
  /** After the session was lost: sign in again as the same user, keeping the screen. */
  reauthenticate(password: string): Promise<ApiResult<Profile>>;
  signOut(): Promise<void>;
  completeSetup(request: SetupRequest): Promise<ApiResult<Profile>>;
  /** Desktop: store the hub address, then start again against it. */
  connectHub(url: string): Promise<void>;
  /** Desktop: go back to the hub address form. */
  changeHub(): void;
  /** The API client saw a 401 on a call that needed the session. */
  sessionLost(): void;
  /** Re-checks the session with the hub (e.g. when the network comes back). */
  revalidate(): Promise<void>;
}

export interface SessionDeps {
  platform: Platform;
  accounts: AccountsApi;
  cache: ProfileCache;
  /** Origin of the page; the hub's origin in web mode. */
  pageOrigin: string;
  /** After an explicit sign-out: the next person should not land on this one's page. */
  onSignedOut?: () => void;
  store?: Store;
}

const originOf = (url: string): string | null => {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
};

export const createSessionController = (deps: SessionDeps): SessionController => {
  const store = deps.store ?? useSession;
  const { accounts, cache } = deps;

  const signedIn = (user: Profile, unverified = false) => {
    const hubOrigin = store.getState().hubOrigin;
    if (hubOrigin && !unverified) cache.save(hubOrigin, user);
    store.setState({ phase: { name: 'signed-in', user, unverified }, sessionLost: false });
  };

  /** Hub unreachable at start: open offline for the last user of this hub, if any. */
  const openOffline = (error: ApiError) => {
    const hubOrigin = store.getState().hubOrigin;
    const cached = hubOrigin ? cache.load(hubOrigin) : null;
    if (cached) signedIn(cached, true);
    else store.setState({ phase: { name: 'unreachable', message: error.message } });
  };

  const resolveHubOrigin = async (): Promise<string | null> => {
    if (!deps.platform.desktop) return deps.pageOrigin;
    const url = await deps.platform.desktop.getHubUrl();
    return url ? originOf(url) : null;
  };

  const start = async () => {
    store.setState({ phase: { name: 'starting' }, sessionLost: false });
    const hubOrigin = await resolveHubOrigin();
    if (!hubOrigin) {
      store.setState({ hubOrigin: null, phase: { name: 'connect-hub', error: null } });
      return;
    }
    store.setState({ hubOrigin });

    const setup = await accounts.setupStatus();
    if (!setup.ok && isHubError(setup.error, 'HUB_NOT_CONFIGURED')) {
      store.setState({ phase: { name: 'connect-hub', error: null } });
      return;
    }
    if (!setup.ok) {
      openOffline(setup.error);
      return;
    }
    if (setup.value.needsSetup) {
      store.setState({ phase: { name: 'needs-setup', setup: setup.value } });
      return;
    }
    const me = await accounts.me();
    if (me.ok) {
      signedIn(toProfile(me.value.user));
    } else if (me.error.kind === 'hub' && me.error.status === 401) {
      // No valid session: the cached profile must not open anyone's data.
      cache.clear();
      store.setState({ phase: { name: 'signed-out', notice: null } });
    } else {
      openOffline(me.error);
    }
  };

  const signIn: SessionController['signIn'] = async (username, password) => {
    const r = await accounts.login({ username, password });
    if (!r.ok) return r;
    const profile = toProfile(r.value.user);
    signedIn(profile);
    return ok(profile);
  };

  const reauthenticate: SessionController['reauthenticate'] = async (password) => {
    const phase = store.getState().phase;
    if (phase.name !== 'signed-in') {
      return fail({ kind: 'invalid-response', status: 0, message: 'Nobody is signed in.' });
    }
    return signIn(phase.user.username, password);
  };

  const signOut = async () => {
    const r = await accounts.logout();
    cache.clear();
    const notice = r.ok
      ? 'You signed out.'
      : 'You signed out on this device. The hub could not be told, so the session ends when it expires.';
    store.setState({ phase: { name: 'signed-out', notice }, sessionLost: false });
    deps.onSignedOut?.();
  };

  const completeSetup: SessionController['completeSetup'] = async (request) => {
    const r = await accounts.setup(request);
    if (!r.ok) return r;
    return signIn(request.username, request.password);
  };

  const connectHub = async (url: string) => {
    const desktop = deps.platform.desktop;
    if (!desktop) return;
    try {
      await desktop.setHubUrl(url);
    } catch (e) {
      store.setState({ phase: { name: 'connect-hub', error: readIpcError(e).message } });
      return;
    }
    await start();
  };

  const changeHub = () => {
    if (deps.platform.desktop) store.setState({ phase: { name: 'connect-hub', error: null } });
  };

  const sessionLost = () => {
    if (store.getState().phase.name === 'signed-in') store.setState({ sessionLost: true });
  };

  const revalidate = async () => {
    const phase = store.getState().phase;
    if (phase.name !== 'signed-in') return;
    const me = await accounts.me();
    if (me.ok) signedIn(toProfile(me.value.user));
    else if (me.error.kind === 'hub' && me.error.status === 401) sessionLost();
  };

  return {
    start,
    signIn,
    reauthenticate,
    signOut,
    completeSetup,
    connectHub,
    changeHub,
    sessionLost,
    revalidate,
  };
};
