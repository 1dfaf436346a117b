import { X509Certificate } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createManualClock, type ManualClock } from '../../src/server/clock';
import { API_PREFIX, type Session } from '../../src/shared/api/accounts';
import { newId } from '../../src/shared/ids';
import { readIpcError } from '../../src/shared/ipc/errors';
import { api, device, openClient, PASSWORD, type Client, type Device } from './host-mode-kit';

/**
 * Desktop host mode with LAN pairing, through the modules the app runs
 * (see host-mode-kit.ts for how Electron's part is played).
 */
const MINUTE = 60_000;

const failure = async (p: Promise<unknown>) =>
  readIpcError(
    await p.then(
      () => null,
      (e) => e,
    ),
  );

describe('desktop host mode with LAN pairing', () => {
  let root: string;
  let clock: ManualClock;
  let hana: Device;
  let ben: Device;
  let lanUrl: string;
  let fingerprint: string;
  let queueId: string;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'outpost-host-mode-'));
    clock = createManualClock(Date.UTC(2026, 0, 5, 9, 0, 0));
    hana = await device(root, 'hana', clock);
    ben = await device(root, 'ben', clock);

    // Hana turns on host mode with LAN sharing (port 0: any free port).
    const started = await hana.services.host.start({ lan: true, port: 0 });
    expect(started.ok, JSON.stringify(started)).toBe(true);
    const status = await hana.outpost.hostStatus();
    expect(status).toMatchObject({ state: 'running', lan: true, error: null });
    lanUrl = status.lanUrls[0]!;
    expect(lanUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    fingerprint = status.fingerprint!;
    // What her screen shows is the certificate on disk.
    const pem = await readFile(join(hana.userData, 'hub', 'tls', 'hub-cert.pem'), 'utf8');
    expect(new X509Certificate(pem).fingerprint256).toBe(fingerprint);

    // Her own app uses her hub; she creates the first administrator from this computer.
    await hana.outpost.hostUseAsHub();
    expect((await hana.outpost.getSettings()).hubPin).toBe(fingerprint);
    const setup = await api(hana, 'POST', `${API_PREFIX}/setup`, {
      username: 'hana',
      password: PASSWORD,
      displayName: 'Hana Host',
    });
    expect(setup.status, JSON.stringify(setup.json)).toBe(201);
    const login = await api(hana, 'POST', `${API_PREFIX}/auth/login`, {
      username: 'hana',
      password: PASSWORD,
    });
    expect(login.status).toBe(200);
    expect(login.json).not.toHaveProperty('token');
    const queue = await api<{ queue: { id: string } }>(hana, 'POST', `${API_PREFIX}/admin/queues`, {
      name: 'Front desk',
    });
    queueId = queue.json.queue.id;
    const hanaId = (setup.json as Session).user.id;
    await api(hana, 'PATCH', `${API_PREFIX}/admin/users/${hanaId}`, { queueIds: [queueId] });
    const created = await api(hana, 'POST', `${API_PREFIX}/admin/users`, {
      username: 'ben',
      displayName: 'Ben Field',
      password: PASSWORD,
      roles: ['agent'],
      queueIds: [queueId],
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
  });

  afterEach(async () => {
    await ben.close();
    await hana.close();
    await rm(root, { recursive: true, force: true });
  });

  const pairBen = async (over: { code?: string; fingerprint?: string } = {}) => {
    const code = over.code ?? (await hana.outpost.hostNewPairingCode()).pairing!.code!;
    return ben.outpost.pairWithHost({
      address: lanUrl.replace('https://', ''),
      code,
      fingerprint: over.fingerprint ?? fingerprint,
      username: 'ben',
      password: PASSWORD,
      deviceName: "Ben's laptop",
    });
  };

  it('pairs over pinned HTTPS, gets a session, and syncs a ticket both ways', async () => {
    const paired = await pairBen();
    expect(paired).toEqual({ hubUrl: lanUrl, fingerprint, displayName: 'Ben Field' });
    expect(ben.settings.get('hubUrl')).toBe(lanUrl);
    expect((await ben.outpost.getSettings()).hubPin).toBe(fingerprint);
    // The code is used up; Hana's screen says so.
    expect((await hana.outpost.hostStatus()).pairing).toMatchObject({ state: 'used', code: null });

    const hanaClient = await openClient(hana, clock);
    const benClient = await openClient(ben, clock);
    expect(benClient.actor.queueIds).toEqual([queueId]);

    // Ben logs an incident; until it is acknowledged it sits in his journal file.
    const ticketId = newId();
    const made = await benClient.engine.mutate({
      name: 'incident.create',
      version: 1,
      args: {
        id: ticketId,
        title: 'Label printer offline at the front desk',
        queueId,
        impact: 2,
        urgency: 2,
        requesterId: benClient.actor.userId,
      },
    });
    expect(made.ok, JSON.stringify(made)).toBe(true);
    expect((await benClient.journal.list()).map((e) => e.name)).toEqual(['incident.create']);
    await benClient.engine.syncOnce();
    expect(await benClient.journal.list()).toEqual([]);

    // Hana sees it with its hub number and answers.
    await hanaClient.engine.syncOnce();
    const onHost = await hanaClient.db.tickets.get(ticketId);
    expect(onHost?.title).toBe('Label printer offline at the front desk');
    expect(onHost?.number).toMatch(/^INC\d{7}$/);
    const commentId = newId();
    const answered = await hanaClient.engine.mutate({
      name: 'ticket.addComment',
      version: 1,
      args: {
        id: commentId,
        ticketId,
        body: 'Power-cycled it; back online.',
        visibility: 'public',
      },
    });
    expect(answered.ok, JSON.stringify(answered)).toBe(true);
    await hanaClient.engine.syncOnce();

    await benClient.engine.syncOnce();
    expect((await benClient.db.comments.get(commentId))?.body).toBe(
      'Power-cycled it; back online.',
    );
    expect((await benClient.db.tickets.get(ticketId))?.number).toBe(onHost?.number);
    hanaClient.db.close();
    benClient.db.close();
  });

  it('refuses a wrong code and an expired code with clear errors, and pairs nothing', async () => {
    const active = (await hana.outpost.hostNewPairingCode()).pairing!.code!;
    const wrong = active === 'WXYZ2345' ? 'WXYZ2346' : 'WXYZ2345';
    expect(await failure(pairBen({ code: wrong }))).toEqual({
      code: 'PAIRING_REFUSED',
      message: 'Wrong pairing code: check it against the code shown on the host',
    });
    clock.advance(10 * MINUTE);
    expect(await failure(pairBen({ code: active }))).toEqual({
      code: 'PAIRING_REFUSED',
      message: expect.stringContaining('This pairing code has expired'),
    });
    expect((await hana.outpost.hostStatus()).pairing).toMatchObject({ state: 'expired' });
    expect(ben.settings.get('hubUrl')).toBeNull();
    expect(ben.pins.get(lanUrl)).toBeNull();
    // A fresh code still works afterwards.
    await expect(pairBen()).resolves.toMatchObject({ hubUrl: lanUrl });
  });

  it('refuses a certificate other than the pinned one: pairing and every later request', async () => {
    await pairBen();
    expect((await api(ben, 'GET', `${API_PREFIX}/auth/me`)).status).toBe(200);

    // Hana makes a new certificate: the hub restarts with it on the same address.
    const renewed = await hana.outpost.hostRegenerateCertificate();
    expect(renewed.state).toBe('running');
    expect(renewed.fingerprint).not.toBe(fingerprint);
    expect(renewed.lanUrls).toEqual([lanUrl]);

    const refused = await api<{ error: { code: string; message: string } }>(
      ben,
      'GET',
      `${API_PREFIX}/auth/me`,
    );
    expect(refused.status).toBe(502);
    expect(refused.json.error.code).toBe('HUB_CERTIFICATE_MISMATCH');
    expect(refused.json.error.message).toContain(
      `expected ${fingerprint}, got ${renewed.fingerprint}`,
    );

    // Pairing again with the old fingerprint is refused before anything is sent.
    const stale = await failure(pairBen());
    expect(stale.code).toBe('CERTIFICATE_MISMATCH');
    expect(stale.message).toContain('different certificate');
    // With the fingerprint Hana's screen now shows, Ben is back.
    await pairBen({ fingerprint: renewed.fingerprint! });
    expect((await api(ben, 'GET', `${API_PREFIX}/auth/me`)).status).toBe(200);
  });

  const threeIncidents = async (client: Client) => {
    const ids = [newId(), newId(), newId()];
    for (const [i, id] of ids.entries()) {
      const r = await client.engine.mutate({
        name: 'incident.create',
        version: 1,
        args: {
          id,
          title: `Desk phone ${i + 1} dead`,
          queueId,
          impact: 3,
          urgency: 3,
          requesterId: client.actor.userId,
        },
      });
      expect(r.ok).toBe(true);
    }
    return ids;
  };

  /** Restarts Hana's hub on the same address and returns how many of `ids` it holds. */
  const restartAndCount = async (ids: string[]) => {
    const port = Number(new URL(lanUrl).port);
    expect((await hana.outpost.hostStart({ lan: true, port })).state).toBe('running');
    const hanaClient = await openClient(hana, clock);
    await hanaClient.engine.syncOnce();
    const seen = (await hanaClient.db.tickets.bulkGet(ids)).filter(Boolean).length;
    return { seen, hanaClient };
  };

  const expectExactlyOnce = async (benClient: Client, hanaClient: Client, ids: string[]) => {
    await benClient.engine.syncOnce();
    expect(await benClient.db.outbox.count()).toBe(0);
    await hanaClient.engine.syncOnce();
    const numbers = (await hanaClient.db.tickets.bulkGet(ids)).map((t) => t?.number);
    expect(numbers.every((n) => /^INC\d{7}$/.test(n ?? ''))).toBe(true);
    expect(new Set(numbers).size).toBe(3);
  };

  it('stopping host mode while a push is being handled lets it finish completely', async () => {
    await pairBen();
    const benClient = await openClient(ben, clock);
    const ids = await threeIncidents(benClient);
    // Stop the moment the hub starts on Ben's push.
    const server = hana.services.host.running()!.hub.app.server;
    let stopping: Promise<unknown> | null = null;
    const onRequest = (request: { url?: string }) => {
      if (!request.url?.includes('/sync/v1/push')) return;
      server.off('request', onRequest);
      stopping = hana.outpost.hostStop();
    };
    server.on('request', onRequest);
    // The pull after the push finds the hub gone (the outbox is cleared by a pull).
    await expect(benClient.engine.syncOnce()).rejects.toThrow('cannot reach the hub');
    expect(stopping).not.toBeNull();
    expect(await stopping).toMatchObject({ state: 'stopped' });
    // The push that was being handled was applied whole before the database closed.
    const { seen, hanaClient } = await restartAndCount(ids);
    expect(seen).toBe(3);
    await expectExactlyOnce(benClient, hanaClient, ids);
    hanaClient.db.close();
    benClient.db.close();
  });

  it('a push that arrives while host mode stops is refused whole, and applied once later', async () => {
    await pairBen();
    const benClient = await openClient(ben, clock);
    const ids = await threeIncidents(benClient);
    const stopped = hana.outpost.hostStop();
    const outcome = await benClient.engine.syncOnce().then(
      () => 'synced',
      (e: unknown) => `failed: ${e instanceof Error ? e.message : String(e)}`,
    );
    expect(await stopped).toMatchObject({ state: 'stopped' });
    const { seen, hanaClient } = await restartAndCount(ids);
    // Either the hub took the whole batch before closing, or none of it.
    expect(outcome === 'synced' ? [3] : [0, 3]).toContain(seen);
    await expectExactlyOnce(benClient, hanaClient, ids);
    hanaClient.db.close();
    benClient.db.close();
  });

  it("keeps Ben's unsent edit in the journal file when his local database is lost", async () => {
    await pairBen();
    let benClient = await openClient(ben, clock);
    await benClient.engine.syncOnce();
    // The host is off for the afternoon; Ben keeps working.
    await hana.outpost.hostStop();
    const [id] = await threeIncidents(benClient);
    const journalDir = join(ben.userData, 'journal');
    const [journalFile] = await readdir(journalDir);
    expect(
      (await readFile(join(journalDir, journalFile!), 'utf8')).trim().split('\n'),
    ).toHaveLength(3);
    // His browser storage is wiped (profile reset, disk clean-up): only the journal file is left.
    benClient.db.close();
    benClient = await openClient(ben, clock, { freshStorage: true, offlineAs: benClient.actor });
    expect(await benClient.db.outbox.count()).toBe(0);

    const { hanaClient } = await restartAndCount([id!]);
    await benClient.engine.syncOnce();
    expect(await benClient.db.outbox.count()).toBe(0);
    await hanaClient.engine.syncOnce();
    expect((await hanaClient.db.tickets.get(id!))?.title).toBe('Desk phone 1 dead');
    hanaClient.db.close();
    benClient.db.close();
  });

  it('keeps working when the port is taken: a clear error, and the app goes on', async () => {
    const port = Number(new URL(lanUrl).port);
    const other = await device(root, 'other', clock);
    try {
      const taken = await failure(other.outpost.hostStart({ lan: false, port }));
      expect(taken).toEqual({
        code: 'HOST_PORT_IN_USE',
        message: expect.stringContaining(`Port ${port} is already in use on this computer`),
      });
      expect(await other.outpost.hostStatus()).toMatchObject({
        state: 'stopped',
        error: { code: 'HOST_PORT_IN_USE' },
      });
      // Hana's hub was not disturbed.
      expect((await api(hana, 'GET', '/health')).status).toBe(200);
    } finally {
      await other.close();
    }
  });
});
