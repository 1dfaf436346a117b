import { PostgresAdapter, sql, type Kysely, type Migration } from 'kysely';

/**
 * PostgreSQL: change rows get their seq when their transaction commits, not
 * while it runs. Rows are written with a provisional negative seq; a deferred
 * constraint trigger, which PostgreSQL runs inside COMMIT, takes the 'seq'
 * counter row, numbers them in the order they were written and lets the lock
 * go when the commit ends. Seqs still follow commit order (a pull never skips
 * a row that commits later with a smaller seq), but the counter is no longer
 * held across the hub's round trips: before, the lock lasted from the
 * counter update through the change inserts to COMMIT, each a wait on the
 * hub's event loop, so under load every writer queued behind one whose hub
 * was busy (50 clients: push p95 of 20 s). SQLite keeps numbering in the
 * transaction: it runs one writer at a time anyway. Safe to run again.
 */
export const seqAtCommitMigration: Migration = {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async up(db: Kysely<any>): Promise<void> {
    if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
    await sql`CREATE SEQUENCE IF NOT EXISTS changes_provisional_seq`.execute(db);
    await sql`
      CREATE OR REPLACE FUNCTION outpost_number_change() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        next_seq bigint;
      BEGIN
        UPDATE counters SET value = value + 1 WHERE name = 'seq' RETURNING value INTO next_seq;
        UPDATE changes SET seq = next_seq WHERE seq = NEW.seq;
        RETURN NULL;
      END
      $$`.execute(db);
    await sql`DROP TRIGGER IF EXISTS changes_number_at_commit ON changes`.execute(db);
    await sql`
      CREATE CONSTRAINT TRIGGER changes_number_at_commit
      AFTER INSERT ON changes
      DEFERRABLE INITIALLY DEFERRED
      FOR EACH ROW WHEN (NEW.seq < 0)
      EXECUTE FUNCTION outpost_number_change()`.execute(db);
  },
};
