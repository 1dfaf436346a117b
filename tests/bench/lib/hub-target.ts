import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Dialect } from '../../../src/server/storage/database';
import { findPostgresBin, startPostgres } from '../../fixtures/postgres';
import { spawnHub, type HubHandle } from './processes';
import { CACHE_ROOT, copySeededSqlite, seedCacheKey, seedInto } from './seed-cache';

const run = promisify(execFile);

export type { Dialect } from '../../../src/server/storage/database';
/** Both, or the ones OUTPOST_BENCH_DIALECTS names (e.g. "postgres"), to re-measure one. */
export const DIALECTS: readonly Dialect[] = (['sqlite', 'postgres'] as const).filter(
  (d) =>
    !process.env.OUTPOST_BENCH_DIALECTS ||
    process.env.OUTPOST_BENCH_DIALECTS.split(',').includes(d),
);

export interface BenchHub extends HubHandle {
  dialect: Dialect;
  /** Stops the hub and removes its data (and the PostgreSQL cluster). */
  close(): Promise<void>;
}

/**
 * A hub process on a private copy of a seeded SQLite file, or on a throw-away
 * PostgreSQL cluster (fsync off, as in the tests: the figures measure the hub,
 * not this VM's disk) seeded through the same generator.
 */
export async function startBenchHub(
  dialect: Dialect,
  tickets: number,
  log: (m: string) => void,
  webRoot?: string,
): Promise<BenchHub> {
  if (dialect === 'sqlite') {
    const data = await copySeededSqlite(tickets, log);
    const hub = await spawnHub({ dataDir: data.dir, webRoot }).catch(async (e: unknown) => {
      await data.cleanup();
      throw e;
    });
    return {
      ...hub,
      dialect,
      async close() {
        await hub.stop();
        await data.cleanup();
      },
    };
  }
  const pg = await startPostgres();
  const dataDir = await mkdtemp(join(tmpdir(), 'outpost-bench-pg-hub-'));
  const cleanup = async () => {
    await pg.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    await seedPostgres(pg.url, tickets, log);
    const hub = await spawnHub({ dataDir, databaseUrl: pg.url, webRoot });
    return {
      ...hub,
      dialect,
      async close() {
        await hub.stop();
        await cleanup();
      },
    };
  } catch (e) {
    await cleanup();
    throw e;
  }
}

/**
 * Seeds a PostgreSQL database, through a pg_dump kept in the cache: the seed
 * runs once (creating 5,200 users and replaying histories over TCP takes
 * minutes), later runs restore the dump in seconds.
 */
async function seedPostgres(url: string, tickets: number, log: (m: string) => void) {
  const bin = findPostgresBin();
  const dump = join(CACHE_ROOT, `postgres-${tickets}-${await seedCacheKey()}.dump`);
  if (existsSync(dump)) {
    await run(join(bin, 'pg_restore'), ['--no-owner', '--dbname', url, dump]);
    return;
  }
  log(`seeding ${tickets} tickets into PostgreSQL (once; later runs restore a dump)`);
  await seedInto({ kind: 'postgres', url }, tickets, log);
  await mkdir(CACHE_ROOT, { recursive: true });
  await run(join(bin, 'pg_dump'), ['--format', 'custom', '--file', `${dump}.partial`, url]);
  await rename(`${dump}.partial`, dump);
}
