import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type { Configuration } from 'electron-builder';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * Reads electron-builder.yml the way electron-builder itself does (its own
 * loader and JSON-schema validation) and checks the values SECURITY.md
 * requires of the installers.
 */
const require = createRequire(import.meta.url);
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  getConfig(
    projectDir: string,
    configPath: string | null,
    fromOptions: null,
  ): Promise<Configuration>;
  validateConfiguration(config: Configuration, logger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as {
  DebugLogger: new (enabled: boolean) => unknown;
};

const root = resolve(import.meta.dirname, '../..');
let config: Configuration;

beforeAll(async () => {
  config = await getConfig(root, resolve(root, 'electron-builder.yml'), null);
});

const targetNames = (targets: unknown): string[] =>
  (Array.isArray(targets) ? targets : [targets]).map((t) =>
    typeof t === 'string' ? t : (t as { target: string }).target,
  );

describe('electron-builder configuration', () => {
  // The first validation loads electron-builder's schema, which takes seconds on a busy machine.
  it('passes electron-builder’s own schema validation', { timeout: 60_000 }, async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('the validation used above does reject a broken configuration', async () => {
    const broken = {
      ...config,
      nsis: { ...config.nsis, oneClick: 'yes' },
    } as unknown as Configuration;
    await expect(validateConfiguration(broken, new DebugLogger(false))).rejects.toThrow(/oneClick/);
  });

  it('names the app and packs only the built output into an asar', () => {
    expect(config.appId).toBe('org.outpost.desk');
    expect(config.productName).toBe('Outpost');
    const patterns = (config.files as { filter: string[] }[]).flatMap((f) => f.filter);
    expect(patterns).toContain('out/**');
    expect(patterns.some((p) => p.startsWith('src') || p.startsWith('tests'))).toBe(false);
    expect(config.asar).toBe(true);
  });

  it('publishes nowhere by default', () => {
    expect(config.publish).toBeNull();
  });

  it('flips every security fuse', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('builds a per-user Windows installer that never asks for admin rights, plus portable, MSI and zip', () => {
    expect(targetNames(config.win?.target).sort()).toEqual(['msi', 'nsis', 'portable', 'zip']);
    expect(config.nsis).toMatchObject({ oneClick: true, perMachine: false, allowElevation: false });
  });

  it('builds AppImage, deb and tar.gz on Linux', () => {
    expect(targetNames(config.linux?.target).sort()).toEqual(['AppImage', 'deb', 'tar.gz']);
  });

  it('builds dmg and zip on macOS with the hardened runtime and only the JIT entitlement', async () => {
    expect(targetNames(config.mac?.target).sort()).toEqual(['dmg', 'zip']);
    expect(config.mac?.hardenedRuntime).toBe(true);
    const plist = await readFile(resolve(root, config.mac!.entitlements!), 'utf8');
    const keys = [...plist.matchAll(/<key>([^<]+)<\/key>/g)].map((m) => m[1]);
    expect(keys).toEqual(['com.apple.security.cs.allow-jit']);
  });

  it('starts the file the build produces', async () => {
    const pkg = JSON.parse(await readFile(resolve(root, 'package.json'), 'utf8')) as {
      main: string;
    };
    expect(pkg.main).toBe('out/main/index.js');
  });
});
