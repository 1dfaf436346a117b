import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  appScheme,
  CONTENT_SECURITY_POLICY,
  createAppProtocolHandler,
  DEV_CONTENT_SECURITY_POLICY,
  safePathSegments,
} from './protocol';

const SECRET = 'TOP-SECRET-CONTENT';
const INDEX = '<!doctype html><title>Outpost</title>';

let dir: string;
let root: string;
let hubCalls: string[];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'outpost-protocol-'));
  root = join(dir, 'renderer');
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'index.html'), INDEX);
  await writeFile(join(root, 'assets', 'app-1a2b.js'), 'console.log("app")');
  await writeFile(join(root, 'assets', 'app-1a2b.css'), 'body{}');
  await writeFile(join(root, 'assets', 'font.woff2'), Buffer.from([0x77, 0x4f, 0x46, 0x32]));
  await writeFile(join(root, 'assets', 'logo.svg'), '<svg/>');
  await writeFile(join(root, 'assets', 'data.weird'), 'x');
  await writeFile(join(root, 'assets', 'my file.json'), '{}');
  await writeFile(join(dir, 'secret.txt'), SECRET);
  await symlink(join(dir, 'secret.txt'), join(root, 'assets', 'link.txt'));
  hubCalls = [];
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const handler = () =>
  createAppProtocolHandler({
    root,
    hub: async (request) => {
      hubCalls.push(request.url);
      return new Response('from hub');
    },
  });

/** What Chromium might hand over without normalising (the handler must not rely on it). */
const raw = (url: string, method = 'GET'): Request =>
  ({
    url,
    method,
    headers: new Headers(),
    signal: new AbortController().signal,
  }) as unknown as Request;

const get = async (url: string, method = 'GET') => {
  const response = await handler()(raw(url, method));
  return { response, body: await response.text() };
};

describe('app:// scheme registration', () => {
  it('is standard, secure and can fetch and stream, without bypassing CSP', () => {
    expect(appScheme).toEqual({
      scheme: 'app',
      privileges: {
        standard: true,
        secure: true,
        supportFetchAPI: true,
        stream: true,
        codeCache: true,
      },
    });
    expect(appScheme.privileges).not.toHaveProperty('bypassCSP');
  });
});

