import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareHlc,
  formatHlc,
  hlcClamp,
  hlcInit,
  hlcNodeId,
  hlcNow,
  hlcReceive,
  hlcSchema,
  hlcWallTime,
  isHlc,
  parseHlc,
  type HlcClock,
} from './hlc';

const T0 = Date.UTC(2025, 0, 6, 9, 0, 0);
const node = fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/);
const wall = fc.integer({ min: T0, max: T0 + 10 * 86_400_000 });

describe('hlc stamps', () => {
  it('formats fixed-width stamps that round-trip through parseHlc', () => {
    const s = formatHlc({ wallMs: T0, counter: 7, nodeId: 'client-a' });
    expect(s).toBe(`00${T0}-000007-client-a`);
    expect(parseHlc(s)).toEqual({
      ok: true,
      value: { wallMs: T0, counter: 7, nodeId: 'client-a' },
    });
    expect(hlcWallTime(s)).toBe(T0);
    expect(hlcNodeId(s)).toBe('client-a');
    expect(isHlc(s)).toBe(true);
  });

  it('explains malformed stamps', () => {
    expect(parseHlc('yesterday')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/must look like/),
    });
    expect(parseHlc('000000000000001-000000-a')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/outside 2000..2200/),
    });
    expect(parseHlc(`00${T0}-000000-bad node`)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/node id/),
    });
    expect(parseHlc(42 as unknown as string)).toMatchObject({
      ok: false,
      message: 'HLC stamp must be a string',
    });
    expect(() => hlcWallTime('nope')).toThrow(/must look like/);
    expect(isHlc(3)).toBe(false);
    expect(hlcSchema.safeParse('nope').success).toBe(false);
    expect(hlcSchema.parse(`00${T0}-000000-a`)).toBe(`00${T0}-000000-a`);
  });

  it('refuses to format impossible parts', () => {
    expect(() => formatHlc({ wallMs: -1, counter: 0, nodeId: 'a' })).toThrow(/wall time/);
    expect(() => formatHlc({ wallMs: T0, counter: 1_000_000, nodeId: 'a' })).toThrow(/counter/);
    expect(() => formatHlc({ wallMs: T0, counter: 0, nodeId: '' })).toThrow(/node id/);
    expect(() => hlcInit('a b')).toThrow(/node id/);
  });

  it('string order equals (wall, counter, node) order', () => {
    const parts = fc.record({
      wallMs: wall,
      counter: fc.integer({ min: 0, max: 999_999 }),
      nodeId: node,
    });
    fc.assert(
      fc.property(parts, parts, (a, b) => {
        const byParts =
          a.wallMs !== b.wallMs
            ? Math.sign(a.wallMs - b.wallMs)
            : a.counter !== b.counter
              ? Math.sign(a.counter - b.counter)
              : compareHlc(a.nodeId, b.nodeId);
        expect(compareHlc(formatHlc(a), formatHlc(b))).toBe(byParts);
      }),
    );
  });
});

describe('hlcNow', () => {
  it('uses wall time when the clock is behind, else bumps the counter', () => {
    let clock = hlcInit('n1');
    const a = hlcNow(clock, T0);
    expect(a.stamp).toBe(formatHlc({ wallMs: T0, counter: 0, nodeId: 'n1' }));
    clock = a.clock;
    const b = hlcNow(clock, T0 - 5_000); // the OS clock stepped backwards
    expect(hlcWallTime(b.stamp)).toBe(T0);
    expect(compareHlc(b.stamp, a.stamp)).toBe(1);
  });

  it('refuses a broken injected clock', () => {
    expect(() => hlcNow(hlcInit('n1'), Number.NaN)).toThrow(/not a finite number/);
    expect(() =>
      hlcReceive(hlcInit('n1'), formatHlc({ wallMs: T0, counter: 0, nodeId: 'x' }), Infinity),
    ).toThrow(/finite/);
    expect(() =>
      hlcClamp(formatHlc({ wallMs: T0, counter: 0, nodeId: 'x' }), Number.NaN, 1000),
    ).toThrow(/finite/);
  });

  it('moves the wall one millisecond ahead instead of overflowing the counter', () => {
    const full: HlcClock = { wallMs: T0, counter: 999_999, nodeId: 'n1' };
    const { stamp } = hlcNow(full, T0);
    expect(parseHlc(stamp)).toMatchObject({ ok: true, value: { wallMs: T0 + 1, counter: 0 } });
  });

  it('is strictly monotonic whatever the wall clock does', () => {
    fc.assert(
      fc.property(fc.array(wall, { minLength: 1, maxLength: 50 }), (walls) => {
        let clock = hlcInit('n');
        let prev = '';
        for (const w of walls) {
          const r = hlcNow(clock, w);
          expect(r.stamp > prev).toBe(true);
          prev = r.stamp;
          clock = r.clock;
        }
      }),
    );
  });
});

describe('hlcReceive', () => {
  it('later local stamps sort after any received stamp', () => {
    fc.assert(
      fc.property(
        fc.record({ wallMs: wall, counter: fc.integer({ min: 0, max: 999_999 }), nodeId: node }),
        fc.record({ wallMs: wall, counter: fc.integer({ min: 0, max: 999_999 }) }),
        wall,
        (remote, local, now) => {
          const remoteStamp = formatHlc(remote);
          const clock = hlcReceive({ ...local, nodeId: 'me' }, remoteStamp, now);
          const next = hlcNow(clock, now).stamp;
          expect(hlcWallTime(next)).toBeGreaterThanOrEqual(remote.wallMs);
          expect(compareHlc(next.slice(0, 22), remoteStamp.slice(0, 22))).toBe(1);
          expect(clock.nodeId).toBe('me');
        },
      ),
    );
  });

  it('takes the wall time when it is ahead of both and resets the counter', () => {
    const clock = hlcReceive(
      { wallMs: T0, counter: 5, nodeId: 'me' },
      formatHlc({ wallMs: T0 - 1, counter: 9, nodeId: 'x' }),
      T0 + 10,
    );
    expect(clock).toEqual({ wallMs: T0 + 10, counter: 0, nodeId: 'me' });
  });

  it('moves the wall ahead instead of overflowing the counter', () => {
    const full = formatHlc({ wallMs: T0, counter: 999_999, nodeId: 'x' });
    expect(hlcReceive({ wallMs: T0, counter: 3, nodeId: 'me' }, full, T0)).toEqual({
      wallMs: T0 + 1,
      counter: 0,
      nodeId: 'me',
    });
  });

  it('rejects malformed remote stamps', () => {
    expect(() => hlcReceive(hlcInit('me'), 'garbage', T0)).toThrow(/must look like/);
  });
});

describe('hlcClamp', () => {
  it('pulls a far-future stamp back to now + tolerance and says so', () => {
    const future = formatHlc({ wallMs: T0 + 3 * 86_400_000, counter: 4, nodeId: 'skewed' });
    const r = hlcClamp(future, T0, 60_000);
    expect(r.clamped).toBe(true);
    expect(parseHlc(r.stamp)).toEqual({
      ok: true,
      value: { wallMs: T0 + 60_000, counter: 4, nodeId: 'skewed' },
    });
  });

  it('leaves stamps within tolerance untouched', () => {
    const s = formatHlc({ wallMs: T0 + 30_000, counter: 0, nodeId: 'a' });
    expect(hlcClamp(s, T0, 60_000)).toEqual({ stamp: s, clamped: false });
  });
});
