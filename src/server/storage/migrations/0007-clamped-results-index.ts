import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Finds a client's clamped mutations without reading all of its results.
 * Every push asks whether the client has any (most never do), and an edit
 * that names its own earlier stamp looks them up (sync/clamp.ts); both used
 * to scan every result the client ever had. Partial: only clamped rows are
 * indexed, so the index stays tiny. Safe to run again.
 */
export const clampedResultsIndexMigration: Migration = {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async up(db: Kysely<any>): Promise<void> {
    await db.schema
      .createIndex('mutation_results_clamped_idx')
      .ifNotExists()
      .on('mutation_results')
      .columns(['client_id', 'clamped_from'])
      .where(sql.ref('clamped_from'), 'is not', null)
      .execute();
  },
};
