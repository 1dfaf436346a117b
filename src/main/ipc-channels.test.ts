import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IpcMainInvokeEvent } from 'electron';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createIpcHandlers, registerIpcHandlers } from './ipc';
import { createMemoryLog } from './log';
import { createSettingsStore } from './settings';
import { createTestDesktop } from './testing/desktop-deps';
import { appFrame, ipcEvent } from './testing/fakes';

/**
 * The channels of the journal, host mode, pairing and diagnostics: each
 * validates its argument (the message names the field) and runs nothing on
 * bad input. Foreign senders are covered for every channel in ipc.test.ts.
 */
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'outpost-ipc2-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const SCOPE = {
  hubOrigin: 'https://hub.example.org:7410',
  userId: '0190a1b2-0000-7000-8000-000000000001',
};
const CLIENT = '0190a1b2-0000-7000-8000-0000000000c1';
const ENTRY = {
  clientId: CLIENT,
  mutationId: 1,
  name: 'ticket.addComment',
  version: 1,
  args: { ticketId: '0190a1b2-0000-7000-8000-0000000000aa', body: 'Rebooted the switch' },
  hlc: `001767603600000-000000-${'a'.repeat(16)}`,
  createdAt: 1_767_603_600_000,
};
const FP = Array(32).fill('AB').join(':');
const PAIR = {
  address: '192.168.1.20',
  code: 'ABCD-2345',
  fingerprint: FP,
  username: 'ben',
  password: 'pw',
};

const setup = async () => {
  const log = createMemoryLog();
  const settings = await createSettingsStore({
    file: join(dir, 'settings.json'),
    policy: { path: '/etc/outpost/policy.json', defaults: {}, enforced: {}, problems: [] },
    log,
  });
  const desktop = await createTestDesktop({ dir, settings, log });
  const registered = new Map<string, (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown>();
  registerIpcHandlers(
    { handle: (c, fn) => void registered.set(c, fn) },
    createIpcHandlers(desktop.deps),
    log,
  );
  const call = async (channel: string, ...args: unknown[]) =>
    (await registered.get(channel)!(ipcEvent(appFrame('/#/settings')), ...args)) as
      { ok: true; value: any } | { ok: false; error: { code: string; message: string } };
  return { call, desktop };
};

describe('journal channels', () => {
  it('append, list and trim a journal of one hub and user', async () => {
    const { call } = await setup();
    expect(await call('journal:append', { scope: SCOPE, entry: ENTRY })).toEqual({
      ok: true,
      value: null,
    });
    expect(
      await call('journal:append', { scope: SCOPE, entry: { ...ENTRY, mutationId: 2 } }),
    ).toEqual({ ok: true, value: null });
    expect(await call('journal:list', SCOPE)).toEqual({
      ok: true,
      value: [ENTRY, { ...ENTRY, mutationId: 2 }],
    });
    expect(
      await call('journal:list', { ...SCOPE, userId: '0190a1b2-0000-7000-8000-000000000002' }),
    ).toEqual({ ok: true, value: [] });
    expect(await call('journal:trim', { scope: SCOPE, clientId: CLIENT, through: 1 })).toEqual({
      ok: true,
      value: null,
    });
    expect(await call('journal:list', SCOPE)).toMatchObject({
      ok: true,
      value: [{ mutationId: 2 }],
    });
  });

  it.each([
    ['a missing scope', { entry: ENTRY }, 'scope'],
    [
      'a hub that is not an origin',
      { scope: { ...SCOPE, hubOrigin: 'https://hub.example.org/path' }, entry: ENTRY },
      'scope.hubOrigin: origin must look like',
    ],
    [
      'a user id that is not a UUID',
      { scope: { ...SCOPE, userId: '../../etc' }, entry: ENTRY },
      'scope.userId: userId must be a UUID',
    ],
    [
      'a bad client id',
      { scope: SCOPE, entry: { ...ENTRY, clientId: 'x' } },
      'entry.clientId: clientId must be a UUID',
    ],
    [
      'a zero mutation id',
      { scope: SCOPE, entry: { ...ENTRY, mutationId: 0 } },
      'entry.mutationId',
    ],
    [
      'args over 1 MiB',
      { scope: SCOPE, entry: { ...ENTRY, args: { body: 'x'.repeat(1_100_000) } } },
      'entry.args: args must be at most 1048576 bytes',
    ],
    ['a malformed HLC', { scope: SCOPE, entry: { ...ENTRY, hlc: 'now' } }, 'entry.hlc'],
  ])('journal:append refuses %s and writes nothing', async (_name, arg, fragment) => {
    const { call } = await setup();
    const reply = await call('journal:append', arg);
    expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(!reply.ok && reply.error.message).toContain(fragment);
    expect(await call('journal:list', SCOPE)).toEqual({ ok: true, value: [] });
  });

  it('journal:trim and journal:list name the wrong field', async () => {
    const { call } = await setup();
    const trim = await call('journal:trim', { scope: SCOPE, clientId: CLIENT, through: -1 });
    expect(!trim.ok && trim.error.message).toContain('through: through must not be negative');
    const list = await call('journal:list', undefined);
    expect(list).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });

  it('reports a journal it cannot write as JOURNAL_WRITE_FAILED, keeping the app running', async () => {
    const { call } = await setup();
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(dir, 'journal'), 'a file where the folder should be');
    const reply = await call('journal:append', { scope: SCOPE, entry: ENTRY });
    expect(reply).toMatchObject({
      ok: false,
      error: {
        code: 'JOURNAL_WRITE_FAILED',
        message: expect.stringContaining('Your changes are still saved in the app'),
      },
    });
  });
});

