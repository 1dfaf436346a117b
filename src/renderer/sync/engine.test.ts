import { liveQuery } from 'dexie';
import { describe, expect, it, vi } from 'vitest';
import type { Ticket } from '../../shared/domain/ticket';
import { BACKOFF_MAX_MS, BACKOFF_MIN_MS, backoffDelay, PERIODIC_MS, SyncFailure } from './engine';
import { mutateLocally } from './mutate';
import { createFakeSyncHub, incidentArgs, openDevice } from './sync-test-kit';
import { createManualTimers } from './test-platform';

/** A random source that replays `values` in a loop: jitter the test can predict. */
const sequence = (values: number[]) => {
  let i = 0;
  return () => values[i++ % values.length]!;
};

/** The step before jitter for the n-th failure in a row. */
const step = (failures: number) => Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** (failures - 1));

/** Fires the only pending timer of `ms` and waits for the engine to set its next one. */
const fire = async (timers: ReturnType<typeof createManualTimers>, ms?: number) => {
  const due = timers.pending().filter((t) => ms === undefined || t.ms === ms);
  expect(due).toHaveLength(1);
  const next = timers.next();
  timers.run(due[0]!);
  return next;
};

const setup = (random = sequence([0.5])) => {
  const hub = createFakeSyncHub();
  const timers = createManualTimers();
  const device = openDevice(hub, { timers, random });
  return { hub, timers, ...device };
};

describe('sync engine: retry pace', () => {
  it('keeps every delay between half and all of a step that doubles up to one minute', () => {
    for (let failures = 1; failures <= 12; failures++) {
      const low = backoffDelay(failures, () => 0);
      const high = backoffDelay(failures, () => 1);
      expect(low).toBe(step(failures) / 2);
      expect(high).toBe(step(failures));
    }
    expect(backoffDelay(30, () => 1)).toBe(BACKOFF_MAX_MS);
  });

  it('retries an unreachable hub less and less often, with jitter, never beyond a minute', async () => {
    const jitter = [0.1, 0.9, 0.35, 0.6, 0.0, 1.0, 0.5, 0.25, 0.75, 0.45];
    const { hub, timers, engine } = setup(sequence(jitter));
    hub.offline = true;
    engine.start();
    const delays: number[] = [];
    let next = await fire(timers, 0);
    for (let i = 0; i < 9; i++) {
      delays.push(next.ms);
      next = await fire(timers, next.ms);
    }
    delays.push(next.ms);
    delays.forEach((ms, i) => {
      const s = step(i + 1);
      expect(ms).toBe(Math.round(s / 2 + jitter[i]! * (s / 2)));
      expect(ms).toBeGreaterThanOrEqual(s / 2);
      expect(ms).toBeLessThanOrEqual(Math.min(s, BACKOFF_MAX_MS));
    });
    // Jitter spreads retries: not one fixed schedule.
    expect(new Set(delays.map((ms, i) => ms / step(i + 1))).size).toBeGreaterThan(5);
    expect(engine.status().connection).toBe('offline');
    engine.stop();
  });

  it('goes back to the periodic pace after a success, and starts the backoff over', async () => {
    const { hub, timers, engine } = setup();
    hub.offline = true;
    engine.start();
    let next = await fire(timers, 0);
    for (let i = 0; i < 4; i++) next = await fire(timers, next.ms);
    expect(next.ms).toBe(Math.round(step(5) * 0.75));

    hub.offline = false;
    next = await fire(timers, next.ms);
    expect(next.ms).toBe(PERIODIC_MS);
    expect(engine.status()).toMatchObject({ connection: 'online', error: null });

    hub.offline = true;
    next = await fire(timers, PERIODIC_MS);
    expect(next.ms).toBe(Math.round(step(1) * 0.75));
    engine.stop();
  });
});

