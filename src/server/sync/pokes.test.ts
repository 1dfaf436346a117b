import { describe, expect, it } from 'vitest';
import { throttled, type PokeTimers } from './pokes';

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
