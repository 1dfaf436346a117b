import { describe, expect, it } from 'vitest';
import { parseJsonBody } from './error-handling';

describe('parseJsonBody', () => {
  it('parses ordinary bodies, the words in values included', () => {
    expect(parseJsonBody('{"a":[1,{"b":"x"}],"c":null}')).toEqual({ a: [1, { b: 'x' }], c: null });
    expect(parseJsonBody('{"title":"constructor of the __proto__ chain","n":"\\u00e9"}')).toEqual({
      title: 'constructor of the __proto__ chain',
      n: 'é',
    });
    expect(parseJsonBody('{"constructor":"a plain value"}')).toEqual({
      constructor: 'a plain value',
    });
  });

  it.each([
    ['a plain __proto__ key', '{"a":1,"__proto__":{"admin":true}}', '__proto__'],
    ['a nested __proto__ key', '{"a":{"b":[{"__proto__":{}}]}}', '__proto__'],
    [
      '__proto__ spelled with escapes',
      '{"\\u005f\\u005fproto\\u005f\\u005f":{"admin":true}}',
      '__proto__',
    ],
    ['constructor.prototype', '{"constructor":{"prototype":{"admin":true}}}', 'constructor'],
    [
      'constructor spelled with escapes',
      '{"\\u0063onstructor":{"prototype":{"admin":true}}}',
      'constructor',
    ],
  ])('refuses %s', (_, text, word) => {
    expect(() => parseJsonBody(text)).toThrow(word);
  });

  it('throws the parser error on malformed text', () => {
    expect(() => parseJsonBody('{"a":')).toThrow(SyntaxError);
  });
});
