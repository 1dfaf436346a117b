import type { Kysely, Migration } from 'kysely';

/**
 * The offline-first sync store of SYNC.md: records, the ordered change log,
 * per-client mutation bookkeeping and counters.
 *
 * - `changes.seq` is allocated from the `counters` row 'seq' inside the writing
 *   transaction, so seqs follow commit order (a BIGSERIAL could commit out of
 *   order and make a pull skip rows).
 * - Audience columns on each change (queue, requester, internal, user, global)
 *   let a pull filter by the reader's access without loading the records.
 */
export const syncMigration: Migration = {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async up(db: Kysely<any>): Promise<void> {
    await db.schema
      .createTable('counters')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('value', 'bigint', (c) => c.notNull())
      .execute();
    await db
      .insertInto('counters')
      .values([
        { name: 'seq', value: 0 },
        { name: 'INC', value: 0 },
        { name: 'REQ', value: 0 },
        { name: 'PRB', value: 0 },
        { name: 'CHG', value: 0 },
      ])
      .execute();

    await db.schema
      .createTable('tickets')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('number', 'text', (c) => c.unique())
      .addColumn('queue_id', 'text', (c) => c.notNull())
      .addColumn('requester_id', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addColumn('data', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('tickets_queue_idx').on('tickets').column('queue_id').execute();
    await db.schema
      .createIndex('tickets_requester_idx')
      .on('tickets')
      .column('requester_id')
      .execute();

    // Comments, work log entries, attachments and links: append-only, inserted
    // exactly once by their client-made id.
    await db.schema
      .createTable('ticket_children')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('entity', 'text', (c) => c.notNull())
      .addColumn('ticket_id', 'text', (c) => c.notNull())
      /** A link's other ticket, so the link is visible from both ends. */
      .addColumn('other_ticket_id', 'text')
      .addColumn('internal', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('data', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('ticket_children_ticket_idx')
      .on('ticket_children')
      .column('ticket_id')
      .execute();
    await db.schema
      .createIndex('ticket_children_other_idx')
      .on('ticket_children')
      .column('other_ticket_id')
      .execute();

    // Knowledge articles, configuration items, conflicts and domain settings.
    await db.schema
      .createTable('records')
      .addColumn('entity', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      /** Only for per-user rows (conflicts). */
      .addColumn('user_id', 'text')
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addColumn('data', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('records_pk', ['entity', 'id'])
      .execute();

    await db.schema
      .createTable('changes')
      .addColumn('seq', 'bigint', (c) => c.primaryKey())
      .addColumn('entity', 'text', (c) => c.notNull())
      .addColumn('entity_id', 'text', (c) => c.notNull())
      .addColumn('op', 'text', (c) => c.notNull())
      .addColumn('queue_id', 'text')
      .addColumn('requester_id', 'text')
      .addColumn('internal', 'integer', (c) => c.notNull())
      .addColumn('user_id', 'text')
      .addColumn('global', 'integer', (c) => c.notNull())
      .addColumn('data', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('sync_clients')
      .addColumn('client_id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('last_mutation_id', 'bigint', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('mutation_results')
      .addColumn('client_id', 'text', (c) => c.notNull())
      .addColumn('mutation_id', 'bigint', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('error', 'text')
      /** The client's stamp when the hub clamped it (clock skew), else null. */
      .addColumn('clamped_from', 'text')
      .addColumn('applied_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('mutation_results_pk', ['client_id', 'mutation_id'])
      .execute();
  },
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async down(db: Kysely<any>): Promise<void> {
    for (const t of [
      'mutation_results',
      'sync_clients',
      'changes',
      'records',
      'ticket_children',
      'tickets',
      'counters',
    ]) {
      await db.schema.dropTable(t).execute();
    }
  },
};
