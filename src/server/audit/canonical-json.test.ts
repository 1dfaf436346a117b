import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it('sorts keys at every level and drops undefined like JSON does', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[3,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('gives equal text for equal values built in different orders', () => {
    const one = { actor: 'x', details: { roles: ['admin'], name: 'n' } };
    const two = { details: { name: 'n', roles: ['admin'] }, actor: 'x' };
    expect(canonicalJson(one)).toBe(canonicalJson(two));
  });

  it('keeps array order and serialises scalars as JSON', () => {
    expect(canonicalJson([2, 1, null, 'é', true])).toBe('[2,1,null,"é",true]');
    expect(canonicalJson(new Date(0))).toBe('"1970-01-01T00:00:00.000Z"');
  });
});
