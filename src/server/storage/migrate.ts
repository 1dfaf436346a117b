import { Migrator, type Kysely, type Migration } from 'kysely';
import type { Database } from './schema';
import { migrations as allMigrations } from './migrations/index';

/** Thrown when migrations fail; carries the name of the migration that broke. */
export class MigrationError extends Error {
  constructor(
    message: string,
    readonly migrationName: string | null,
  ) {
    super(message);
    this.name = 'MigrationError';
  }
}

const versionOf = (name: string): number => {
  const m = /^(\d+)_/.exec(name);
  if (!m) throw new Error(`migration name '${name}' must start with a number and '_'`);
  return Number(m[1]);
};

const createMigrator = (
  db: Kysely<Database>,
  list: ReadonlyArray<readonly [string, Migration]>,
): Migrator =>
  new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(Object.fromEntries(list)) },
  });

/**
 * Applies every pending migration (Kysely's migrator takes a lock, so hubs
 * starting together on one PostgreSQL do not race) and returns the schema
 * version: the number of the last applied migration.
 */
export async function migrateToLatest(
  db: Kysely<Database>,
  list: ReadonlyArray<readonly [string, Migration]> = allMigrations,
): Promise<number> {
  const { error, results } = await createMigrator(db, list).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? null;
    const why = error instanceof Error ? error.message : String(error);
    throw new MigrationError(
      failed ? `migration ${failed} failed: ${why}` : `migrations failed: ${why}`,
      failed,
    );
  }
  return readSchemaVersion(db, list);
}

/** The version of the newest applied migration, 0 on an empty database. */
export async function readSchemaVersion(
  db: Kysely<Database>,
  list: ReadonlyArray<readonly [string, Migration]> = allMigrations,
): Promise<number> {
  const infos = await createMigrator(db, list).getMigrations();
  const applied = infos.filter((m) => m.executedAt !== undefined);
  const last = applied.at(-1);
  return last ? versionOf(last.name) : 0;
}

/** The schema version this build of the hub expects. */
export const latestSchemaVersion = (): number => {
  const last = allMigrations.at(-1);
  return last ? versionOf(last[0]) : 0;
};
