import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDataset } from '../../../src/shared/domain/generator/dataset';
import type { Role } from '../../../src/shared/domain/accounts';
import { openDatabase, type DatabaseTarget } from '../../../src/server/storage/database';
import { seedHub } from '../../../src/server/seed';

/** The repository root (benchmarks spawn the hub and pouchdb-server from here). */
export const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
/**
 * The checkout whose hub and client code run under test (default: this one).
 * Point OUTPOST_BENCH_CODE_ROOT at a copy with a candidate change to measure
 * it against the same seeds and caches (an A/B run), without touching this tree.
 */
export const CODE_ROOT = process.env.OUTPOST_BENCH_CODE_ROOT ?? REPO_ROOT;
/** Seeded hubs are kept here between runs: seeding 100k tickets takes minutes. */
export const CACHE_ROOT = join(REPO_ROOT, 'node_modules', '.cache', 'outpost-bench');

export const BENCH_SEED = 'outpost-bench';
/** Every seeded user signs in with it (synthetic data on a loopback hub). */
export const BENCH_PASSWORD = 'bench-password-2026';
/** The seeded "present": fixed, so a cached seed is the same data whatever the day. */
export const SEED_NOW = Date.UTC(2026, 0, 5, 12, 0, 0);

export interface SeededUser {
  id: string;
  username: string;
  roles: Role[];
  queueIds: string[];
}

export interface SeededOrg {
  queues: { id: string; name: string }[];
  agents: SeededUser[];
  /** A seeded administrator: sees every ticket (what a 100k bootstrap loads). */
  admin: SeededUser;
}

/** The seeded organisation (cheap: no tickets are generated). */
export function seededOrganisation(): SeededOrg {
  const d = createDataset({ seed: BENCH_SEED, tickets: 0, nowMs: SEED_NOW });
  const agents = d.agents.map((a) => ({
    id: a.id,
    username: a.username,
    roles: a.roles,
    queueIds: [...a.queueIds],
  }));
  const admin = agents.find((a) => a.roles.includes('admin'));
  if (!admin) throw new Error('the generated organisation has no administrator');
  return { queues: d.queues.map((q) => ({ id: q.id, name: q.name })), agents, admin };
}

/**
 * A key that changes when what a seed contains could change: the generator,
 * the seeding code and the schema. A stale cache is rebuilt, never reused.
 */
export async function seedCacheKey(): Promise<string> {
  const hash = createHash('sha256');
  const dirs = ['src/shared/domain/generator', 'src/server/storage/migrations'];
  const files = ['src/server/seed.ts'];
  for (const d of dirs) {
    for (const f of (await readdir(join(REPO_ROOT, d))).sort()) {
      if (f.endsWith('.ts') && !f.endsWith('.test.ts')) files.push(join(d, f));
    }
  }
  for (const f of files) hash.update(f).update(await readFile(join(REPO_ROOT, f)));
  return `${BENCH_SEED}-${hash.digest('hex').slice(0, 12)}`;
}

export async function seedInto(
  target: DatabaseTarget,
  tickets: number,
  log: (m: string) => void,
): Promise<void> {
  const db = await openDatabase(target);
  const started = Date.now();
  try {
    await seedHub(db, {
      tickets,
      seed: BENCH_SEED,
      password: BENCH_PASSWORD,
      nowMs: SEED_NOW,
      onProgress: (done, total) => {
        if (done % 5000 === 0 || done === total) {
          const s = (Date.now() - started) / 1000;
          log(`  seeded ${done}/${total} tickets (${Math.round(done / Math.max(s, 0.001))}/s)`);
        }
      },
    });
  } finally {
    await db.close();
  }
}

/**
 * A hub data dir (SQLite) seeded with `tickets` generated tickets, built once
 * under node_modules/.cache/outpost-bench and reused while the sources it
 * depends on are unchanged. Treat it as read-mostly: a hub started on it only
 * adds sessions and client rows; benches that write much use copySeededSqlite.
 */
export async function seededSqliteDir(tickets: number, log: (m: string) => void): Promise<string> {
  const dir = join(CACHE_ROOT, `sqlite-${tickets}-${await seedCacheKey()}`);
  if (existsSync(join(dir, 'outpost.db'))) return dir;
  await mkdir(CACHE_ROOT, { recursive: true });
  const partial = `${dir}.partial`;
  await rm(partial, { recursive: true, force: true });
  await mkdir(partial, { recursive: true });
  log(`seeding ${tickets} tickets into ${dir} (once; later runs reuse it)`);
  await seedInto({ kind: 'sqlite', file: join(partial, 'outpost.db') }, tickets, log);
  // Renamed only when complete: an interrupted seed is never mistaken for a cache.
  await rename(partial, dir);
  return dir;
}

/** A private copy of a cached seed, for a bench that writes to its hub. */
export async function copySeededSqlite(
  tickets: number,
  log: (m: string) => void,
): Promise<{ dir: string; cleanup(): Promise<void> }> {
  const source = await seededSqliteDir(tickets, log);
  const dir = await mkdtemp(join(tmpdir(), 'outpost-bench-hub-'));
  await cp(join(source, 'outpost.db'), join(dir, 'outpost.db'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export const fileSizeMb = async (file: string): Promise<number> =>
  (await stat(file)).size / 1024 / 1024;
