import { mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from '@playwright/test';
import { build } from 'vite';
import { chromiumArgs } from '../../../playwright.config';
import type { SyncBenchApi } from './sync-bench-api';
import { CODE_ROOT } from './seed-cache';

/**
 * The benchmark page bundled by vite into a temp dir as index.html, so the
 * hub under test serves it as its web root (same origin: cookie sign-in, no
 * CORS), exactly as it serves the real web app.
 */
export async function buildBenchPage(): Promise<{ dir: string; cleanup(): Promise<void> }> {
  const root = join(CODE_ROOT, 'tests', 'bench', 'browser');
  const dir = await mkdtemp(join(tmpdir(), 'outpost-bench-page-'));
  await build({
    configFile: false,
    root,
    logLevel: 'warn',
    build: {
      outDir: dir,
      emptyOutDir: true,
      reportCompressedSize: false,
      minify: process.env.OUTPOST_BENCH_MINIFY !== '0',
      rollupOptions: { input: join(root, 'sync-bench.html') },
    },
  });
  await rename(join(dir, 'sync-bench.html'), join(dir, 'index.html'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Debian's Chromium with the project's flags and one context on a profile on disk. */
export interface BenchBrowser {
  browser: Browser;
  /** The profile's one context: every page of the bench opens in it. */
  context: BrowserContext;
  /** Closes Chromium and deletes the profile. */
  close(): Promise<void>;
}

/**
 * Chromium on a fresh profile in a temp dir, as the app runs: the desktop
 * shell's session and a browser in web mode both keep IndexedDB on disk.
 * An incognito context (browser.newContext()) keeps it in memory, which is
 * not what users have and was far slower to write here: the queues bench
 * loaded its 100k tickets in 320 s in memory against 59 s on disk, same
 * code and machine. Precise heap figures for performance.memory.
 */
export async function launchChromium(
  options: Pick<BrowserContextOptions, 'viewport' | 'bypassCSP'> = {},
): Promise<BenchBrowser> {
  const profile = await mkdtemp(join(tmpdir(), 'outpost-bench-profile-'));
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.OUTPOST_CHROMIUM ?? '/usr/bin/chromium',
      args: [...chromiumArgs, '--enable-precise-memory-info'],
      ...options,
    });
    const browser = context.browser();
    if (!browser) throw new Error('Chromium launched without a browser handle');
    return {
      browser,
      context,
      close: async () => {
        await context.close();
        await rm(profile, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await rm(profile, { recursive: true, force: true });
    throw e;
  }
}

export interface BenchPage {
  page: Page;
  /** Calls window.syncBench[fn](...args) in the page. */
  call<K extends keyof SyncBenchApi>(
    fn: K,
    ...args: Parameters<SyncBenchApi[K]>
  ): Promise<Awaited<ReturnType<SyncBenchApi[K]>>>;
  /** A full garbage collection, so each phase starts from the same heap. */
  collectGarbage(): Promise<void>;
}

/**
 * Opens the bench page served by the hub at `hubUrl` in a new tab. The
 * browser needs `bypassCSP`: the hub's CSP allows connections to itself
 * only, and PouchDB must reach pouchdb-server.
 */
export async function openBenchPage(chrome: BenchBrowser, hubUrl: string): Promise<BenchPage> {
  const context = chrome.context;
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${hubUrl}/`);
  await page.waitForFunction('document.title.endsWith("(ready)")', null, { timeout: 30_000 });
  if (errors.length) throw new Error(`bench page errors: ${errors.join('; ')}`);
  const cdp = await context.newCDPSession(page);
  return {
    page,
    call: (fn, ...args) =>
      page.evaluate(
        ([name, a]) => {
          type Fn = (...x: unknown[]) => Promise<unknown>;
          const api = (globalThis as unknown as { syncBench: Record<string, Fn> }).syncBench;
          return api[name]!(...(a as unknown[]));
        },
        [fn, args] as const,
      ) as never,
    async collectGarbage() {
      await cdp.send('HeapProfiler.collectGarbage');
    },
  };
}

/**
 * The used JS heap (MB) of each dedicated worker in `browser`, after a full
 * garbage collection in it. `performance.memory` does not exist in workers,
 * and Playwright opens CDP sessions on pages only, so this attaches to the
 * worker targets from a browser-level session (non-flattened: messages go
 * through Target.sendMessageToTarget).
 */
export async function workerHeapsMb(browser: Browser): Promise<{ url: string; mb: number }[]> {
  const cdp = await browser.newBrowserCDPSession();
  try {
    const { targetInfos } = await cdp.send('Target.getTargets');
    const out: { url: string; mb: number }[] = [];
    for (const target of targetInfos.filter((t) => t.type === 'worker')) {
      const { sessionId } = await cdp.send('Target.attachToTarget', {
        targetId: target.targetId,
        flatten: false,
      });
      let nextId = 1;
      const ask = (method: string) =>
        new Promise<Record<string, unknown>>((resolve, reject) => {
          const id = nextId++;
          const onMessage = (e: { sessionId?: string; message: string }) => {
            const m = JSON.parse(e.message) as {
              id?: number;
              result?: Record<string, unknown>;
              error?: { message: string };
            };
            if (e.sessionId !== sessionId || m.id !== id) return;
            cdp.off('Target.receivedMessageFromTarget', onMessage);
            if (m.error) reject(new Error(`${method} in worker ${target.url}: ${m.error.message}`));
            else resolve(m.result ?? {});
          };
          cdp.on('Target.receivedMessageFromTarget', onMessage);
          void cdp
            .send('Target.sendMessageToTarget', {
              sessionId,
              message: JSON.stringify({ id, method }),
            })
            .catch(reject);
        });
      await ask('HeapProfiler.collectGarbage');
      const usage = await ask('Runtime.getHeapUsage');
      out.push({ url: target.url, mb: Number(usage.usedSize) / 1e6 });
      await cdp.send('Target.detachFromTarget', { sessionId });
    }
    return out;
  } finally {
    await cdp.detach();
  }
}
