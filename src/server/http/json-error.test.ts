import { describe, expect, it } from 'vitest';
import { describeJsonError } from './json-error';

describe('describeJsonError', () => {
  it.each([
    ['{"username": "ana", "password": }', `unexpected "}" at line 1, column 33 (position 32)`],
    ['{"a": 1,}', `unexpected "}" at line 1, column 9 (position 8)`],
    ['{"a": [1, 2', 'unexpected end of input at line 1, column 12 (position 11)'],
    ["{'a': 1}", `unexpected "'" at line 1, column 2 (position 1)`],
    ['{\n  "a": tru\n}', `unexpected "\\n" at line 2, column 11 (position 12)`],
    ['{"a": 1} x', 'unexpected "x" at line 1, column 10 (position 9)'],
    ['{"a": "\\q"}', 'unexpected "q" at line 1, column 9 (position 8)'],
    ['{"a": 01}', 'unexpected "1" at line 1, column 8 (position 7)'],
  ])('locates the error in %j', (text, message) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(describeJsonError(text)).toBe(message);
  });
});
