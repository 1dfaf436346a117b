import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Session } from '../shared/api/accounts';
import { createMemoryLog } from './log';
import { hostOriginFromAddress, pairWithHost, type PairingOutcome } from './pairing-client';
import type { PinnedFetch } from './pinned-fetch';
import type { Policy } from './policy';
import { createSettingsStore } from './settings';
import { createTestDesktop } from './testing/desktop-deps';

const FP = Array(32).fill('C0').join(':');
const SESSION: Session = {
  token: 'opaque-token-value',
  expiresAt: Date.UTC(2026, 1, 1),
  user: {
    id: '0190a1b2-0000-7000-8000-000000000001',
    username: 'ben',
    displayName: 'Ben Field',
    email: null,
    roles: ['agent'],
    queueIds: [],
    disabled: false,
    createdAt: 1,
    updatedAt: 1,
  } as unknown as Session['user'],
};

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'outpost-pairsvc-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const desktop = async (pairOutcome: PairingOutcome, policy: Partial<Policy> = {}) => {
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
  return { ...(await createTestDesktop({ dir, settings, log, pairOutcome })), settings };
};

const REQUEST = {
  address: '192.168.1.20',
  code: 'ABCD2345',
  fingerprint: FP,
  username: 'ben',
  password: 'pw',
};

describe('pairing from the Settings screen', () => {
  it('on success pins the certificate, sets the hub address and hands the session to the hub proxy', async () => {
    const d = await desktop({
      ok: true,
      origin: 'https://192.168.1.20:7410',
      fingerprint: FP,
      session: SESSION,
    });
    const reply = await d.deps.pair(REQUEST);
    expect(reply).toEqual({
      ok: true,
      value: { hubUrl: 'https://192.168.1.20:7410', fingerprint: FP, displayName: 'Ben Field' },
    });
    expect(d.pins.get('https://192.168.1.20:7410')).toBe(FP);
    expect(d.settings.get('hubUrl')).toBe('https://192.168.1.20:7410');
    expect(d.adopted).toEqual([
      {
        origin: 'https://192.168.1.20:7410',
        token: 'opaque-token-value',
        expiresAt: SESSION.expiresAt,
      },
    ]);
  });

  it('passes the reason on when pairing fails, and changes nothing', async () => {
    const d = await desktop({
      ok: false,
      error: { code: 'CERTIFICATE_MISMATCH', message: 'The hub presented a different certificate' },
    });
    expect(await d.deps.pair(REQUEST)).toEqual({
      ok: false,
      error: { code: 'CERTIFICATE_MISMATCH', message: 'The hub presented a different certificate' },
    });
    expect(d.settings.get('hubUrl')).toBeNull();
    expect(d.pins.get('https://192.168.1.20:7410')).toBeNull();
    expect(d.adopted).toEqual([]);
  });

  it('reports PIN_SAVE_FAILED, and keeps nothing, when the certificate pin cannot be saved', async () => {
    // A folder where hub-pins.json should be: the atomic rename onto it fails.
    await mkdir(join(dir, 'hub-pins.json'));
    const d = await desktop({
      ok: true,
      origin: 'https://192.168.1.20:7410',
      fingerprint: FP,
      session: SESSION,
    });
    const reply = await d.deps.pair(REQUEST);
    expect(reply).toEqual({
      ok: false,
      error: {
        code: 'PIN_SAVE_FAILED',
        message: expect.stringMatching(
          /^The host at https:\/\/192\.168\.1\.20:7410 accepted the pairing, but its certificate could not be saved on this computer \(.+\)\. Make sure Outpost's data folder .* pair again with a new code\.$/,
        ),
      },
    });
    // Not half-paired: no pin trusted for this run only, no hub switch, no session.
    expect(d.pins.get('https://192.168.1.20:7410')).toBeNull();
    expect(d.settings.get('hubUrl')).toBeNull();
    expect(d.adopted).toEqual([]);
  });

  it('explains that no hub can be used when the policy enforces an invalid hub address', async () => {
    const d = await desktop(
      { ok: true, origin: 'https://192.168.1.20:7410', fingerprint: FP, session: SESSION },
      { enforced: { hubUrl: null } },
    );
    expect(await d.deps.pair(REQUEST)).toMatchObject({
      ok: false,
      error: {
        code: 'POLICY_LOCKED',
        message: expect.stringContaining('sets an invalid hub address, so no hub can be used'),
      },
    });
    expect(d.pairCalls).toEqual([]);
  });

  it('refuses before connecting when the policy fixes the hub address', async () => {
    const d = await desktop(
      { ok: true, origin: 'https://192.168.1.20:7410', fingerprint: FP, session: SESSION },
      { enforced: { hubUrl: 'https://corp.example.org' } },
    );
    expect(await d.deps.pair(REQUEST)).toMatchObject({
      ok: false,
      error: {
        code: 'POLICY_LOCKED',
        message: expect.stringContaining('https://corp.example.org'),
      },
    });
    expect(d.pairCalls).toEqual([]);
  });

  it('points this desktop at its own hub only while host mode runs', async () => {
    const d = await desktop({ ok: false, error: { code: 'HOST_UNREACHABLE', message: 'x' } });
    expect(await d.deps.useOwnHub()).toMatchObject({
      ok: false,
      error: { code: 'HOST_NOT_RUNNING' },
    });
    await d.host.start({ lan: false, port: 7411 });
    expect(await d.deps.useOwnHub()).toEqual({
      ok: true,
      value: { hubUrl: 'https://127.0.0.1:7411' },
    });
    expect(d.settings.get('hubUrl')).toBe('https://127.0.0.1:7411');
    expect(d.host.status().usedByThisDevice).toBe(true);
  });
});

