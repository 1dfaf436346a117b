import { describe, expect, it } from 'vitest';
import { parseMutatedParts } from './change-feed';

/** A RangeSet node holding one key, as Dexie sends it. */
const one = (key: string) => ({ from: key, to: key, l: null, r: null });

describe('the store change feed', () => {
  it('names the tickets and comments written', () => {
    const change = parseMutatedParts('db', {
      'idb://db/tickets/': one('t1'),
      'idb://db/comments/': one('c1'),
    });
    expect(change).toEqual({
      tickets: new Set(['t1']),
      comments: new Set(['c1']),
      ticketPacks: new Set(),
      childPacks: new Set(),
    });
    expect(parseMutatedParts('db', { 'idb://db/users/': one('u1') })).toBeNull();
  });

  it('names the packs of comments written, for their tickets to be read', () => {
    const change = parseMutatedParts('db', { 'idb://db/childPacks/': one('p1') });
    expect(change).toEqual({
      tickets: new Set(),
      comments: new Set(),
      ticketPacks: new Set(),
      childPacks: new Set(['p1']),
    });
  });

  it('names the ticket packs written, for their tickets to be read', () => {
    const change = parseMutatedParts('db', { 'idb://db/ticketPacks/': one('tp1') });
    expect(change).toEqual({
      tickets: new Set(),
      comments: new Set(),
      ticketPacks: new Set(['tp1']),
      childPacks: new Set(),
    });
  });
});