describe('host channels', () => {
  it('host:start validates lan and port and refuses unknown fields', async () => {
    const { call, desktop } = await setup();
    for (const [arg, fragment] of [
      [{ lan: 'yes' }, 'lan: lan must be true or false'],
      [{ lan: true, port: 80 }, 'port: port must be between 1024 and 65535'],
      [{ lan: true, port: 7410.5 }, 'port: port must be a whole number'],
      [{ lan: true, host: '0.0.0.0' }, 'host'],
      [undefined, 'host:start'],
    ] as const) {
      const reply = await call('host:start', arg);
      expect(reply, JSON.stringify(arg)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_ARGUMENT' },
      });
      expect(!reply.ok && reply.error.message).toContain(fragment);
    }
    expect(desktop.hubCalls.started).toEqual([]);
    expect(await call('host:start', { lan: true, port: 7500 })).toMatchObject({
      ok: true,
      value: { state: 'running', port: 7500 },
    });
  });

  it.each([
    'host:status',
    'host:stop',
    'host:newPairingCode',
    'host:regenerateCertificate',
    'host:useAsHub',
    'diagnostics:export',
    'app:info',
  ])('%s takes no argument', async (channel) => {
    const { call, desktop } = await setup();
    expect(await call(channel, { anything: true })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT' },
    });
    expect(desktop.exports).toBe(0);
  });

  it('host:status, host:newPairingCode and host:stop answer with the status', async () => {
    const { call } = await setup();
    expect(await call('host:status')).toMatchObject({ ok: true, value: { state: 'stopped' } });
    await call('host:start', { lan: true });
    expect(await call('host:newPairingCode')).toMatchObject({
      ok: true,
      value: { pairing: { state: 'active' } },
    });
    expect(await call('host:stop')).toMatchObject({
      ok: true,
      value: { state: 'stopped', enabled: false },
    });
    expect(await call('diagnostics:export')).toEqual({
      ok: true,
      value: { path: join(dir, 'diagnostics.json') },
    });
    expect(await call('app:info')).toMatchObject({
      ok: true,
      value: { version: '1.2.3', dataFolder: dir },
    });
  });
});

describe('hub:pair', () => {
  it.each([
    ['no address', { ...PAIR, address: '' }, 'address: address is required'],
    ['a short code', { ...PAIR, code: 'ABC' }, 'code: code must have 8 characters'],
    ['a code with look-alikes', { ...PAIR, code: 'ABCD-0000' }, 'code: code contains a character'],
    [
      'a truncated fingerprint',
      { ...PAIR, fingerprint: 'AB:CD:EF' },
      'fingerprint: fingerprint must be the 64 hexadecimal digits',
    ],
    ['no password', { ...PAIR, password: '' }, 'password: password is required'],
    ['an extra field', { ...PAIR, hubUrl: 'https://evil.example' }, 'hubUrl'],
  ])('refuses %s without contacting anyone', async (_name, arg, fragment) => {
    const { call, desktop } = await setup();
    const reply = await call('hub:pair', arg);
    expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(!reply.ok && reply.error.message).toContain(fragment);
    expect(desktop.pairCalls).toEqual([]);
  });

  it('passes a valid request on, with the code and fingerprint normalised', async () => {
    const { call, desktop } = await setup();
    await call('hub:pair', {
      ...PAIR,
      code: 'abcd 2345',
      fingerprint: FP.replace(/:/g, '').toLowerCase(),
    });
    expect(desktop.pairCalls).toEqual([{ ...PAIR, code: 'ABCD2345', fingerprint: FP }]);
  });
});
