import { describe, expect, it, vi } from 'vitest';
import { SEQ_AT_COMMIT } from './change-log';
import { coalesced, createLocalPokeBus, throttled, type PokeTimers } from './pokes';

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

describe('local poke bus', () => {
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
