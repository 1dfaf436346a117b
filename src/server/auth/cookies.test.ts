import { describe, expect, it } from 'vitest';
import { clearSessionCookie, readCookie, SESSION_COOKIE, sessionCookie } from './cookies';

describe('session cookie', () => {
  it('is HttpOnly, SameSite=Strict, Path=/ and carries the lifetime', () => {
    const c = sessionCookie('abc-_123', { secure: false, maxAgeSeconds: 1209600 });
    expect(c).toBe(
      `${SESSION_COOKIE}=abc-_123; Path=/; HttpOnly; SameSite=Strict; Max-Age=1209600`,
    );
  });

  it('adds Secure for https requests', () => {
    expect(sessionCookie('t', { secure: true, maxAgeSeconds: 60 })).toMatch(/; Secure$/);
  });

  it('clears with an empty value, zero Max-Age and a past expiry', () => {
    const c = clearSessionCookie(false);
    expect(c).toContain(`${SESSION_COOKIE}=;`);
    expect(c).toContain('Max-Age=0');
    expect(c).toContain('Expires=Thu, 01 Jan 1970');
  });

  it('reads its cookie among others and ignores look-alike names', () => {
    const header = `theme=dark; x${SESSION_COOKIE}=nope; ${SESSION_COOKIE}=tok%2Den; other=1`;
    expect(readCookie(header, SESSION_COOKIE)).toBe('tok-en');
    expect(readCookie('a=1', SESSION_COOKIE)).toBeNull();
    expect(readCookie(undefined, SESSION_COOKIE)).toBeNull();
    expect(readCookie(`${SESSION_COOKIE}=`, SESSION_COOKIE)).toBeNull();
    expect(readCookie(`${SESSION_COOKIE}="q"`, SESSION_COOKIE)).toBe('q');
    expect(readCookie(`${SESSION_COOKIE}=%E0%A4%A`, SESSION_COOKIE)).toBeNull();
  });
});
