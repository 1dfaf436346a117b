import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, createAppProtocolHandler } from '../../src/main/protocol';
import { CONTENT_SECURITY_POLICY as HUB_CONTENT_SECURITY_POLICY } from '../../src/server/http/security-headers';

/**
 * The renderer's Content-Security-Policy (SECURITY.md "CSP meta in
 * index.html"), read from the real index.html, and the same policy as a
 * header from the app:// handler (desktop) and the hub (web mode).
 */
const INDEX_HTML = fileURLToPath(new URL('../../src/renderer/index.html', import.meta.url));

type Directives = Map<string, string[]>;

const parse = (policy: string): Directives =>
  new Map(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((tokens) => tokens[0])
      .map(([name, ...values]) => [name!.toLowerCase(), values]),
  );

const cspMetas = (html: string): string[] =>
  [...html.matchAll(/<meta\b[^>]*>/gis)]
    .map((m) => m[0])
    .filter((tag) => /http-equiv\s*=\s*["']content-security-policy["']/i.test(tag))
    .map((tag) => /\bcontent\s*=\s*"([^"]*)"/i.exec(tag)?.[1] ?? '');

let html: string;
let meta: Directives;
beforeAll(async () => {
  html = await readFile(INDEX_HTML, 'utf8');
  meta = parse(cspMetas(html)[0] ?? '');
});

describe('CSP meta in src/renderer/index.html', () => {
  it('is there exactly once, before anything that loads', () => {
    expect(cspMetas(html)).toHaveLength(1);
    const metaAt = html.search(/http-equiv="Content-Security-Policy"/i);
    expect(metaAt).toBeGreaterThan(0);
    expect(metaAt).toBeLessThan(html.search(/<(script|link)\b/i));
  });

  it("has SECURITY.md's directives", () => {
    expect(meta.get('default-src')).toEqual(["'self'"]);
    expect(meta.get('script-src')).toEqual(["'self'"]);
    expect(meta.get('object-src')).toEqual(["'none'"]);
    expect(meta.get('base-uri')).toEqual(["'none'"]);
    // 'self' is enough for the hub: the desktop reaches it at app://outpost/hub
    // (hub-proxy.ts) and web mode is served by the hub itself, one origin each.
    expect(meta.get('connect-src')).toEqual(["'self'"]);
  });

  it('never allows eval or inline scripts, anywhere', () => {
    const all = [...meta.values()].flat();
    expect(all).not.toContain("'unsafe-eval'");
    expect(all).not.toContain("'wasm-unsafe-eval'");
    for (const directive of ['default-src', 'script-src', 'script-src-elem', 'script-src-attr']) {
      expect(meta.get(directive) ?? []).not.toContain("'unsafe-inline'");
      expect(meta.get(directive) ?? []).not.toContain('data:');
    }
  });

  it("allows inline styles only, because Mantine needs them, and nothing else beyond 'self'", () => {
    // Mantine writes its theme as CSS variables in a <style> element at run
    // time and turns style props (w, maw, c…) into style attributes; both need
    // 'unsafe-inline' for styles. Styles cannot run code, scripts stay 'self'.
    expect(meta.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    // Attachment previews are blob: URLs made in the page (use-blob-url.ts); data: is
    // allowed for images only, which cannot run code.
    expect(meta.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    const known = [
      'default-src',
      'script-src',
      'style-src',
      'img-src',
      'object-src',
      'base-uri',
      'frame-ancestors',
      'connect-src',
    ];
    expect([...meta.keys()].sort()).toEqual(known.sort());
  });
});

describe('the same policy as a header', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'outpost-csp-'));
    await writeFile(join(root, 'index.html'), html);
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('the meta tag equals the exported policy the app:// handler sends', () => {
    expect(meta).toEqual(parse(CONTENT_SECURITY_POLICY));
  });

  it("the app:// handler sends it, which is what enforces frame-ancestors 'none'", async () => {
    // Browsers ignore frame-ancestors in a <meta> CSP; only the header counts.
    const handler = createAppProtocolHandler({
      root,
      hub: async () => new Response('unused', { status: 500 }),
    });
    for (const url of ['app://outpost/', 'app://outpost/tickets/42', 'app://outpost/missing.js']) {
      const response = await handler(new Request(url));
      const header = parse(response.headers.get('content-security-policy') ?? '');
      expect(header).toEqual(meta);
      expect(header.get('frame-ancestors')).toEqual(["'none'"]);
    }
  });

  it('web mode: the hub sends the same policy with the page it serves', () => {
    expect(parse(HUB_CONTENT_SECURITY_POLICY)).toEqual(meta);
  });
});
