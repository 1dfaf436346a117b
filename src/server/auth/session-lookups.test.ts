import { describe, expect, it } from 'vitest';
import { BatchedLookup, MAX_KEYS } from './session-lookups';

/** A loadMany whose answers carry the number of the call that read them, resolved by hand. */
function fakeStore() {
  const calls: { keys: string[]; finish: () => void; fail: (e: Error) => void }[] = [];
  const loadMany = (keys: string[]) =>
    new Promise<Map<string, string>>((resolve, reject) => {
      const n = calls.length + 1;
      calls.push({
        keys,
        finish: () =>
          resolve(new Map(keys.filter((k) => k !== 'unknown').map((k) => [k, `${k}@${n}`]))),
        fail: reject,
      });
    });
  return { calls, loadMany };
}

/**
 * Lets scheduled batches go out: they start at the end of a turn of the event
 * loop, scheduled from the settling of the batch before (a turn after it).
 */
const turn = async () => {
  for (let i = 0; i < 2; i++) await new Promise<void>((resolve) => setImmediate(resolve));
};

describe('batched session lookups', () => {
  it('looks up the keys asked for in one turn in one batch, each key once', async () => {
    const store = fakeStore();
    const lookup = new BatchedLookup(store.loadMany);
    const answers = Promise.all(['a', 'b', 'a', 'unknown'].map((k) => lookup.load(k)));
    await turn();
    expect(store.calls.map((c) => c.keys)).toEqual([['a', 'b', 'unknown']]);
    store.calls[0]!.finish();
    expect(await answers).toEqual(['a@1', 'b@1', 'a@1', null]);
  });

  it('never answers a key with a read that began before it was asked for', async () => {
    const store = fakeStore();
    const lookup = new BatchedLookup(store.loadMany, 1);
    const early = lookup.load('a');
    await turn();
    // 'a' is asked again while the first read of it is out: it waits for a read of its own.
    const late = lookup.load('a');
    const other = lookup.load('b');
    await turn();
    expect(store.calls).toHaveLength(1);
    store.calls[0]!.finish();
    expect(await early).toBe('a@1');
    await turn();
    expect(store.calls.map((c) => c.keys)).toEqual([['a'], ['a', 'b']]);
    store.calls[1]!.finish();
    expect([await late, await other]).toEqual(['a@2', 'b@2']);
  });

  it('keeps up to its lanes of batches out at once', async () => {
    const store = fakeStore();
    const lookup = new BatchedLookup(store.loadMany, 2);
    const first = lookup.load('a');
    await turn();
    const second = lookup.load('b');
    await turn();
    const third = lookup.load('c');
    const fourth = lookup.load('d');
    await turn();
    expect(store.calls.map((c) => c.keys)).toEqual([['a'], ['b']]);
    store.calls[1]!.finish();
    expect(await second).toBe('b@2');
    await turn();
    expect(store.calls.map((c) => c.keys)).toEqual([['a'], ['b'], ['c', 'd']]);
    store.calls[0]!.finish();
    store.calls[2]!.finish();
    expect([await first, await third, await fourth]).toEqual(['a@1', 'c@3', 'd@3']);
    expect(lookup.sizes).toEqual([1, 1, 2]);
  });

  it('fails every caller of a failed batch and goes on with the next', async () => {
    const store = fakeStore();
    const lookup = new BatchedLookup(store.loadMany, 1);
    const failed = [lookup.load('a'), lookup.load('a'), lookup.load('b')];
    await turn();
    const next = lookup.load('c');
    store.calls[0]!.fail(new Error('connection lost'));
    for (const f of failed) await expect(f).rejects.toThrow('connection lost');
    await turn();
    store.calls[1]!.finish();
    expect(await next).toBe('c@2');
  });

  it(`asks for at most ${MAX_KEYS} keys in one statement`, async () => {
    const store = fakeStore();
    const lookup = new BatchedLookup(store.loadMany, 2);
    const keys = Array.from({ length: MAX_KEYS + 5 }, (_, i) => `k${i}`);
    const answers = Promise.all(keys.map((k) => lookup.load(k)));
    await turn();
    expect(store.calls.map((c) => c.keys.length)).toEqual([MAX_KEYS, 5]);
    for (const c of store.calls) c.finish();
    expect((await answers).every((a, i) => a?.startsWith(`k${i}@`))).toBe(true);
  });
});