describe('sync engine: triggers', () => {
  it('pulls at once when the hub pokes, instead of waiting for the periodic round', async () => {
    const { hub, timers, db, engine } = setup();
    engine.start();
    await fire(timers, 0);
    expect(hub.streams).toHaveLength(1);
    const pullsBefore = hub.pulls;

    // A colleague's ticket lands on the hub, which pokes every open stream.
    const ticket = await otherClientTicket(hub, incidentArgs(hub));
    const poked = timers.next();
    hub.commitFromElsewhere('ticket', ticket);
    const poke = await poked;
    expect(poke.ms).toBe(0);
    expect(timers.pending().map((t) => t.ms)).toEqual([0]);

    await fire(timers, 0);
    expect(hub.pulls).toBe(pullsBefore + 1);
    expect((await db.tickets.get(ticket.id))?.title).toBe(ticket.title);
    engine.stop();
  });

  it('pushes an edit made while a round runs at once, not after the periodic wait', async () => {
    const hub = createFakeSyncHub();
    const timers = createManualTimers();
    // Pulls can be held at the hub, so the edit lands in the middle of a round.
    let hold = false;
    let release = () => {};
    let entered = () => {};
    const pullHeld = new Promise<void>((r) => (entered = r));
    const transport = {
      ...hub.transport,
      async pull(body: Parameters<typeof hub.transport.pull>[0]) {
        if (hold) {
          hold = false;
          const gate = new Promise<void>((r) => (release = r));
          entered();
          await gate;
        }
        return hub.transport.pull(body);
      },
    };
    const { db, engine } = openDevice(hub, { timers, random: sequence([0.5]), transport });
    engine.start();
    expect((await fire(timers, 0)).ms).toBe(PERIODIC_MS);

    // A poke starts a round; its pull is held at the hub.
    const poked = timers.next();
    hub.commitFromElsewhere('ticket', await otherClientTicket(hub, incidentArgs(hub)));
    await poked;
    hold = true;
    timers.run(timers.pending().find((t) => t.ms === 0)!);
    await pullHeld;
    // The agent saves a ticket meanwhile: after the round's push, before its end.
    const r = await engine.mutate({ name: 'incident.create', version: 1, args: incidentArgs(hub) });
    expect(r.ok).toBe(true);
    release();
    await vi.waitFor(() => expect(engine.status().connection).toBe('online'));
    // The edit's round is still due at once; the round that ended did not put it off.
    expect(timers.pending().map((t) => t.ms)).toEqual([0]);
    // Its round pushes it (the hub's poke for that push runs one more).
    let next = await fire(timers, 0);
    while (next.ms === 0) next = await fire(timers, 0);
    expect(next.ms).toBe(PERIODIC_MS);
    expect(await db.outbox.count()).toBe(0);
    expect(hub.tickets()).toHaveLength(2);
    engine.stop();
  });

  it('resumes at once when the network comes back, without waiting out the backoff', async () => {
    const { hub, timers, db, engine } = setup();
    hub.offline = true;
    engine.start();
    let next = await fire(timers, 0);
    for (let i = 0; i < 5; i++) next = await fire(timers, next.ms);
    expect(next.ms).toBeGreaterThan(10_000);
    await engine.mutate({ name: 'incident.create', version: 1, args: incidentArgs(hub) });
    // A local edit while offline tries once more, then backs off again.
    next = await fire(timers, 0);
    expect(next.ms).toBeGreaterThan(10_000);

    hub.offline = false;
    const resumed = timers.next();
    engine.resume();
    expect((await resumed).ms).toBe(0);
    expect(timers.pending().map((t) => t.ms)).toEqual([0]);
    next = await fire(timers, 0);
    // The hub pokes every stream after the push, this one's too: one more pull.
    while (next.ms === 0) next = await fire(timers, 0);
    expect(next.ms).toBe(PERIODIC_MS);
    expect(await db.outbox.count()).toBe(0);
    expect(hub.tickets()).toHaveLength(1);
    engine.stop();
  });

  it('pushes soon when another tab adds to the shared outbox', async () => {
    const { hub, timers, db, engine } = setup();
    engine.start();
    await fire(timers, 0);
    expect(timers.pending().map((t) => t.ms)).toEqual([PERIODIC_MS]);
    const scheduled = timers.next();
    // Another tab writes to the same IndexedDB; this tab's engine leads the sync.
    const r = await mutateLocally(
      db,
      { name: 'incident.create', version: 1, args: incidentArgs(hub) },
      hub.actor,
      Date.UTC(2026, 0, 5, 10),
    );
    expect(r.ok).toBe(true);
    expect((await scheduled).ms).toBe(0);
    await fire(timers, 0);
    expect(hub.tickets()).toHaveLength(1);
    engine.stop();
  });

  it('reopens an event stream that ended, after a delay that grows while it keeps ending', async () => {
    const { hub, timers, engine } = setup();
    engine.start();
    await fire(timers, 0);
    const delays: number[] = [];
    for (let i = 0; i < 4; i++) {
      const reconnect = timers.next();
      hub.endStreams();
      const t = await reconnect;
      delays.push(t.ms);
      timers.run(t);
      expect(hub.streams).toHaveLength(1);
    }
    expect(delays).toEqual([1, 2, 3, 4].map((n) => Math.round(step(n) * 0.75)));
    engine.stop();
  });
});

