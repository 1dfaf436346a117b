import { createServer, type Server } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir, type NetworkInterfaceInfo } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHub } from '../server/start-hub';
import { DEFAULT_HOST_PORT, startHostMode, type HostModeOptions } from './host-mode';
import { lanAddresses } from './lan-addresses';
import { createMemoryLog } from './log';
import { fakeInterfaces, fakeStartHub, type FakeHubCalls } from './testing/desktop-deps';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'outpost-host-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const options = (
  over: Partial<HostModeOptions> & { calls?: FakeHubCalls } = {},
): HostModeOptions => ({
  startHub: fakeStartHub(over.calls ?? { started: [], closed: 0 }),
  userDataDir: dir,
  lan: false,
  log: createMemoryLog(),
  hubLog: pino({ level: 'silent' }),
  policy: {
    hostModeAllowed: true,
    lanSharingAllowed: true,
    policyPath: '/etc/outpost/policy.json',
  },
  networkInterfaces: fakeInterfaces,
  hostname: () => 'front-desk-pc',
  ...over,
});

describe('host mode', () => {
  it('is refused when the policy turns it off, without starting anything', async () => {
    const calls: FakeHubCalls = { started: [], closed: 0 };
    const result = await startHostMode(
      options({
        calls,
        policy: {
          hostModeAllowed: false,
          lanSharingAllowed: true,
          policyPath: '/etc/outpost/policy.json',
        },
      }),
    );
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'POLICY_LOCKED',
        message: expect.stringContaining(
          "turned off by your organisation's policy (/etc/outpost/policy.json)",
        ),
      },
    });
    expect(calls.started).toEqual([]);
  });

  it('refuses LAN sharing the policy forbids but still runs for this computer alone', async () => {
    const calls: FakeHubCalls = { started: [], closed: 0 };
    const policy = {
      hostModeAllowed: true,
      lanSharingAllowed: false,
      policyPath: '/etc/outpost/policy.json',
    };
    const lan = await startHostMode(options({ calls, policy, lan: true }));
    expect(lan).toMatchObject({
      ok: false,
      error: {
        code: 'POLICY_LOCKED',
        message: expect.stringContaining('Sharing the hub on the network'),
      },
    });
    expect(calls.started).toEqual([]);
    const local = await startHostMode(options({ calls, policy, lan: false }));
    expect(local.ok).toBe(true);
  });

  it('binds 127.0.0.1 with no pairing unless LAN sharing is on', async () => {
    const calls: FakeHubCalls = { started: [], closed: 0 };
    const result = await startHostMode(options({ calls }));
    if (!result.ok) throw new Error(result.error.message);
    expect(calls.started[0]!.config).toMatchObject({
      host: '127.0.0.1',
      port: DEFAULT_HOST_PORT,
      dataDir: join(dir, 'hub'),
      databaseUrl: null,
    });
    expect(calls.started[0]!.options.tls?.cert).toContain('BEGIN CERTIFICATE');
    expect(calls.started[0]!.options.pairing).toBeUndefined();
    expect(result.host.lanUrls).toEqual([]);
    expect(result.host.pairing).toBeNull();
    expect(result.host.newPairingCode()).toBeNull();
    expect(result.host.localUrl).toBe('https://127.0.0.1:7410');
    await result.host.stop();
    await result.host.stop();
    expect(calls.closed).toBe(1);
  });

  it('with LAN sharing: listens on all interfaces, shows the LAN address, makes pairing codes', async () => {
    const calls: FakeHubCalls = { started: [], closed: 0 };
    const result = await startHostMode(options({ calls, lan: true, port: 7420 }));
    if (!result.ok) throw new Error(result.error.message);
    expect(calls.started[0]!.config.host).toBe('0.0.0.0');
    expect(result.host.lanUrls).toEqual(['https://192.168.1.20:7420']);
    const code = result.host.newPairingCode();
    expect(code?.code).toMatch(/^[A-Z2-9]{8}$/);
    expect(calls.started[0]!.options.pairing?.check(code!.code, '192.168.1.33')).toEqual({
      ok: true,
    });
    await result.host.stop();
    // Stopping withdraws the code.
    expect(calls.started[0]!.options.pairing?.current().state).toBe('withdrawn');
  });

  it('keeps the same certificate fingerprint across restarts', async () => {
    const first = await startHostMode(options({ lan: true }));
    const second = await startHostMode(options({ lan: false }));
    if (!first.ok || !second.ok) throw new Error('did not start');
    expect(second.host.certificate.fingerprint).toBe(first.host.certificate.fingerprint);
  });
});

describe('host mode with the real hub', () => {
  let blocker: Server;
  afterEach(async () => {
    await new Promise((resolve) => blocker?.close(resolve));
  });

  it('says clearly when the port is taken, and starts on another one afterwards', async () => {
    blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    const log = createMemoryLog();
    const taken = await startHostMode(options({ startHub, port, log }));
    expect(taken).toEqual({
      ok: false,
      error: {
        code: 'HOST_PORT_IN_USE',
        message: expect.stringContaining(`Port ${port} is already in use on this computer`),
      },
    });
    expect(log.lines.at(-1)).toMatchObject({ level: 'error', message: 'host mode did not start' });
    // Nothing was left locked or open: the next try on a free port works.
    const free = await startHostMode(options({ startHub, port: 0 }));
    if (!free.ok) throw new Error(free.error.message);
    const health = await fetch(`${free.host.localUrl}/health`).catch((e: unknown) => e);
    // Self-signed: plain fetch refuses it, which proves the hub speaks TLS.
    expect(health).toBeInstanceOf(TypeError);
    await free.host.stop();
  });

  it('says clearly when the user-data folder cannot be written', async () => {
    await writeFile(join(dir, 'not-a-folder'), '');
    const result = await startHostMode(
      options({ startHub, userDataDir: join(dir, 'not-a-folder'), port: 0 }),
    );
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'HOST_DATA_UNWRITABLE',
        message: expect.stringContaining(join(dir, 'not-a-folder')),
      },
    });
  });
});

describe('LAN addresses', () => {
  it('lists IPv4 addresses others can reach, not loopback, link-local or IPv6', () => {
    const info = (address: string, family: 'IPv4' | 'IPv6', internal = false) =>
      ({
        address,
        family,
        internal,
        netmask: '',
        mac: '',
        cidr: null,
        ...(family === 'IPv6' ? { scopeid: 0 } : {}),
      }) as NetworkInterfaceInfo;
    expect(
      lanAddresses({
        lo: [info('127.0.0.1', 'IPv4', true), info('::1', 'IPv6', true)],
        eth0: [info('10.1.2.3', 'IPv4'), info('fe80::1', 'IPv6')],
        wlan0: [info('169.254.3.4', 'IPv4'), info('192.168.1.20', 'IPv4')],
        docker0: [info('10.1.2.3', 'IPv4')],
      }),
    ).toEqual([
      { interfaceName: 'eth0', address: '10.1.2.3' },
      { interfaceName: 'wlan0', address: '192.168.1.20' },
    ]);
  });
});
