/** The one cookie the hub sets: the web-mode session (HttpOnly, so page scripts never see it). */
export const SESSION_COOKIE = 'outpost_session';

/** Reads one cookie from a Cookie header; null when absent or empty. */
export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) {
      value = value.slice(1, -1);
    }
    try {
      value = decodeURIComponent(value);
    } catch {
      return null;
    }
    return value === '' ? null : value;
  }
  return null;
}

export interface SessionCookieOptions {
  secure: boolean;
  /** Seconds; 0 deletes the cookie. */
  maxAgeSeconds: number;
}

/** Serialises the session cookie; SameSite=Strict keeps it off cross-site requests. */
export function sessionCookie(token: string, opts: SessionCookieOptions): string {
  const parts = [
    `${SESSION_COOKIE}=${encodeURIComponent(token)}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Strict',
    `Max-Age=${Math.max(0, Math.floor(opts.maxAgeSeconds))}`,
  ];
  if (opts.maxAgeSeconds <= 0) parts.push('Expires=Thu, 01 Jan 1970 00:00:00 GMT');
  if (opts.secure) parts.push('Secure');
  return parts.join('; ');
}

export const clearSessionCookie = (secure: boolean): string =>
  sessionCookie('', { secure, maxAgeSeconds: 0 });