describe('sync engine: joining a round', () => {
  it('a sync asked for while a round reports its end gets a round of its own', async () => {
    const hub = createFakeSyncHub();
    let pulls = 0;
    let device: ReturnType<typeof openDevice> | null = null;
    let joined: Promise<void> | null = null;
    const transport = {
      ...hub.transport,
      // An agent saves an edit while the round pulls after its push (the first
      // pull follows the bootstrap, before the push).
      async pull(...args: Parameters<typeof hub.transport.pull>) {
        if (++pulls === 2 && device) {
          const r = await mutateLocally(
            device.db,
            { name: 'incident.create', version: 1, args: incidentArgs(hub) },
            hub.actor,
            Date.UTC(2026, 0, 5, 10),
          );
          expect(r.ok).toBe(true);
        }
        return hub.transport.pull(...args);
      },
    };
    device = openDevice(hub, {
      transport,
      // The edit's timer fires just as the round reports that it is done.
      onStatus: (status) => {
        if (status.connection === 'online' && !joined) joined = device!.engine.syncOnce();
      },
    });
    await device.engine.syncOnce();
    expect(joined).not.toBeNull();
    await joined;
    expect(await device.db.outbox.count()).toBe(0);
    expect(hub.tickets()).toHaveLength(1);
    expect(device.engine.status()).toMatchObject({ connection: 'online', pending: 0 });
  });
});

describe('sync engine: stop', () => {
  it('ends its timers and its event stream, and schedules nothing afterwards', async () => {
    const { hub, timers, db, engine } = setup();
    engine.start();
    await fire(timers, 0);
    const stream = hub.streams[0]!;
    expect(timers.pending()).toHaveLength(1);

    engine.stop();
    expect(stream.signal.aborted).toBe(true);
    expect(hub.streams).toHaveLength(0);
    expect(timers.pending()).toHaveLength(0);

    // Neither a local edit, another tab's edit nor a poke wakes a stopped engine.
    await engine.mutate({ name: 'incident.create', version: 1, args: incidentArgs(hub) });
    await mutateLocally(
      db,
      { name: 'incident.create', version: 1, args: incidentArgs(hub) },
      hub.actor,
      Date.UTC(2026, 0, 5, 10),
    );
    stream.onPoke(99);
    await new Promise<void>((resolve) => {
      const watch = liveQuery(() => db.outbox.count()).subscribe((n) => {
        if (n < 2) return;
        watch.unsubscribe();
        resolve();
      });
    });
    expect(timers.pending()).toHaveLength(0);
    expect(hub.decided).toHaveLength(0);
  });

  it('does not reschedule when stopped while a round is running', async () => {
    const { hub, timers, engine } = setup();
    hub.offline = true;
    engine.start();
    const first = timers.pending()[0]!;
    timers.run(first);
    engine.stop();
    // The round still settles (as offline); a later round of its own must not appear.
    await expect(engine.syncOnce()).rejects.toThrow(/cannot reach the hub/);
    expect(timers.pending()).toHaveLength(0);
  });
});

describe('sync engine: re-reading the user before a bootstrap', () => {
  const expired = new SyncFailure({
    kind: 'hub',
    status: 401,
    code: 'SESSION_EXPIRED',
    message: 'Your session has expired; sign in again',
    retryAfterSeconds: null,
  });

  it('an expired session asks for sign-in instead of reporting the hub offline', async () => {
    const hub = createFakeSyncHub();
    const timers = createManualTimers();
    let refreshes = 0;
    const { engine } = openDevice(hub, {
      timers,
      refreshActor: () => {
        refreshes++;
        return refreshes === 1 ? Promise.reject(expired) : Promise.resolve(hub.actor);
      },
    });
    engine.start();
    timers.run(timers.pending()[0]!);
    const failure = await engine.syncOnce().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(SyncFailure);
    expect((failure as SyncFailure).sessionLost).toBe(true);
    expect(engine.status()).toMatchObject({
      connection: 'error',
      error: 'Your session has expired; sign in again',
    });
    // No retry while signed out: the loop waits for resume() after sign-in.
    expect(timers.pending()).toEqual([]);
    expect(hub.bootstraps).toBe(0);

    const resumed = timers.next();
    engine.resume();
    const done = timers.next();
    timers.run(await resumed);
    expect((await done).ms).toBe(PERIODIC_MS);
    expect(hub.bootstraps).toBe(1);
    expect(engine.status()).toMatchObject({ connection: 'online', error: null });
    engine.stop();
  });

  it('a network failure while re-reading the user still counts as offline', async () => {
    const hub = createFakeSyncHub();
    const { engine } = openDevice(hub, {
      refreshActor: () => Promise.reject(new TypeError('fetch failed')),
    });
    await expect(engine.syncOnce()).rejects.toThrow(/cannot reach the hub/);
    expect(engine.status().connection).toBe('offline');
  });
});

/** A ticket as another client would have created it on the hub. */
async function otherClientTicket(
  hub: ReturnType<typeof createFakeSyncHub>,
  args: ReturnType<typeof incidentArgs>,
): Promise<Ticket> {
  const colleague = openDevice(hub, { name: 'colleague' });
  const r = await colleague.engine.mutate({ name: 'incident.create', version: 1, args });
  if (!r.ok) throw new Error(r.error.message);
  const ticket = (await colleague.db.tickets.get(args.id))!;
  colleague.db.close();
  return ticket;
}
