import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IpcMainInvokeEvent } from 'electron';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ipcContract } from '../shared/ipc/contract';
import { createIpcHandlers, dispatchIpc, registerIpcHandlers, type IpcHandlers } from './ipc';
import { createMemoryLog } from './log';
import type { Policy } from './policy';
import { createSettingsStore } from './settings';
import { createTestDesktop } from './testing/desktop-deps';
import { appFrame, ipcEvent, type FakeFrame } from './testing/fakes';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'outpost-ipc-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const policy = (enforced: Policy['enforced'] = {}): Policy => ({
  path: '/etc/outpost/policy.json',
  defaults: {},
  enforced,
  problems: [],
});

const setup = async (enforced: Policy['enforced'] = {}) => {
  const log = createMemoryLog();
  const settings = await createSettingsStore({
    file: join(dir, 'settings.json'),
    policy: policy(enforced),
    log,
  });
  const desktop = await createTestDesktop({ dir, settings, log });
  const handlers = createIpcHandlers(desktop.deps);
  const registered = new Map<string, (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown>();
  registerIpcHandlers({ handle: (channel, fn) => void registered.set(channel, fn) }, handlers, log);
  const call = (channel: string, frame: FakeFrame | null, ...args: unknown[]) =>
    registered.get(channel)!(ipcEvent(frame), ...args);
  return { call, registered, settings, log, handlers, desktop };
};

const FOREIGN_FRAMES: [string, FakeFrame | null][] = [
  [
    'https://evil.example',
    { url: 'https://evil.example/', origin: 'https://evil.example', parent: null },
  ],
  ['file://', { url: 'file:///home/u/x.html', origin: 'file://', parent: null }],
  ['a lookalike host', { url: 'app://outpost.evil/', origin: 'app://outpost.evil', parent: null }],
  ['an opaque origin', { url: 'app://outpost/', origin: 'null', parent: null }],
  [
    'an about:blank iframe inheriting the origin',
    { url: 'about:blank', origin: 'app://outpost', parent: appFrame() },
  ],
  ['an app iframe', { url: 'app://outpost/embed', origin: 'app://outpost', parent: appFrame() }],
  ['a destroyed frame', null],
];

describe('IPC handlers', () => {
  it('registers exactly one handler per contract channel', async () => {
    const { registered } = await setup();
    expect([...registered.keys()].sort()).toEqual(Object.keys(ipcContract).sort());
  });

  it('answers the app itself', async () => {
    const { call } = await setup();
    await expect(call('app:version', appFrame('/settings'), undefined)).resolves.toEqual({
      ok: true,
      value: '1.2.3',
    });
    await expect(call('settings:getHubUrl', appFrame())).resolves.toEqual({
      ok: true,
      value: null,
    });
  });

  it.each(FOREIGN_FRAMES)(
    'refuses a call from %s on every channel and runs no handler',
    async (_name, frame) => {
      const { call, settings, log } = await setup();
      for (const channel of Object.keys(ipcContract)) {
        const reply = await call(channel, frame, 'https://attacker.example');
        expect(reply, channel).toEqual({
          ok: false,
          error: {
            code: 'FORBIDDEN_SENDER',
            message: `${channel} may only be called by Outpost's own pages`,
          },
        });
      }
      expect(settings.get('hubUrl')).toBeNull();
      expect(
        log.lines.filter((l) => l.message === 'ipc call from untrusted sender refused'),
      ).toHaveLength(Object.keys(ipcContract).length);
    },
  );

  it.each([
    ['not a URL', 'hub URL must be an http(s) address'],
    ['javascript:alert(1)', 'hub URL must be an http(s) address'],
    ['ftp://hub.example.org', 'hub URL must be an http(s) address'],
    ['https://user:secret@hub.example.org', 'hub URL must be an http(s) address'],
    [42, 'hub URL must be a string'],
    [undefined, 'hub URL must be a string'],
  ])('rejects setHubUrl(%j) with INVALID_ARGUMENT naming the problem', async (arg, message) => {
    const { call, settings } = await setup();
    const reply = (await call('settings:setHubUrl', appFrame(), arg)) as {
      ok: false;
      error: { code: string; message: string };
    };
    expect(reply.ok).toBe(false);
    expect(reply.error.code).toBe('INVALID_ARGUMENT');
    expect(reply.error.message).toContain('settings:setHubUrl');
    expect(reply.error.message).toContain(message);
    expect(settings.get('hubUrl')).toBeNull();
  });

  it('rejects an argument on a channel that takes none, and extra arguments', async () => {
    const { call } = await setup();
    await expect(call('app:version', appFrame(), { sneaky: true })).resolves.toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT' },
    });
    await expect(
      call('settings:setHubUrl', appFrame(), 'https://a.example', 'extra'),
    ).resolves.toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', message: 'settings:setHubUrl takes at most one argument' },
    });
  });

  it('sets the hub URL (trimmed) and reports it in settings:get', async () => {
    const { call } = await setup();
    await expect(
      call('settings:setHubUrl', appFrame(), '  https://hub.example.org:7410  '),
    ).resolves.toEqual({
      ok: true,
      value: null,
    });
    const reply = (await call('settings:get', appFrame())) as {
      ok: true;
      value: { values: { hubUrl: string } };
    };
    expect(reply.value.values.hubUrl).toBe('https://hub.example.org:7410');
  });

  it('rejects changing a policy-enforced hub URL with POLICY_LOCKED', async () => {
    const { call } = await setup({ hubUrl: 'https://corp.example.org' });
    await expect(
      call('settings:setHubUrl', appFrame(), 'https://home.example.org'),
    ).resolves.toMatchObject({
      ok: false,
      error: { code: 'POLICY_LOCKED' },
    });
    await expect(call('settings:get', appFrame())).resolves.toMatchObject({
      ok: true,
      value: {
        values: { hubUrl: 'https://corp.example.org' },
        locked: ['hubUrl'],
        problems: [],
        hubPin: null,
      },
    });
  });

  it('turns a handler crash into INTERNAL and logs it', async () => {
    const { handlers } = await setup();
    const log = createMemoryLog();
    const broken: IpcHandlers = {
      ...handlers,
      'app:version': () => {
        throw new Error('boom');
      },
    };
    await expect(
      dispatchIpc('app:version', broken, ipcEvent(appFrame()), [], log),
    ).resolves.toMatchObject({
      ok: false,
      error: { code: 'INTERNAL' },
    });
    expect(log.lines[0]).toMatchObject({ level: 'error', message: 'ipc handler failed' });
  });

  it('refuses to send a result outside the contract', async () => {
    const { handlers } = await setup();
    const log = createMemoryLog();
    const wrong = {
      ...handlers,
      'app:version': () => ({ ok: true, value: 7 }),
    } as unknown as IpcHandlers;
    await expect(
      dispatchIpc('app:version', wrong, ipcEvent(appFrame()), [], log),
    ).resolves.toMatchObject({
      ok: false,
      error: { code: 'INTERNAL' },
    });
  });
});
