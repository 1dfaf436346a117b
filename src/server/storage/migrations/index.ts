import type { Migration } from 'kysely';
import { accountsMigration } from './0001-accounts';
import { auditLogMigration } from './0002-audit-log';
import { syncMigration } from './0003-sync';
import { blobsMigration } from './0004-blobs';
import { articleNumbersMigration } from './0005-article-numbers';
import { seqAtCommitMigration } from './0006-seq-at-commit';
import { clampedResultsIndexMigration } from './0007-clamped-results-index';
import { numberSequencesMigration } from './0008-number-sequences';

/**
 * Every schema migration, in order. Names start with a zero-padded number:
 * that number is the schema version reported by /health. Append only — a
 * released migration is never edited, because hubs already ran it.
 */
export const migrations: ReadonlyArray<readonly [name: string, migration: Migration]> = [
  ['0001_accounts', accountsMigration],
  ['0002_audit_log', auditLogMigration],
  ['0003_sync', syncMigration],
  ['0004_blobs', blobsMigration],
  ['0005_article_numbers', articleNumbersMigration],
  ['0006_seq_at_commit', seqAtCommitMigration],
  ['0007_clamped_results_index', clampedResultsIndexMigration],
  ['0008_number_sequences', numberSequencesMigration],
];
