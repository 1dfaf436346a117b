import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { FAST_SCRYPT, silentLog } from '../../tests/fixtures/hub-fixture';
import { createTestDatabase, type TestDatabase } from '../../tests/fixtures/postgres-database';
import { listAudit } from './audit/audit-log';
import type { HubConfig } from './config';
import { startHub, type RunningHub } from './start-hub';
import { listUsers } from './storage/users-repo';

const dirs: string[] = [];
const hubs: RunningHub[] = [];
let pg: TestDatabase | undefined;
afterEach(async () => {
  await Promise.all(hubs.splice(0).map((h) => h.close()));
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
  await pg?.drop();
  pg = undefined;
});

const config = async (overrides: Partial<HubConfig> = {}): Promise<HubConfig> => {
  const dir = await mkdtemp(join(tmpdir(), 'outpost-start-'));
  dirs.push(dir);
  return {
    port: 0,
    host: '127.0.0.1',
    dataDir: join(dir, 'data'),
    databaseUrl: null,
    webRoot: join(dir, 'no-web'),
    initAdmin: null,
    sessionTtlMs: 1000,
    trustProxy: false,
    logLevel: 'silent',
    ...overrides,
  };
};

const run = async (c: HubConfig) => {
  const hub = await startHub(c, { log: silentLog(), app: { scrypt: FAST_SCRYPT } });
  hubs.push(hub);
  return hub;
};

describe('startHub', () => {
  it('reports that set-up is needed until an admin exists, and keeps data across restarts', async () => {
    const c = await config();
    const first = await run(c);
    expect(first.needsSetup).toBe(true);
    expect(first.localUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await first.close();
    hubs.pop();
    const second = await run({ ...c, initAdmin: { username: 'boss', password: 'long enough pw' } });
    expect(second.needsSetup).toBe(false);
    await second.close();
    hubs.pop();
    const third = await run({ ...c, initAdmin: { username: 'other', password: 'long enough pw' } });
    expect((await listUsers(third.db.kysely)).map((u) => u.username)).toEqual(['boss']);
  });

  it('lets several hubs on one PostgreSQL start together with one first admin (scale-out)', async () => {
    pg = await createTestDatabase(inject('pgUrl'));
    const initAdmin = { username: 'boss', password: 'long enough pw' };
    const started = await Promise.all(
      [1, 2, 3].map(async () => run(await config({ databaseUrl: pg!.url, initAdmin }))),
    );
    expect(started.map((h) => h.db.dialect)).toEqual(['postgres', 'postgres', 'postgres']);
    expect((await listUsers(started[0]!.db.kysely)).map((u) => u.username)).toEqual(['boss']);
    const setups = (await listAudit(started[0]!.db.kysely, { limit: 10 })).filter(
      (e) => e.action === 'setup.complete',
    );
    expect(setups).toHaveLength(1);
    const health = await fetch(`${started[2]!.url}/health`);
    expect(await health.json()).toMatchObject({ status: 'ok', database: 'postgres' });
  });
});