describe('pairing client', () => {
  it('reads the address the way people type it', () => {
    expect(hostOriginFromAddress('192.168.1.20')).toEqual({
      ok: true,
      origin: 'https://192.168.1.20:7410',
    });
    expect(hostOriginFromAddress(' 192.168.1.20:7420 ')).toEqual({
      ok: true,
      origin: 'https://192.168.1.20:7420',
    });
    expect(hostOriginFromAddress('https://front-desk-pc:7410/')).toEqual({
      ok: true,
      origin: 'https://front-desk-pc:7410',
    });
    expect(hostOriginFromAddress('http://192.168.1.20:7410')).toMatchObject({
      ok: false,
      message: expect.stringContaining('https only'),
    });
    expect(hostOriginFromAddress('192.168.1.20/admin')).toMatchObject({
      ok: false,
      message: expect.stringContaining('only the host address and port'),
    });
    expect(hostOriginFromAddress('not an address at all')).toMatchObject({ ok: false });
  });

  const fakeFetch = (respond: () => Promise<Response>) => {
    const fetch = Object.assign(async () => respond(), {
      close: () => {},
    }) as unknown as PinnedFetch;
    return () => fetch;
  };

  it("explains a host that refuses with the host's own message", async () => {
    const outcome = await pairWithHost(
      REQUEST,
      fakeFetch(async () =>
        Response.json(
          { error: { code: 'PAIRING_CODE_EXPIRED', message: 'This pairing code has expired' } },
          { status: 410 },
        ),
      ),
    );
    expect(outcome).toEqual({
      ok: false,
      error: {
        code: 'PAIRING_REFUSED',
        message: 'This pairing code has expired',
        hubCode: 'PAIRING_CODE_EXPIRED',
      },
    });
  });

  it('explains an unreachable host and a host without pairing', async () => {
    const down = await pairWithHost(
      REQUEST,
      fakeFetch(() =>
        Promise.reject(
          new TypeError('fetch failed', {
            cause: new Error('connect ECONNREFUSED 192.168.1.20:7410'),
          }),
        ),
      ),
    );
    expect(down).toMatchObject({
      ok: false,
      error: { code: 'HOST_UNREACHABLE', message: expect.stringContaining('ECONNREFUSED') },
    });
    const plain = await pairWithHost(
      REQUEST,
      fakeFetch(async () => new Response('<html>', { status: 404 })),
    );
    expect(plain).toMatchObject({
      ok: false,
      error: {
        code: 'PAIRING_REFUSED',
        message: expect.stringContaining('is host mode with network sharing on there'),
      },
    });
  });
});
