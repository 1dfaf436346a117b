import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { builtInSettings } from '../shared/ipc/settings';
import { createMemoryLog } from './log';
import type { Policy } from './policy';
import { createSettingsStore } from './settings';

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'outpost-settings-'));
  file = join(dir, 'settings.json');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const noPolicy: Policy = {
  path: '/etc/outpost/policy.json',
  defaults: {},
  enforced: {},
  problems: [],
};
const open = (policy: Policy = noPolicy) =>
  createSettingsStore({ file, policy, log: createMemoryLog() });

describe('settings', () => {
  it('starts on the built-in values with nothing locked', async () => {
    const store = await open();
    expect(store.snapshot()).toEqual({ values: builtInSettings, locked: [], problems: [] });
    expect(builtInSettings.telemetry).toBe(false);
  });

  it('layers enforced > user > policy defaults > built-in', async () => {
    await writeFile(file, JSON.stringify({ hubUrl: 'https://mine.example.org', telemetry: true }));
    const store = await open({
      ...noPolicy,
      defaults: { hubUrl: 'https://default.example.org', lanSharingAllowed: false },
      enforced: { telemetry: false },
    });
    expect(store.snapshot().values).toEqual({
      ...builtInSettings,
      hubUrl: 'https://mine.example.org',
      lanSharingAllowed: false,
      telemetry: false,
    });
    expect(store.snapshot().locked).toEqual(['telemetry']);
  });

  it('saves a changed hub URL and reads it back after a restart', async () => {
    const store = await open();
    await expect(store.set('hubUrl', 'https://hub.example.org:7410')).resolves.toEqual({
      ok: true,
      value: null,
    });
    expect(store.get('hubUrl')).toBe('https://hub.example.org:7410');
    const again = await open();
    expect(again.get('hubUrl')).toBe('https://hub.example.org:7410');
  });

  it('refuses to change an enforced value with POLICY_LOCKED and keeps the enforced one', async () => {
    const store = await open({ ...noPolicy, enforced: { hubUrl: 'https://corp.example.org' } });
    const reply = await store.set('hubUrl', 'https://elsewhere.example.org');
    expect(reply).toEqual({
      ok: false,
      error: {
        code: 'POLICY_LOCKED',
        message: expect.stringContaining("set by your organisation's policy"),
      },
    });
    expect(store.get('hubUrl')).toBe('https://corp.example.org');
    await expect(readFile(file, 'utf8')).rejects.toThrow(/ENOENT/);
  });

  it('keeps the hub unset and locked when the policy enforced an invalid hub URL', async () => {
    // The user had chosen a hub before IT deployed the (broken) policy.
    await writeFile(file, JSON.stringify({ hubUrl: 'https://mine.example.org' }));
    const store = await open({
      ...noPolicy,
      enforced: { hubUrl: null },
      problems: ['policy.json: enforced.hubUrl is invalid; no hub is configured'],
    });
    expect(store.get('hubUrl')).toBeNull();
    expect(store.snapshot().locked).toEqual(['hubUrl']);
    expect(store.snapshot().problems).toEqual([
      'policy.json: enforced.hubUrl is invalid; no hub is configured',
    ]);
    const reply = await store.set('hubUrl', 'https://elsewhere.example.org');
    expect(reply).toMatchObject({ ok: false, error: { code: 'POLICY_LOCKED' } });
    expect(store.get('hubUrl')).toBeNull();
    // The user's own choice is kept for when the policy is fixed.
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({
      hubUrl: 'https://mine.example.org',
    });
  });

  it('passes the policy problems on to the Settings screen', async () => {
    const store = await open({
      ...noPolicy,
      problems: ['policy.json: enforced.hubUrl is invalid'],
    });
    expect(store.snapshot().problems).toEqual(['policy.json: enforced.hubUrl is invalid']);
  });

  it('survives a corrupt settings file: defaults, a reported problem and a kept copy', async () => {
    await writeFile(file, '{"hubUrl": "https://half');
    const store = await open();
    expect(store.snapshot().values).toEqual(builtInSettings);
    expect(store.snapshot().problems).toEqual([
      expect.stringMatching(
        /settings file could not be read .*A copy of the damaged file was kept at .*settings\.json\.corrupt/,
      ),
    ]);
    await expect(readFile(`${file}.corrupt`, 'utf8')).resolves.toBe('{"hubUrl": "https://half');
  });

  it('drops a single invalid value, naming it, and keeps the rest', async () => {
    await writeFile(file, JSON.stringify({ hubUrl: 'gopher://x', telemetry: true }));
    const store = await open();
    expect(store.get('telemetry')).toBe(true);
    expect(store.get('hubUrl')).toBeNull();
    expect(store.snapshot().problems).toEqual([
      expect.stringContaining('Your setting hubUrl was invalid'),
    ]);
  });

  it("never takes an update feed from the user's own settings file, only from the policy", async () => {
    await writeFile(file, JSON.stringify({ updateFeed: 'https://mine.example.org/feed' }));
    const store = await open();
    expect(store.get('updateFeed')).toBeNull();
    expect(store.snapshot().problems).toEqual([
      expect.stringContaining("only your organisation's policy file can name an update feed"),
    ]);
    const withPolicy = await open({
      ...noPolicy,
      defaults: { updateFeed: 'https://corp.example.org/feed' },
    });
    expect(withPolicy.get('updateFeed')).toBe('https://corp.example.org/feed');
  });

  it('keeps keys written by a newer version when it saves', async () => {
    await writeFile(file, JSON.stringify({ theme: 'dark', hubUrl: 'https://a.example.org' }));
    const store = await open();
    await store.set('hubUrl', 'https://b.example.org');
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({
      theme: 'dark',
      hubUrl: 'https://b.example.org',
    });
  });

  it('reports a failed write as SETTINGS_WRITE_FAILED and keeps the previous value', async () => {
    const store = await createSettingsStore({
      file,
      policy: noPolicy,
      log: createMemoryLog(),
      write: async () => {
        throw new Error('EACCES: permission denied');
      },
    });
    const reply = await store.set('hubUrl', 'https://hub.example.org');
    expect(reply).toEqual({
      ok: false,
      error: { code: 'SETTINGS_WRITE_FAILED', message: expect.stringContaining('EACCES') },
    });
    expect(store.get('hubUrl')).toBeNull();
  });

  it('tells listeners about a change', async () => {
    const store = await open();
    const seen: (string | null)[] = [];
    store.onChange((v) => seen.push(v.hubUrl));
    await store.set('hubUrl', 'https://hub.example.org');
    expect(seen).toEqual(['https://hub.example.org']);
  });
});
