/**
 * Explains where a JSON text stops being valid, as "unexpected '}' at line 1,
 * column 33". JSON.parse's own message varies between engines and often omits
 * the position, which is what a person fixing a request needs.
 */
export function describeJsonError(text: string): string {
  const { offset, found } = locate(text);
  let line = 1;
  let col = 1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      col = 1;
    } else col++;
  }
  const what = found === null ? 'unexpected end of input' : `unexpected ${JSON.stringify(found)}`;
  return `${what} at line ${line}, column ${col} (position ${offset})`;
}

class Stop extends Error {
  constructor(readonly offset: number) {
    super('json error');
  }
}

function locate(text: string): { offset: number; found: string | null } {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const fail = (): never => {
    throw new Stop(i);
  };
  const expect = (ch: string) => {
    if (text[i] !== ch) fail();
    i++;
  };
  const literal = (word: string) => {
    for (const ch of word) expect(ch);
  };
  const string = () => {
    expect('"');
    while (i < text.length && text[i] !== '"') {
      const c = text.charCodeAt(i);
      if (c < 0x20) fail();
      if (text[i] === '\\') {
        i++;
        if (text[i] === 'u') {
          i++;
          for (let k = 0; k < 4; k++) {
            if (!/[0-9a-fA-F]/.test(text[i] ?? '')) fail();
            i++;
          }
        } else if ('"\\/bfnrt'.includes(text[i] ?? '#')) i++;
        else fail();
      } else i++;
    }
    expect('"');
  };
  const digits = () => {
    if (!/[0-9]/.test(text[i] ?? '')) fail();
    while (/[0-9]/.test(text[i] ?? '')) i++;
  };
  const number = () => {
    if (text[i] === '-') i++;
    if (text[i] === '0') i++;
    else digits();
    if (text[i] === '.') {
      i++;
      digits();
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++;
      if (text[i] === '+' || text[i] === '-') i++;
      digits();
    }
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') return void i++;
      for (;;) {
        ws();
        string();
        ws();
        expect(':');
        value();
        ws();
        if (text[i] === ',') i++;
        else return void expect('}');
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') return void i++;
      for (;;) {
        value();
        ws();
        if (text[i] === ',') i++;
        else return void expect(']');
      }
    }
    if (c === '"') return string();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    if (c === '-' || /[0-9]/.test(c ?? '')) return number();
    fail();
  };
  try {
    value();
    ws();
    if (i < text.length) fail();
    // Valid per this scanner but JSON.parse refused it: point at the start.
    return { offset: 0, found: text[0] ?? null };
  } catch (err) {
    if (!(err instanceof Stop)) throw err;
    return { offset: err.offset, found: text[err.offset] ?? null };
  }
}