describe('app:// file handler', () => {
  it('serves index.html at the root with the CSP header', async () => {
    const { response, body } = await get('app://outpost/');
    expect(response.status).toBe(200);
    expect(body).toBe(INDEX);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; connect-src 'self'",
    );
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it.each([
    ['app://outpost/assets/app-1a2b.js', 'text/javascript; charset=utf-8'],
    ['app://outpost/assets/app-1a2b.css', 'text/css; charset=utf-8'],
    ['app://outpost/assets/font.woff2', 'font/woff2'],
    ['app://outpost/assets/logo.svg', 'image/svg+xml'],
    ['app://outpost/assets/data.weird', 'application/octet-stream'],
    ['app://outpost/assets/my%20file.json?v=2', 'application/json; charset=utf-8'],
  ])('serves %s as %s, with the CSP header', async (url, type) => {
    const { response } = await get(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(type);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('answers app routes with index.html so deep links and reloads work', async () => {
    for (const url of [
      'app://outpost/tickets/42',
      'app://outpost/queues/open?sort=sla',
      'app://outpost/assets',
    ]) {
      const { response, body } = await get(url);
      expect(response.status, url).toBe(200);
      expect(body).toBe(INDEX);
    }
  });

  it('answers a missing asset with 404 rather than HTML', async () => {
    const { response } = await get('app://outpost/assets/missing-9f9f.js');
    expect(response.status).toBe(404);
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await get('app://outpost/assets/app-1a2b.js', 'HEAD');
    expect(head.response.status).toBe(200);
    expect(head.body).toBe('');
    expect((await get('app://outpost/index.html', 'POST')).response.status).toBe(405);
  });

  it.each([
    'app://outpost/../secret.txt',
    'app://outpost/assets/../../secret.txt',
    'app://outpost/%2e%2e/secret.txt',
    'app://outpost/%2E%2E/%2e%2E/secret.txt',
    'app://outpost/.%2e/secret.txt',
    'app://outpost/assets/..%2f..%2fsecret.txt',
    'app://outpost/assets/%2f..%2fsecret.txt',
    'app://outpost/assets%2F..%2F..%2Fsecret.txt',
    'app://outpost/assets/..%5c..%5csecret.txt',
    'app://outpost/assets\\..\\..\\secret.txt',
    'app://outpost/..\\secret.txt',
    'app://outpost/assets/app-1a2b.js%00.html',
    'app://outpost/assets/app-1a2b.js\u0000',
    'app://outpost/%252e%252e/secret.txt',
    'app://outpost/C:/Windows/win.ini',
    'app://outpost/assets/%E0%A4%A',
    'app://outpost/.env',
  ])('refuses %s', async (url) => {
    const { response, body } = await get(url);
    expect(body).not.toContain(SECRET);
    expect(body).not.toBe(INDEX);
    expect([400, 404]).toContain(response.status);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('does not follow a symlink out of the bundle', async () => {
    const { response, body } = await get('app://outpost/assets/link.txt');
    expect(response.status).toBe(404);
    expect(body).not.toContain(SECRET);
  });

  it('still refuses traversal after the URL parser normalised it (real Request objects)', async () => {
    const h = handler();
    for (const url of [
      'app://outpost/a/../../secret.txt',
      'app://outpost/%2e%2e/%2e%2e/secret.txt',
    ]) {
      const body = await (await h(new Request(url))).text();
      expect(body).not.toContain(SECRET);
    }
  });

  it('only answers for the outpost host', async () => {
    const { response } = await get('app://evil/index.html');
    expect(response.status).toBe(404);
  });

  it('sends /hub and /hub/... to the hub proxy and nothing else', async () => {
    const h = handler();
    await h(raw('app://outpost/hub/api/v1/me'));
    await h(raw('app://outpost/hub'));
    await h(raw('app://outpost/hubris'));
    await h(raw('app://outpost/assets/hub/x.js'));
    expect(hubCalls).toEqual(['app://outpost/hub/api/v1/me', 'app://outpost/hub']);
  });
});

describe('safePathSegments', () => {
  it('decodes ordinary percent-encoding', () => {
    expect(safePathSegments('/assets/my%20file.json')).toEqual({
      ok: true,
      segments: ['assets', 'my file.json'],
    });
    expect(safePathSegments('//assets///x.js')).toEqual({ ok: true, segments: ['assets', 'x.js'] });
  });

  it.each([
    '/../x',
    '/a/%2e%2e/x',
    '/a%2fb',
    '/a%5Cb',
    '/a\\b',
    '/a%00',
    '/.git/config',
    '/c:',
    'relative',
  ])('refuses %s', (path) => {
    expect(safePathSegments(path).ok).toBe(false);
  });
});

describe('development server mode', () => {
  it('forwards the renderer to the dev server with the development CSP', async () => {
    const fetched: string[] = [];
    const h = createAppProtocolHandler({
      root,
      hub: async () => new Response('hub'),
      devServer: {
        url: 'http://localhost:5173',
        fetch: async (url) => {
          fetched.push(url);
          return new Response('export {}', { headers: { 'content-type': 'text/javascript' } });
        },
      },
    });
    const response = await h(raw('app://outpost/node_modules/.vite/deps/react.js?v=1'));
    expect(fetched).toEqual(['http://localhost:5173/node_modules/.vite/deps/react.js?v=1']);
    expect(response.headers.get('content-security-policy')).toBe(DEV_CONTENT_SECURITY_POLICY);
    expect(DEV_CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(await (await h(raw('app://outpost/hub/api/v1/me'))).text()).toBe('hub');
    await h(raw('app://outpost//evil.example/payload.js'));
    expect(fetched[1]).toBe('http://localhost:5173//evil.example/payload.js');
  });
});
