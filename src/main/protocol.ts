import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import type { CustomScheme } from 'electron';
import { HUB_PATH } from './hub-proxy';

/**
 * `app://outpost/` serves the built renderer (not `file://`, SECURITY.md),
 * and `app://outpost/hub/...` is the hub, forwarded by the main process.
 * One origin for both is why the CSP can say `connect-src 'self'`.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'outpost';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_URL = `${APP_ORIGIN}/`;

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "connect-src 'self'",
].join('; ');

/**
 * Only for `electron-vite dev` in an unpackaged app: Vite injects inline
 * module scripts (React refresh) and its HMR client opens a websocket to the
 * dev server. A packaged app never uses this policy.
 */
export const DEV_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace(
  "script-src 'self'",
  "script-src 'self' 'unsafe-inline'",
).replace("connect-src 'self'", "connect-src 'self' ws://localhost:* ws://127.0.0.1:*");

/**
 * Must run before `app.whenReady()`. `standard` gives the scheme real origins
 * and relative URLs, `secure` makes it a secure context, `supportFetchAPI`
 * and `stream` let the renderer fetch and stream (SSE, NDJSON) from /hub.
 * Never `bypassCSP`.
 */
export const appScheme: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: {
    standard: true,
    secure: true,
    supportFetchAPI: true,
    stream: true,
    codeCache: true,
  },
};

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
};

export const mimeTypeFor = (file: string): string =>
  MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';

export type SafePath = { ok: true; segments: string[] } | { ok: false; reason: string };

/**
 * Splits a raw URL path into decoded segments, refusing anything that could
 * name a file outside the root. It works on the raw text, not on what URL
 * parsing made of it, so it stays safe whatever normalisation came before.
 */
export const safePathSegments = (rawPath: string): SafePath => {
  if (!rawPath.startsWith('/')) return { ok: false, reason: 'path must start with /' };
  if (rawPath.includes('\\')) return { ok: false, reason: 'backslash in path' };
  if (/%(2f|5c|00)/i.test(rawPath))
    return { ok: false, reason: 'encoded separator or NUL in path' };
  const segments: string[] = [];
  for (const raw of rawPath.split('/').slice(1)) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return { ok: false, reason: 'malformed percent-encoding' };
    }
    if (segment === '') continue;
    // '.' and '..' are traversal; other dotfiles are never part of the bundle.
    if (segment.startsWith('.')) return { ok: false, reason: 'dot segment in path' };
    // ':' covers Windows drive letters and NTFS alternate data streams.
    if (/[\0/\\:]/.test(segment)) return { ok: false, reason: 'forbidden character in path' };
    segments.push(segment);
  }
  return { ok: true, segments };
};

const commonHeaders = (
  contentType: string,
  csp: string = CONTENT_SECURITY_POLICY,
): Record<string, string> => ({
  'content-type': contentType,
  'content-security-policy': csp,
  'x-content-type-options': 'nosniff',
  'cross-origin-opener-policy': 'same-origin',
  'referrer-policy': 'no-referrer',
});

const plain = (status: number, text: string): Response =>
  new Response(text, { status, headers: commonHeaders('text/plain; charset=utf-8') });

export interface AppProtocolDeps {
  /** Absolute path of the built renderer (out/renderer, inside app.asar when packaged). */
  root: string;
  /** Forwards /hub/... requests; see hub-proxy.ts. */
  hub: (request: Request) => Promise<Response>;
  /**
   * Development only: serve the renderer from the Vite dev server instead of
   * `root`. index.ts sets it only when the app is not packaged, so an
   * environment variable can never redirect an installed app.
   */
  devServer?: { url: string; fetch: (url: string) => Promise<Response> };
}

const isInside = (root: string, file: string): boolean =>
  file === root || file.startsWith(root + sep);

const isFile = async (file: string): Promise<boolean> => {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
};

/** The raw path of an `app://outpost/...` URL, query and fragment removed. */
const rawPathOf = (url: string): string | null => {
  const prefix = `${APP_ORIGIN}/`;
  if (url.slice(0, prefix.length).toLowerCase() !== prefix) return null;
  const rest = url.slice(prefix.length - 1);
  const end = rest.search(/[?#]/);
  return end === -1 ? rest : rest.slice(0, end);
};

const fromDevServer = async (
  devServer: NonNullable<AppProtocolDeps['devServer']>,
  rawPath: string,
  request: Request,
): Promise<Response> => {
  const base = new URL(devServer.url);
  // Appended to the origin, never resolved against it: "//evil.example/x"
  // would otherwise be a protocol-relative URL to another host.
  const target = new URL(base.origin + rawPath + new URL(request.url).search);
  if (target.origin !== base.origin) return plain(400, 'Bad path');
  try {
    const upstream = await devServer.fetch(target.href);
    const type = upstream.headers.get('content-type') ?? 'application/octet-stream';
    return new Response(upstream.body, {
      status: upstream.status,
      headers: commonHeaders(type, DEV_CONTENT_SECURITY_POLICY),
    });
  } catch (e) {
    return plain(
      502,
      `Dev server at ${devServer.url} unreachable: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
};

export const createAppProtocolHandler = ({ root, hub, devServer }: AppProtocolDeps) => {
  const rootPath = resolve(root);
  let realRoot: string | null = null;

  const serveFile = async (file: string, head: boolean): Promise<Response> => {
    realRoot ??= await realpath(rootPath);
    // A symlink inside the bundle must not lead out of it either.
    const real = await realpath(file);
    if (!isInside(realRoot, real)) return plain(404, 'Not found');
    const headers = commonHeaders(mimeTypeFor(file));
    if (file.endsWith('.html')) headers['cache-control'] = 'no-cache';
    return new Response(head ? null : await readFile(real), { status: 200, headers });
  };

  return async (request: Request): Promise<Response> => {
    const rawPath = rawPathOf(request.url);
    if (rawPath === null) return plain(404, 'Not found');
    if (rawPath === HUB_PATH || rawPath.startsWith(`${HUB_PATH}/`)) return hub(request);

    const method = request.method.toUpperCase();
    if (method !== 'GET' && method !== 'HEAD') return plain(405, 'Method not allowed');
    // Vite serves /node_modules/.vite/... and /@fs/...: paths the file rules
    // below rightly refuse. The dev server does its own checks.
    if (devServer) return fromDevServer(devServer, rawPath, request);
    const safe = safePathSegments(rawPath);
    if (!safe.ok) return plain(400, `Bad path: ${safe.reason}`);

    const file = resolve(rootPath, ...safe.segments);
    if (!isInside(rootPath, file)) return plain(400, 'Bad path: outside the app');
    try {
      if (safe.segments.length > 0 && (await isFile(file)))
        return await serveFile(file, method === 'HEAD');
      // App routes (/tickets/42) have no extension and get the single page;
      // a missing asset must be a 404, not HTML the browser tries to run.
      const last = safe.segments.at(-1) ?? '';
      if (extname(last) !== '') return plain(404, 'Not found');
      return await serveFile(join(rootPath, 'index.html'), method === 'HEAD');
    } catch {
      return plain(404, 'Not found');
    }
  };
};
