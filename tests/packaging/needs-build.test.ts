import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUILD_OUTPUTS, isBuildConfigFile, staleReason } from '../../scripts/needs-build.mjs';

/**
 * `npm run web` rebuilds when the served outputs are older than anything
 * that goes into them. File times are set explicitly: no waiting for clocks.
 */
let root: string;
const BUILT = new Date('2031-05-01T10:00:00Z');
const BEFORE = new Date('2031-05-01T09:00:00Z');
const AFTER = new Date('2031-05-01T11:00:00Z');

const put = async (path: string, time: Date) => {
  const file = join(root, path);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, path);
  await utimes(file, time, time);
};

/** A checkout built at BUILT from sources and configs all older than that. */
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'outpost-needs-build-'));
  for (const input of [
    'package.json',
    'package-lock.json',
    'electron.vite.config.ts',
    'vite.hub.config.ts',
    'tsconfig.json',
    'tsconfig.web.json',
    'tsconfig.node.json',
    'src/renderer/main.tsx',
    'src/shared/domain/ticket.ts',
    'src/server/app.ts',
    'src/main/index.ts',
    'README.md',
  ]) {
    await put(input, BEFORE);
  }
  for (const output of BUILD_OUTPUTS) await put(output, BUILT);
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('whether npm run web builds first', () => {
  it('does not build when every output is newer than every input', () => {
    expect(staleReason(root)).toBeNull();
  });

  it('builds when an output is missing, naming it', async () => {
    await rm(join(root, 'out', 'hub', 'cli.js'));
    expect(staleReason(root)).toBe('out/hub/cli.js is missing');
  });

  it.each(['src/renderer/features/x.tsx', 'src/shared/api/y.ts', 'src/server/http/z.ts'])(
    'builds when a source changed: %s',
    async (source) => {
      await put(source, AFTER);
      expect(staleReason(root)).toBe(`${source} changed since the last build`);
    },
  );

  it.each([
    'package.json',
    'package-lock.json',
    'electron.vite.config.ts',
    'vite.hub.config.ts',
    'tsconfig.json',
    'tsconfig.web.json',
    'tsconfig.node.json',
  ])('builds when %s changed', async (config) => {
    await put(config, AFTER);
    expect(staleReason(root)).toBe(`${config} changed since the last build`);
  });

  it('compares with the older of the two outputs', async () => {
    await put('out/hub/cli.js', BEFORE);
    await put('src/renderer/main.tsx', BUILT);
    expect(staleReason(root)).toBe('src/renderer/main.tsx changed since the last build');
  });

  it('ignores what is not served in web mode: the desktop shell, docs, dot folders, tests', async () => {
    await put('src/main/index.ts', AFTER);
    await put('README.md', AFTER);
    await put('src/renderer/.cache/x', AFTER);
    await put('playwright.config.ts', AFTER);
    await put('src/renderer/features/x.test.tsx', AFTER);
    await put('src/server/app.test.ts', AFTER);
    expect(staleReason(root)).toBeNull();
  });

  it('knows the config files by name', () => {
    expect(isBuildConfigFile('tsconfig.integration.json')).toBe(true);
    expect(isBuildConfigFile('tsconfig.base.json')).toBe(true);
    expect(isBuildConfigFile('vitest.config.ts')).toBe(false);
    expect(isBuildConfigFile('tsconfig.json.bak')).toBe(false);
  });
});
