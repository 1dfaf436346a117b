import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryLog } from './log';
import { fakeSafeStorage } from './testing/fakes';
import { createTokenStore, type SafeStorageLike } from './token-store';

const HUB = 'https://hub.example.org:7410';
const OTHER = 'https://other.example.org';
const TOKEN = 'tok_4f1c9a7be2d8406a9f0e1b2c3d4e5f60';

let dir: string;
let file: string;
let now: number;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'outpost-tokens-'));
  file = join(dir, 'hub-tokens.json');
  now = 1_800_000_000_000;
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const open = (safeStorage: SafeStorageLike = fakeSafeStorage()) =>
  createTokenStore({ file, safeStorage, now: () => now, log: createMemoryLog() });

describe('token store', () => {
  it('keeps a token per hub origin across restarts', async () => {
    const store = open();
    await expect(store.save(HUB, TOKEN, now + 3_600_000)).resolves.toEqual({ ok: true });
    await store.save(OTHER, 'other-token', now + 3_600_000);
    const again = open();
    await expect(again.load(HUB)).resolves.toBe(TOKEN);
    await expect(again.load(OTHER)).resolves.toBe('other-token');
    await expect(again.load('https://unknown.example.org')).resolves.toBeNull();
  });

  it('never writes the token, or the hubs, in plaintext', async () => {
    await open().save(HUB, TOKEN, now + 3_600_000);
    const text = await readFile(file, 'utf8');
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(Buffer.from(TOKEN).toString('base64'));
    expect(text).not.toContain('hub.example.org');
    const { ciphertext } = JSON.parse(text) as { ciphertext: string };
    expect(Buffer.from(ciphertext, 'base64').subarray(0, 5).toString()).toBe('FAKE1');
    // Nothing else (temporary files) was left next to it.
    expect(await readdir(dir)).toEqual(['hub-tokens.json']);
  });

  it('writes the file readable by the user only', async () => {
    await open().save(HUB, TOKEN, now + 1000);
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o077).toBe(0);
  });

  it('refuses to store when encryption is unavailable, with a message the user can act on', async () => {
    const store = open(fakeSafeStorage({ available: false }));
    const result = await store.save(HUB, TOKEN, now + 1000);
    expect(result).toEqual({
      ok: false,
      code: 'ENCRYPTION_UNAVAILABLE',
      message: expect.stringContaining('no secure credential storage'),
    });
    await expect(readFile(file)).rejects.toThrow(/ENOENT/);
  });

  it("treats Linux's basic_text backend (a hard-coded key) as no encryption", async () => {
    const storage = fakeSafeStorage({ available: true, backend: 'basic_text' });
    const result = await open(storage).save(HUB, TOKEN, now + 1000);
    expect(result).toMatchObject({ ok: false, code: 'ENCRYPTION_UNAVAILABLE' });
    expect(storage.encryptCalls).toBe(0);
    await expect(readFile(file)).rejects.toThrow(/ENOENT/);
  });

  it('stores with a real Linux keyring backend', async () => {
    const store = open(fakeSafeStorage({ backend: 'gnome_libsecret' }));
    await expect(store.save(HUB, TOKEN, now + 1000)).resolves.toEqual({ ok: true });
  });

  it('clears one origin and keeps the others; clearing the last removes the file', async () => {
    const store = open();
    await store.save(HUB, TOKEN, now + 1000);
    await store.save(OTHER, 'other-token', now + 1000);
    await store.clear(HUB);
    await expect(store.load(HUB)).resolves.toBeNull();
    await expect(store.load(OTHER)).resolves.toBe('other-token');
    await store.clear(OTHER);
    await expect(readFile(file)).rejects.toThrow(/ENOENT/);
  });

  it('removes the file on sign-out even when the key is no longer available', async () => {
    await open().save(HUB, TOKEN, now + 1000);
    await open(fakeSafeStorage({ available: false })).clear(HUB);
    await expect(readFile(file)).rejects.toThrow(/ENOENT/);
  });

  it('does not return an expired token', async () => {
    const store = open();
    await store.save(HUB, TOKEN, now + 1000);
    now += 1000;
    await expect(store.load(HUB)).resolves.toBeNull();
  });

  it('treats a file it cannot decrypt or parse as empty and replaces it on the next sign-in', async () => {
    for (const content of ['{"version":1,"ciphertext":"bm9wZQ=="}', 'garbage', '{"version":2}']) {
      await writeFile(file, content);
      const store = open();
      await expect(store.load(HUB)).resolves.toBeNull();
      await expect(store.save(HUB, TOKEN, now + 1000)).resolves.toEqual({ ok: true });
      await expect(store.load(HUB)).resolves.toBe(TOKEN);
    }
  });

  it('serialises concurrent changes so a sign-out racing a sign-in leaves no token behind', async () => {
    const store = open();
    await Promise.all([
      store.save(HUB, TOKEN, now + 1000),
      store.clear(HUB),
      store.save(OTHER, 'o', now + 1000),
    ]);
    await expect(store.load(HUB)).resolves.toBeNull();
    await expect(store.load(OTHER)).resolves.toBe('o');
  });
});
