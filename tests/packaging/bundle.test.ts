import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveConfig } from 'electron-vite';
import { build, type InlineConfig } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Builds main and preload with the project's electron-vite configuration into
 * a temporary directory and inspects the output: a sandboxed preload must be
 * CommonJS, and Electron must stay an external import in both bundles.
 */
let outDir: string;
let preload: string;
let main: string;

const buildInto = async (config: InlineConfig | undefined, dir: string): Promise<void> => {
  if (!config) throw new Error('electron.vite.config.ts lacks a section');
  await build({
    ...config,
    configFile: false,
    logLevel: 'silent',
    build: { ...config.build, outDir: dir, emptyOutDir: true },
  });
};

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'outpost-bundle-'));
  const { config } = await resolveConfig({}, 'build', 'production');
  await buildInto(config?.preload as InlineConfig | undefined, join(outDir, 'preload'));
  await buildInto(config?.main as InlineConfig | undefined, join(outDir, 'main'));
  preload = await readFile(join(outDir, 'preload', 'index.cjs'), 'utf8');
  main = await readFile(join(outDir, 'main', 'index.js'), 'utf8');
}, 120_000);

afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

describe('built bundles', () => {
  it('the preload is one CommonJS file that requires electron and nothing else', async () => {
    expect(await readdir(join(outDir, 'preload'))).toEqual(['index.cjs']);
    expect(preload).toMatch(/require\(["']electron["']\)/);
    expect(preload).not.toMatch(/^\s*(import|export)\s/m);
    const required = [...preload.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
  });

  it('the preload exposes window.outpost and carries no validation library', () => {
    expect(preload).toContain('exposeInMainWorld("outpost"');
    expect(preload).not.toContain('ZodError');
  });

  it('main is an ES module that imports electron instead of bundling it', () => {
    expect(main).toMatch(/^import \{[^}]*\bapp\b[^}]*\} from "electron";$/m);
    expect(main).not.toMatch(/require\(["']electron["']\)/);
    // The electron package's own index (the path of the binary) must not be inlined.
    expect(main).not.toContain('path.txt');
  });
});
