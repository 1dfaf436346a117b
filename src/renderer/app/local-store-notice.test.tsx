import { MantineProvider } from '@mantine/core';
import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { newId, type CommentId, type TicketId } from '../../shared/ids';
import { openOutpostDbByName } from '../db/database';
import { initialSyncStatus, useSyncStatus } from '../sync/status-store';
import { createFakeSyncHub, incidentArgs, openDevice } from '../sync/sync-test-kit';
import { damagedIndexedDb, freshIndexedDb } from '../sync/test-platform';
import { webPlatform } from '../testing/render-app';
import { LocalStoreProvider, type LocalStoreFactory } from './db-context';
import { rebuildMessage } from './local-store-notice';
import { createServices, ServicesProvider } from './services';
import { theme } from './theme';

describe('rebuildMessage', () => {
  it('says what happened and what became of the unsent changes', () => {
    expect(rebuildMessage({ kept: 3 }, false)).toBe(
      "This device's copy was damaged and has been rebuilt from the hub; 3 unsent changes were kept and will be sent.",
    );
    expect(rebuildMessage({ kept: 1 }, false)).toMatch(
      /; 1 unsent change was kept and will be sent\.$/,
    );
    expect(rebuildMessage({ kept: 0 }, false)).toMatch(/no unsent changes, so nothing was lost/);
  });

  it('tells an offline user that the rebuild waits for the hub and the changes are kept', () => {
    const text = rebuildMessage({ kept: 3 }, true);
    expect(text).toMatch(/cannot reach the hub right now/);
    expect(text).toMatch(/3 unsent changes were kept and will be sent then/);
    expect(text).not.toMatch(/has been rebuilt/);
  });

  it('says so when the unsent changes could not be read back yet', () => {
    const text = rebuildMessage({ kept: null, readError: 'journal unavailable' }, false);
    expect(text).toMatch(/could not yet read back.*journal unavailable.*It is kept/);
  });
});

/** Ana's device with three comments only it has, then its main database damaged. */
const damagedDevice = async () => {
  const hub = createFakeSyncHub();
  const deps = freshIndexedDb();
  const before = openDevice(hub, { deps });
  const ticketId = incidentArgs(hub).id as TicketId;
  await before.engine.mutate({
    name: 'incident.create',
    version: 1,
    args: incidentArgs(hub, { id: ticketId }),
  });
  await before.engine.syncOnce();
  hub.offline = true;
  for (const body of ['One', 'Two', 'Three']) {
    await before.engine.mutate({
      name: 'ticket.addComment',
      version: 1,
      args: { id: newId<CommentId>(), ticketId, body, visibility: 'internal' },
    });
  }
  before.db.close();
  return { hub, deps: damagedIndexedDb(deps, 'device').deps };
};

describe('LocalStoreProvider with a damaged local database', () => {
  it('rebuilds it and tells the user, in plain words, that the unsent changes were kept', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    useSyncStatus.setState(initialSyncStatus);
    const { hub, deps } = await damagedDevice();
    let device: ReturnType<typeof openDevice> | null = null;
    const factory: LocalStoreFactory = () => {
      device = openDevice(hub, { deps });
      return { db: device.db, engine: device.engine };
    };
    const services = createServices({
      platform: webPlatform,
      fetch: async () => new Response(null, { status: 503 }),
      storage: window.localStorage,
      pageOrigin: 'http://hub.test',
    });
    const view = render(
      <MantineProvider theme={theme} env="test">
        <ServicesProvider services={services}>
          <LocalStoreProvider hubOrigin="http://hub.test" actor={hub.actor} factory={factory}>
            <p>Queues</p>
          </LocalStoreProvider>
        </ServicesProvider>
      </MantineProvider>,
    );

    const notice = await screen.findByRole('status');
    expect(notice.textContent).toContain(
      "This device's copy was damaged and has been rebuilt from the hub; 3 unsent changes were kept and will be sent.",
    );
    expect(await device!.db.outbox.count()).toBe(3);

    // The hub is out of reach: the notice says what that means for the rebuild.
    act(() => useSyncStatus.getState().setConnection('offline'));
    expect(screen.getByRole('status').textContent).toMatch(/cannot reach the hub right now/);

    await userEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('status')).toBeNull();
    view.unmount();
    // Nothing unsent was lost: the rebuilt store holds the three edits for the hub.
    const reopened = openOutpostDbByName('device', deps);
    expect(await reopened.outbox.count()).toBe(3);
    reopened.close();
  });
});
