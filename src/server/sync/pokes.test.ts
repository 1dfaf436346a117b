import { describe, expect, it, vi } from 'vitest';
import { SEQ_AT_COMMIT } from './change-log';
import { globalAudience, userAudience } from './audience';
import {
  coalesced,
  createLocalPokeBus,
  mergeScopes,
  parseNotification,
  scopeSuffix,
  throttled,
  type PokeScope,
  type PokeTimers,
} from './pokes';

/** Timers the test fires by hand, in the order they were set. */
function manualTimers() {
  let next = 1;
  const due = new Map<number, { fn: () => void; ms: number }>();
  const timers: PokeTimers = {
    setTimeout(fn, ms) {
      const id = next++;
      due.set(id, { fn, ms });
      return id;
    },
    clearTimeout(id) {
      due.delete(id as number);
    },
  };
  return {
    timers,
    pending: () => [...due.values()].map((t) => t.ms),
    /** Ends the current window. */
    fire() {
      const [id, t] = [...due.entries()][0]!;
      due.delete(id);
      t.fn();
    },
  };
}

describe('poke throttle of one event stream', () => {
  it('passes a lone poke on at once', () => {
    const t = manualTimers();
    const sent: number[] = [];
    throttled((seq) => sent.push(seq), { windowMs: 50, timers: t.timers }).poke(7);
    expect(sent).toEqual([7]);
  });

  it('collapses a burst into one trailing poke with the newest seq, then rests', () => {
    const t = manualTimers();
    const sent: number[] = [];
    const stream = throttled((seq) => sent.push(seq), { windowMs: 50, timers: t.timers });
    stream.poke(1);
    for (let seq = 2; seq <= 40; seq++) stream.poke(seq);
    // A late, smaller seq (another hub's NOTIFY arriving late) never moves the newest back.
    stream.poke(12);
    expect(sent).toEqual([1]);
    expect(t.pending()).toEqual([50]);
    t.fire();
    expect(sent).toEqual([1, 40]);
    // The trailing poke opens a window of its own; nothing new came, so no poke and no timer.
    t.fire();
    expect(sent).toEqual([1, 40]);
    expect(t.pending()).toEqual([]);
    // Quiet again: the next commit pokes at once.
    stream.poke(41);
    expect(sent).toEqual([1, 40, 41]);
  });

  it('sends nothing more once cancelled (the stream ended)', () => {
    const t = manualTimers();
    const sent: number[] = [];
    const stream = throttled((seq) => sent.push(seq), { windowMs: 50, timers: t.timers });
    stream.poke(1);
    stream.poke(2);
    stream.cancel();
    expect(t.pending()).toEqual([]);
    expect(sent).toEqual([1]);
  });
});

describe('coalesced runs', () => {
  it('runs once per request when idle, and once more for any number of requests during a run', async () => {
    let finish: (() => void)[] = [];
    let runs = 0;
    const request = coalesced(async () => {
      runs++;
      await new Promise<void>((r) => finish.push(r));
    });
    request();
    expect(runs).toBe(1);
    request();
    request();
    request();
    expect(runs).toBe(1);
    finish.shift()!();
    await vi.waitFor(() => expect(runs).toBe(2));
    finish.shift()!();
    await Promise.resolve();
    await new Promise((r) => setImmediate(r));
    expect(runs).toBe(2);
    request();
    expect(runs).toBe(3);
    finish.shift()!();
    finish = [];
  });
});

describe('poke scopes', () => {
  const ana = userAudience('ana');
  const ben = userAudience('ben');

  it('merge commits told in one poke, anyone winning', () => {
    expect(mergeScopes(undefined, [ana])).toEqual([ana]);
    expect(mergeScopes([ana, ben], [ana])).toEqual([ana, ben]);
    expect(mergeScopes([ana], null)).toBeNull();
    expect(mergeScopes(null, [ben])).toBeNull();
  });

  it('travel in a NOTIFY payload after the seq, and anything unreadable means anyone', () => {
    expect(parseNotification(`42${scopeSuffix([ana, globalAudience(true)])}`)).toEqual({
      seq: 42,
      scope: [ana, globalAudience(true)],
    });
    expect(parseNotification(`42${scopeSuffix(null)}`)).toEqual({ seq: 42, scope: null });
    // An older hub's payload (the seq alone), a broken or foreign one.
    expect(parseNotification('42')).toEqual({ seq: 42, scope: null });
    expect(parseNotification('42|{"not":"a list"}')).toEqual({ seq: 42, scope: null });
    expect(parseNotification('42|[{')).toEqual({ seq: 42, scope: null });
    // Over PostgreSQL's payload limit: sent as anyone.
    const many = Array.from({ length: 200 }, (_, i) => userAudience(`user-${i}`));
    expect(scopeSuffix(many)).toBe('');
  });
});

describe('local poke bus', () => {
  it('tells each poke’s scope, merging the scopes of commits one head read covers', async () => {
    let head = 10;
    let release!: () => void;
    const bus = createLocalPokeBus(async () => {
      await new Promise<void>((r) => (release = r));
      return head;
    });
    const seen: [number, PokeScope][] = [];
    bus.subscribe((seq, scope) => seen.push([seq, scope]));
    bus.publish(5, [userAudience('ana')]);
    bus.publish(6);
    expect(seen).toEqual([
      [5, [userAudience('ana')]],
      [6, null],
    ]);
    bus.publish(SEQ_AT_COMMIT, [userAudience('ana')]);
    // Two more commits while the first read of the head runs: one more read, both scopes.
    bus.publish(SEQ_AT_COMMIT, [userAudience('ben')]);
    bus.publish(SEQ_AT_COMMIT, [userAudience('cy')]);
    release();
    await vi.waitFor(() => expect(seen).toHaveLength(3));
    head = 12;
    release();
    await vi.waitFor(() => expect(seen).toHaveLength(4));
    expect(seen.slice(2)).toEqual([
      [10, [userAudience('ana')]],
      [12, [userAudience('ben'), userAudience('cy')]],
    ]);
    await bus.close();
  });

  it('passes known seqs on, and reads the newest seq for a commit numbered at COMMIT', async () => {
    let head = 40;
    const bus = createLocalPokeBus(async () => head);
    const seen: number[] = [];
    bus.subscribe((seq) => seen.push(seq));
    bus.publish(7);
    expect(seen).toEqual([7]);
    head = 42;
    bus.publish(SEQ_AT_COMMIT);
    await vi.waitFor(() => expect(seen).toEqual([7, 42]));
    await bus.close();
  });
});
