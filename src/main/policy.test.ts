import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryLog } from './log';
import { loadPolicy, policyPathFor } from './policy';

let dir: string;
let path: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'outpost-policy-'));
  path = join(dir, 'policy.json');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const load = async (content?: string) => {
  if (content !== undefined) await writeFile(path, content);
  const log = createMemoryLog();
  return { policy: await loadPolicy({ path, log }), log };
};

describe('policy file location', () => {
  it('is machine-wide on every platform', () => {
    expect(policyPathFor('win32', { ProgramData: 'D:\\ProgramData' })).toBe(
      'D:\\ProgramData\\Outpost\\policy.json',
    );
    expect(policyPathFor('win32', {})).toBe('C:\\ProgramData\\Outpost\\policy.json');
    expect(policyPathFor('linux', {})).toBe('/etc/outpost/policy.json');
    expect(policyPathFor('darwin', {})).toBe('/Library/Application Support/Outpost/policy.json');
  });

  it('cannot be moved by a user environment variable', () => {
    expect(
      policyPathFor('linux', { OUTPOST_POLICY: '/tmp/mine.json', OUTPOST_POLICY_FILE: '/tmp/x' }),
    ).toBe('/etc/outpost/policy.json');
  });
});

describe('loading the policy', () => {
  it('treats a missing file as normal: no values, no problems', async () => {
    const { policy, log } = await load();
    expect(policy).toEqual({ path, defaults: {}, enforced: {}, problems: [] });
    expect(log.lines).toEqual([]);
  });

  it('reads defaults and enforced values', async () => {
    const { policy } = await load(
      JSON.stringify({
        defaults: { hubUrl: 'https://hub.example.org:7410', telemetry: false },
        enforced: {
          lanSharingAllowed: false,
          updateFeed: 'https://updates.example.org/outpost',
          proxy: {
            mode: 'fixed_servers',
            rules: 'http=proxy:3128;https=proxy:3128',
            bypass: '<local>',
          },
        },
      }),
    );
    expect(policy.problems).toEqual([]);
    expect(policy.defaults).toEqual({ hubUrl: 'https://hub.example.org:7410', telemetry: false });
    expect(policy.enforced).toEqual({
      lanSharingAllowed: false,
      updateFeed: 'https://updates.example.org/outpost',
      proxy: {
        mode: 'fixed_servers',
        rules: 'http=proxy:3128;https=proxy:3128',
        bypass: '<local>',
      },
    });
  });

  it('accepts a file saved with a byte-order mark (Notepad)', async () => {
    const { policy } = await load('\uFEFF{"enforced": {"hubUrl": "https://hub.example.org"}}');
    expect(policy.enforced).toEqual({ hubUrl: 'https://hub.example.org' });
  });

  it('reports malformed JSON, logs it, and starts on safe defaults', async () => {
    const { policy, log } = await load('{ "enforced": { "hubUrl": ');
    expect(policy.defaults).toEqual({});
    expect(policy.enforced).toEqual({
      hostModeAllowed: false,
      lanSharingAllowed: false,
      telemetry: false,
    });
    expect(policy.problems).toHaveLength(1);
    expect(policy.problems[0]).toContain(path);
    expect(policy.problems[0]).toContain('not valid JSON');
    expect(log.lines).toContainEqual(
      expect.objectContaining({ level: 'warn', message: 'policy problem' }),
    );
  });

  it('reports a file that is not an object', async () => {
    const { policy } = await load('["hubUrl"]');
    expect(policy.problems[0]).toMatch(/must be an object like/);
    expect(policy.enforced.lanSharingAllowed).toBe(false);
  });

  it('names each field with a wrong type and keeps the valid ones', async () => {
    const { policy } = await load(
      JSON.stringify({
        defaults: { telemetry: 'no', hubUrl: 'https://ok.example.org' },
        enforced: { lanSharingAllowed: 'false', hostModeAllowed: false, proxy: { mode: 'socks' } },
      }),
    );
    expect(policy.defaults).toEqual({ hubUrl: 'https://ok.example.org' });
    // A value the administrator tried to enforce but mistyped fails closed.
    expect(policy.enforced).toEqual({
      lanSharingAllowed: false,
      hostModeAllowed: false,
      proxy: { mode: 'system' },
    });
    expect(policy.problems).toEqual([
      expect.stringMatching(
        /defaults\.telemetry is invalid \(telemetry must be true or false\); it was ignored/,
      ),
      expect.stringMatching(/enforced\.lanSharingAllowed is invalid .*; it is treated as false/),
      expect.stringMatching(
        /enforced\.proxy is invalid \(proxy\.mode must be one of .*\); the system's proxy settings are used/,
      ),
    ]);
  });

  it('locks the hub to "none" when the enforced hub URL is not a valid http(s) address', async () => {
    for (const hubUrl of [
      'ftp://hub.example.org',
      'hub.example.org',
      'https://user:pw@hub.example.org',
      42,
    ]) {
      const { policy } = await load(JSON.stringify({ enforced: { hubUrl } }));
      // Locked (the key is present), to no hub: the user cannot point the app anywhere else.
      expect(policy.enforced).toEqual({ hubUrl: null });
      expect(policy.problems).toEqual([
        expect.stringMatching(
          /policy\.json: enforced\.hubUrl is invalid \(.*hub URL must be .*\); no hub is configured until the policy file is fixed/,
        ),
      ]);
    }
  });

  it('turns updates off when the enforced update feed is not https', async () => {
    const { policy } = await load(
      JSON.stringify({ enforced: { updateFeed: 'http://updates.example.org/outpost' } }),
    );
    expect(policy.enforced).toEqual({ updateFeed: null });
    expect(policy.problems).toEqual([
      expect.stringMatching(
        /enforced\.updateFeed is invalid \(update feed must be an https address\); automatic updates are off/,
      ),
    ]);
  });

  it('ignores an invalid default hub URL without locking anything', async () => {
    const { policy } = await load(JSON.stringify({ defaults: { hubUrl: 'hub.example.org' } }));
    expect(policy.defaults).toEqual({});
    expect(policy.enforced).toEqual({});
    expect(policy.problems).toEqual([expect.stringContaining('defaults.hubUrl is invalid')]);
  });

  it('points out unknown keys, which are usually typos', async () => {
    const { policy } = await load(
      JSON.stringify({ enforced: { hubURL: 'https://x.example' }, enforce: {} }),
    );
    expect(policy.problems).toEqual([
      expect.stringContaining('top-level key "enforce" is not understood'),
      expect.stringContaining('enforced.hubURL is not a known setting (known: hubUrl,'),
    ]);
  });

  it('reports a section that is not an object and fails closed when it is "enforced"', async () => {
    const { policy } = await load(JSON.stringify({ defaults: 'x', enforced: [] }));
    expect(policy.defaults).toEqual({});
    expect(policy.enforced).toEqual({
      hostModeAllowed: false,
      lanSharingAllowed: false,
      telemetry: false,
    });
    expect(policy.problems).toEqual([
      expect.stringContaining('"defaults" must be an object'),
      expect.stringContaining('"enforced" must be an object'),
    ]);
  });

  it('reports a policy path it cannot read (a directory here)', async () => {
    const log = createMemoryLog();
    const policy = await loadPolicy({ path: dir, log });
    expect(policy.problems[0]).toMatch(/cannot read/);
    expect(policy.enforced.hostModeAllowed).toBe(false);
  });
});
