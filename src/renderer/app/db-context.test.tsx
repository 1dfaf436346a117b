import { MantineProvider } from '@mantine/core';
import { render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { initialSessionState, useSession } from '../session/session-store';
import { BACKOFF_MIN_MS } from '../sync/engine';
import { createFakeSyncHub, openDevice } from '../sync/sync-test-kit';
import { createManualTimers } from '../sync/test-platform';
import { webPlatform } from '../testing/render-app';
import { LocalStoreProvider, type LocalStoreFactory } from './db-context';
import { ReauthDialog } from './reauth-dialog';
import { createServices, ServicesProvider } from './services';
import { theme } from './theme';

const mount = (
  factory: LocalStoreFactory,
  actor: ReturnType<typeof createFakeSyncHub>['actor'],
  fetch: typeof globalThis.fetch = async () => new Response(null, { status: 503 }),
) =>
  render(
    <MantineProvider theme={theme} env="test">
      <ServicesProvider
        services={createServices({
          platform: webPlatform,
          fetch,
          storage: window.localStorage,
          pageOrigin: 'http://hub.test',
        })}
      >
        <LocalStoreProvider hubOrigin="http://hub.test" actor={actor} factory={factory}>
          <p>Queues</p>
          <ReauthDialog />
        </LocalStoreProvider>
      </ServicesProvider>
    </MantineProvider>,
  );

afterEach(() => useSession.setState(initialSessionState, true));

describe('LocalStoreProvider', () => {
  it('syncs at once when the browser says it is back online, without waiting out the backoff', async () => {
    const hub = createFakeSyncHub();
    hub.offline = true;
    const timers = createManualTimers();
    const device = openDevice(hub, { timers, random: () => 0.5 });
    const first = timers.next();
    const view = mount(() => ({ db: device.db, engine: device.engine }), hub.actor);

    // Offline: the first round fails and the engine backs off.
    let t = await first;
    expect(t.ms).toBe(0);
    for (let i = 0; i < 5; i++) {
      const next = timers.next();
      timers.run(t);
      t = await next;
    }
    expect(t.ms).toBeGreaterThan(10 * BACKOFF_MIN_MS);

    hub.offline = false;
    const resumed = timers.next();
    window.dispatchEvent(new Event('online'));
    expect((await resumed).ms).toBe(0);
    expect(timers.pending().map((p) => p.ms)).toEqual([0]);
    const done = timers.next();
    timers.run(timers.pending()[0]!);
    await done;
    expect(hub.bootstraps).toBe(1);

    view.unmount();
    // Unmounting (sign-out) stops the loop: nothing is left to fire.
    expect(timers.pending()).toEqual([]);
    expect(hub.streams).toHaveLength(0);
  });

  it('asks the user to sign in again when the session expired before a bootstrap', async () => {
    const hub = createFakeSyncHub();
    useSession.setState({
      phase: {
        name: 'signed-in',
        user: {
          id: hub.actor.userId,
          username: 'ana',
          displayName: 'Ana Lopez',
          roles: hub.actor.roles,
          queueIds: hub.actor.queueIds,
        },
        unverified: false,
      },
    });
    const expired = async () =>
      Response.json(
        { error: { code: 'SESSION_EXPIRED', message: 'Your session has expired' } },
        { status: 401 },
      );
    const timers = createManualTimers();
    let device: ReturnType<typeof openDevice> | null = null;
    const first = timers.next();
    const view = mount(
      (input) => {
        device ??= openDevice(hub, { timers, refreshActor: input.refreshActor });
        return { db: device.db, engine: device.engine };
      },
      hub.actor,
      expired,
    );
    timers.run(await first);

    expect(await screen.findByRole('dialog', { name: 'Your session expired' })).toBeTruthy();
    expect(useSession.getState().sessionLost).toBe(true);
    expect(hub.bootstraps).toBe(0);
    view.unmount();
  });
});
