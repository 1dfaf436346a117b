import type { Log } from './log';

/**
 * The one place that hands URLs to the operating system (SECURITY.md
 * "Navigation"; the source-scan test allows `openExternal` only here).
 * Ticket text is untrusted, so a link is opened only when it parses as an
 * http(s) or mailto URL; a `file:`, `javascript:`, custom-scheme or
 * malformed link is refused and logged.
 */
export interface ShellLike {
  openExternal(url: string): Promise<void>;
}

export type LinkCheck = { ok: true; href: string } | { ok: false; reason: string };

const hasSpaceOrControl = (s: string): boolean =>
  /\s/.test(s) || [...s].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);

const ALLOWED_PROTOCOLS = new Set(['https:', 'http:', 'mailto:']);
const MAX_LENGTH = 8192;

export const checkExternalUrl = (raw: unknown): LinkCheck => {
  if (typeof raw !== 'string') return { ok: false, reason: 'not a string' };
  if (raw.length > MAX_LENGTH) return { ok: false, reason: 'too long' };
  // The URL parser silently drops tabs/newlines and trims spaces
  // ("java\tscript:"), so such input is refused before parsing.
  if (hasSpaceOrControl(raw)) return { ok: false, reason: 'whitespace or control character' };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'not a valid URL' };
  }
  if (!ALLOWED_PROTOCOLS.has(url.protocol))
    return { ok: false, reason: `protocol ${url.protocol} not allowed` };
  if (url.protocol === 'mailto:') {
    return url.pathname === ''
      ? { ok: false, reason: 'mailto without address' }
      : { ok: true, href: url.href };
  }
  // "https:evil.example" parses as https://evil.example/; a link written that
  // way is a trick, not a typo, so the authority must be spelled out.
  const afterScheme = raw.slice(url.protocol.length);
  if (!afterScheme.startsWith('//')) return { ok: false, reason: 'missing // after scheme' };
  if (url.hostname === '') return { ok: false, reason: 'missing host' };
  // "https://bank.example@evil.example" shows one host and opens another.
  if (url.username !== '' || url.password !== '')
    return { ok: false, reason: 'credentials in URL' };
  return { ok: true, href: url.href };
};

export type OpenExternal = (url: unknown) => Promise<boolean>;

export const createOpenExternal =
  (shell: ShellLike, log: Log): OpenExternal =>
  async (url) => {
    const check = checkExternalUrl(url);
    if (!check.ok) {
      log.warn('external link refused', { url: String(url).slice(0, 200), reason: check.reason });
      return false;
    }
    try {
      await shell.openExternal(check.href);
      return true;
    } catch (e) {
      log.warn('external link failed to open', {
        url: check.href,
        reason: e instanceof Error ? e.message : String(e),
      });
      return false;
    }
  };
