import { beforeEach, describe, expect, it } from 'vitest';
import { createAccountsApi } from '../api/accounts';
import { createApiClient } from '../api/client';
import type { Platform } from '../app/platform';
import { createFakeHub, hubError, type FakeHub } from '../testing/fake-hub';
import { webPlatform } from '../testing/render-app';
import { createProfileCache } from './profile-cache';
import { createSessionController } from './session-controller';
import { initialSessionState, useSession } from './session-store';
import { fakeOutpostApi } from '../testing/fake-outpost-api';

const ORIGIN = 'http://hub.test';

const setup = (hub: FakeHub, platform: Platform = webPlatform) => {
  const cache = createProfileCache(window.localStorage);
  const accounts = createAccountsApi(createApiClient({ base: platform.apiBase, fetch: hub.fetch }));
  const session = createSessionController({ platform, accounts, cache, pageOrigin: ORIGIN });
  return { session, cache };
};

const seeded = () => {
  const hub = createFakeHub();
  hub.addUser({ username: 'ana', password: 'password-ana', displayName: 'Ana', roles: ['agent'] });
  return hub;
};

describe('session controller', () => {
  beforeEach(() => useSession.setState(initialSessionState, true));

  it('asks for set-up on a hub without users', async () => {
    const hub = createFakeHub();
    hub.needsSetup = true;
    hub.canSetupHere = false;
    await setup(hub).session.start();
    expect(useSession.getState().phase).toEqual({
      name: 'needs-setup',
      setup: { needsSetup: true, canSetupHere: false },
    });
  });

  it('shows sign-in without a session, and forgets a stale cached profile', async () => {
    const hub = seeded();
    const { session, cache } = setup(hub);
    cache.save(ORIGIN, { ...hub.users[0]!, roles: ['agent'] });
    await session.start();
    expect(useSession.getState().phase.name).toBe('signed-out');
    expect(cache.load(ORIGIN)).toBeNull();
  });

  it('opens the shell when the cookie session is still valid', async () => {
    const hub = seeded();
    hub.sessionUserId = hub.users[0]!.id;
    await setup(hub).session.start();
    const phase = useSession.getState().phase;
    expect(phase.name === 'signed-in' && phase.user.username).toBe('ana');
    expect(phase.name === 'signed-in' && phase.unverified).toBe(false);
  });

  it('opens offline for the last user of this hub when the hub is unreachable', async () => {
    const hub = seeded();
    const { session, cache } = setup(hub);
    await session.start();
    await session.signIn('ana', 'password-ana');
    expect(cache.load(ORIGIN)?.username).toBe('ana');

    hub.intercept(
      () => true,
      () => 'network-error',
    );
    await session.start();
    const phase = useSession.getState().phase;
    expect(phase.name === 'signed-in' && phase.unverified).toBe(true);
  });

  it('explains that the hub is unreachable when nobody signed in here before', async () => {
    const hub = seeded();
    hub.intercept(
      () => true,
      () => 'network-error',
    );
    await setup(hub).session.start();
    expect(useSession.getState().phase.name).toBe('unreachable');
  });

  it('signs out on the hub and clears the cached profile', async () => {
    const hub = seeded();
    const { session, cache } = setup(hub);
    await session.start();
    await session.signIn('ana', 'password-ana');
    expect(cache.load(ORIGIN)).not.toBeNull();
    await session.signOut();
    expect(hub.sessionUserId).toBeNull();
    expect(cache.load(ORIGIN)).toBeNull();
    expect(useSession.getState().phase).toEqual({ name: 'signed-out', notice: 'You signed out.' });
  });

  it('keeps the shell and raises the sign-in dialog when a session is lost, then clears it', async () => {
    const hub = seeded();
    const { session } = setup(hub);
    await session.signIn('ana', 'password-ana');
    session.sessionLost();
    expect(useSession.getState().sessionLost).toBe(true);
    expect(useSession.getState().phase.name).toBe('signed-in');
    const r = await session.reauthenticate('password-ana');
    expect(r.ok).toBe(true);
    expect(useSession.getState().sessionLost).toBe(false);
  });

  it('goes to the hub address form when the desktop has none', async () => {
    const hub = seeded();
    const desktop = fakeOutpostApi({
      appVersion: async () => '0.1.0',
      getHubUrl: async () => null,
      setHubUrl: async () => {
        throw new Error('[POLICY_LOCKED] Your organisation sets the hub address.');
      },
    });
    const platform: Platform = { kind: 'desktop', apiBase: '/hub', desktop };
    const { session } = setup(hub, platform);
    await session.start();
    expect(useSession.getState().phase).toEqual({ name: 'connect-hub', error: null });
    await session.connectHub('https://hub.example.org');
    expect(useSession.getState().phase).toEqual({
      name: 'connect-hub',
      error: 'Your organisation sets the hub address.',
    });
  });

  it('treats the proxy HUB_NOT_CONFIGURED answer as "enter a hub address"', async () => {
    const hub = seeded();
    hub.intercept(
      (r) => r.path === '/hub/api/v1/setup',
      () => hubError(503, 'HUB_NOT_CONFIGURED', 'No hub address is set.'),
    );
    const desktop = fakeOutpostApi({
      appVersion: async () => '0.1.0',
      getHubUrl: async () => 'https://hub.example.org:7410',
      setHubUrl: async () => null,
    });
    await setup(hub, { kind: 'desktop', apiBase: '/hub', desktop }).session.start();
    expect(useSession.getState().phase.name).toBe('connect-hub');
  });
});
