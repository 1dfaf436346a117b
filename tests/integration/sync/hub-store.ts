import { randomBytes } from 'node:crypto';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import type { DatabaseTarget, Dialect } from '../../../src/server/storage/database';
import { createTestDatabase } from '../../fixtures/postgres-database';

/** Where one hub's data lives, and how to throw it away. */
export interface HubStore {
  target: DatabaseTarget;
  drop(): Promise<void>;
}

/** An empty temp SQLite file or a fresh PostgreSQL database. */
export async function freshStore(dialect: Dialect): Promise<HubStore> {
  if (dialect === 'sqlite') {
    const dir = await mkdtemp(join(tmpdir(), 'outpost-sync-'));
    return {
      target: { kind: 'sqlite', file: join(dir, 'outpost.db') },
      drop: () => rm(dir, { recursive: true, force: true }),
    };
  }
  const db = await createTestDatabase(inject('pgUrl'));
  return { target: { kind: 'postgres', url: db.url }, drop: () => db.drop() };
}

const adminQuery = async (sql: string) => {
  const client = new pg.Client({ connectionString: inject('pgUrl') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
};

/**
 * A store prepared once (migrated, set up, people and queues created) and
 * copied for each run: a file copy on SQLite, CREATE DATABASE … TEMPLATE on
 * PostgreSQL. Hundreds of runs then skip migrations and set-up, which
 * otherwise cost more than many of the runs themselves.
 */
export interface StoreTemplate {
  copy(): Promise<HubStore>;
  dispose(): Promise<void>;
}

/** `template` must be closed (no open connections) before the first copy. */
export function templateOf(template: HubStore): StoreTemplate {
  const t = template.target;
  return {
    async copy() {
      if (t.kind === 'sqlite') {
        const dir = await mkdtemp(join(tmpdir(), 'outpost-sync-'));
        const file = join(dir, 'outpost.db');
        // Closed cleanly the WAL is checkpointed and gone; copy it anyway if it is not.
        for (const suffix of ['', '-wal', '-shm']) {
          if (existsSync(t.file + suffix)) await copyFile(t.file + suffix, file + suffix);
        }
        return {
          target: { kind: 'sqlite', file },
          drop: () => rm(dir, { recursive: true, force: true }),
        };
      }
      const from = new URL(t.url).pathname.slice(1);
      const name = `outpost_run_${process.pid}_${randomBytes(6).toString('hex')}`;
      await adminQuery(`CREATE DATABASE "${name}" TEMPLATE "${from}" STRATEGY FILE_COPY`);
      const url = new URL(t.url);
      url.pathname = `/${name}`;
      return {
        target: { kind: 'postgres', url: url.toString() },
        drop: () => adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
      };
    },
    dispose: () => template.drop(),
  };
}
