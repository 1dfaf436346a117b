import { describe, expect, it } from 'vitest';

/**
 * SECURITY.md: ticket text is untrusted, so the renderer never injects raw
 * HTML or evaluates strings. Read every renderer source through Vite (the
 * renderer may not import node's fs) and fail on the forbidden constructs.
 */
const sources = import.meta.glob(['./**/*.{ts,tsx}', '!./**/*.test.{ts,tsx}'], {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

const forbidden: [string, RegExp][] = [
  ['dangerouslySetInnerHTML', /dangerouslySetInnerHTML/],
  ['eval(', /\beval\s*\(/],
  ['new Function(', /new\s+Function\s*\(/],
  ['innerHTML =', /\.(inner|outer)HTML\s*=/],
  ['string timers', /set(Timeout|Interval)\s*\(\s*['"`]/],
];

describe('renderer source scan', () => {
  it('reads the renderer sources', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(20);
    expect(Object.keys(sources)).toContain('./main.tsx');
  });

  it.each(forbidden)('has no %s', (_name, pattern) => {
    const offenders = Object.entries(sources)
      .filter(([, text]) => pattern.test(text))
      .map(([file]) => file);
    expect(offenders).toEqual([]);
  });

  it('index.html carries the strict CSP without unsafe-eval', async () => {
    const html = (await import('./index.html?raw')).default;
    expect(html).toContain(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; connect-src 'self'",
    );
    expect(html).not.toContain('unsafe-eval');
  });
});
