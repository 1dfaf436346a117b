import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryLog } from './log';
import type { Policy } from './policy';
import { createSettingsStore } from './settings';
import { createTestDesktop } from './testing/desktop-deps';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'outpost-hostctl-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const desktop = async (policy: Partial<Policy> = {}, failHub?: () => Error) => {
  const log = createMemoryLog();
  const settings = await createSettingsStore({
    file: join(dir, 'settings.json'),
    policy: {
      path: '/etc/outpost/policy.json',
      defaults: {},
      enforced: {},
      problems: [],
      ...policy,
    },
    log,
  });
  return {
    ...(await createTestDesktop({ dir, settings, log, ...(failHub ? { failHub } : {}) })),
    settings,
    log,
  };
};

describe('host mode controller', () => {
  it('is off by default and shows what it would use', async () => {
    const { host } = await desktop();
    expect(host.status()).toMatchObject({
      allowed: true,
      lanAllowed: true,
      state: 'stopped',
      enabled: false,
      lan: false,
      port: 7410,
      localUrl: null,
      pairing: null,
      dataDir: join(dir, 'hub'),
      error: null,
    });
  });

  it('starts, remembers that it is on, and comes back on the next start', async () => {
    const first = await desktop();
    const reply = await first.host.start({ lan: true, port: 7420 });
    expect(reply).toMatchObject({
      ok: true,
      value: {
        state: 'running',
        lan: true,
        lanUrls: ['https://192.168.1.20:7420'],
        fingerprint: expect.stringMatching(/^([0-9A-F]{2}:){31}/),
      },
    });
    expect(JSON.parse(await readFile(join(dir, 'host-mode.json'), 'utf8'))).toEqual({
      enabled: true,
      lan: true,
      port: 7420,
    });
    // Its own hub is pinned, so this desktop's net.fetch accepts the self-signed certificate.
    expect(first.pins.get('https://127.0.0.1:7420')).toBe(first.host.status().fingerprint);
    await first.host.shutdown();
    expect(JSON.parse(await readFile(join(dir, 'host-mode.json'), 'utf8')).enabled).toBe(true);

    const second = await desktop();
    await second.host.resume();
    expect(second.host.status()).toMatchObject({ state: 'running', lan: true, port: 7420 });
    await second.host.stop();
    expect(JSON.parse(await readFile(join(dir, 'host-mode.json'), 'utf8')).enabled).toBe(false);
    const third = await desktop();
    await third.host.resume();
    expect(third.host.status().state).toBe('stopped');
  });

  it('makes pairing codes only while sharing on the LAN, and shows them to the host', async () => {
    const { host } = await desktop();
    expect(await host.newPairingCode()).toMatchObject({
      ok: false,
      error: { code: 'HOST_NOT_RUNNING' },
    });
    await host.start({ lan: false });
    expect(await host.newPairingCode()).toMatchObject({
      ok: false,
      error: { code: 'HOST_NOT_RUNNING' },
    });
    await host.start({ lan: true });
    const reply = await host.newPairingCode();
    expect(reply).toMatchObject({
      ok: true,
      value: {
        pairing: {
          state: 'active',
          code: expect.stringMatching(/^[A-Z2-9]{8}$/),
          expiresAt: expect.any(Number),
        },
      },
    });
  });

  it('shows policy locks with their reason and refuses through IPC as well', async () => {
    const { host, hubCalls } = await desktop({ enforced: { lanSharingAllowed: false } });
    expect(host.status()).toMatchObject({
      allowed: true,
      lanAllowed: false,
      lockedReason: null,
      lanLockedReason: expect.stringContaining('/etc/outpost/policy.json'),
    });
    expect(await host.start({ lan: true })).toMatchObject({
      ok: false,
      error: { code: 'POLICY_LOCKED' },
    });
    expect(hubCalls.started).toEqual([]);
    expect((await host.start({ lan: false })).ok).toBe(true);
  });

  it('does not resume host mode that the policy has since forbidden, and says why', async () => {
    await writeFile(
      join(dir, 'host-mode.json'),
      JSON.stringify({ enabled: true, lan: true, port: 7410 }),
    );
    const { host, hubCalls } = await desktop({ enforced: { hostModeAllowed: false } });
    await host.resume();
    expect(hubCalls.started).toEqual([]);
    expect(host.status()).toMatchObject({
      state: 'stopped',
      allowed: false,
      error: { code: 'POLICY_LOCKED' },
    });
  });

  it('keeps the app working when the hub cannot start, and shows the reason until it does', async () => {
    const inUse = () =>
      Object.assign(new Error('listen EADDRINUSE: address already in use'), { code: 'EADDRINUSE' });
    const { host } = await desktop({}, inUse);
    const reply = await host.start({ lan: false });
    expect(reply).toMatchObject({
      ok: false,
      error: {
        code: 'HOST_PORT_IN_USE',
        message: expect.stringContaining('Port 7410 is already in use'),
      },
    });
    expect(host.status()).toMatchObject({
      state: 'stopped',
      enabled: false,
      error: { code: 'HOST_PORT_IN_USE' },
    });
  });

  it('treats a damaged preferences file as "off"', async () => {
    await writeFile(join(dir, 'host-mode.json'), '{"enabled": "yes please", "port": 80}');
    const { host } = await desktop();
    expect(host.status()).toMatchObject({ enabled: false, port: 7410 });
  });

  it('one operation at a time: a double click starts one hub', async () => {
    const { host, hubCalls } = await desktop();
    await Promise.all([host.start({ lan: false }), host.start({ lan: false })]);
    expect(hubCalls.started).toHaveLength(1);
  });
});
