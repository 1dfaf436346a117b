import { describe, expect, it } from 'vitest';
import { listIn } from './list-in';

describe('listIn', () => {
  it('creates a list on first use and hands back the same list after', () => {
    const lists = new Map<string, number[]>();
    listIn(lists, 'a').push(1);
    listIn(lists, 'b').push(2);
    listIn(lists, 'a').push(3);
    expect([...lists]).toEqual([
      ['a', [1, 3]],
      ['b', [2]],
    ]);
  });
});
