import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import { getMeta, lockMetaRow, setMeta } from '../storage/meta-repo';
import type { AuditLogTable, DbExecutor } from '../storage/schema';

/** The prevHash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);
/** Meta key holding `{seq, hash}` of the newest entry; also the append lock. */
const HEAD_KEY = 'audit.head';

export interface AuditEntryInput {
  actorId: string | null;
  action: string;
  target: string | null;
  details?: Record<string, unknown>;
}

export interface AuditEntry {
  seq: number;
  at: number;
  actorId: string | null;
  action: string;
  target: string | null;
  details: unknown;
  prevHash: string;
  hash: string;
}

type HashedFields = Pick<AuditEntry, 'seq' | 'at' | 'actorId' | 'action' | 'target' | 'details'>;

/** SHA-256 (hex) over the previous hash followed by the entry's canonical JSON. */
export function hashAuditEntry(prevHash: string, e: HashedFields): string {
  const body = canonicalJson({
    seq: e.seq,
    at: e.at,
    actorId: e.actorId,
    action: e.action,
    target: e.target,
    details: e.details,
  });
  return createHash('sha256').update(prevHash).update(body).digest('hex');
}

interface Head {
  seq: number;
  hash: string;
}

const parseHead = (text: string | null): Head | null => {
  if (!text) return null;
  try {
    const v = JSON.parse(text) as Partial<Head>;
    return typeof v.seq === 'number' && typeof v.hash === 'string'
      ? { seq: v.seq, hash: v.hash }
      : null;
  } catch {
    return null;
  }
};

async function appendInTransaction(
  trx: DbExecutor,
  at: number,
  input: AuditEntryInput,
): Promise<AuditEntry> {
  await lockMetaRow(trx, HEAD_KEY);
  // The head, not max(seq), decides the next number: if someone deletes the
  // newest rows, later entries leave a visible gap instead of papering over it.
  let head = parseHead(await getMeta(trx, HEAD_KEY));
  if (!head) {
    const last = await trx
      .selectFrom('audit_log')
      .select(['seq', 'hash'])
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    head = last ? { seq: Number(last.seq), hash: last.hash } : { seq: 0, hash: GENESIS_HASH };
  }
  const fields: HashedFields = {
    seq: head.seq + 1,
    at,
    actorId: input.actorId,
    action: input.action,
    target: input.target,
    details: input.details ?? {},
  };
  const hash = hashAuditEntry(head.hash, fields);
  await trx
    .insertInto('audit_log')
    .values({
      seq: fields.seq,
      at,
      actor_id: fields.actorId,
      action: fields.action,
      target: fields.target,
      details: canonicalJson(fields.details),
      prev_hash: head.hash,
      hash,
    })
    .execute();
  await setMeta(trx, HEAD_KEY, JSON.stringify({ seq: fields.seq, hash }));
  return { ...fields, prevHash: head.hash, hash };
}

/**
 * Appends one entry. Pass the transaction of the change being audited so
 * both commit together; given the plain database it opens its own.
 */
export async function appendAudit(
  db: DbExecutor,
  at: number,
  input: AuditEntryInput,
): Promise<AuditEntry> {
  if (db.isTransaction) return appendInTransaction(db, at, input);
  return db.transaction().execute((trx) => appendInTransaction(trx, at, input));
}

const toEntry = (r: AuditLogTable): AuditEntry => ({
  seq: Number(r.seq),
  at: Number(r.at),
  actorId: r.actor_id,
  action: r.action,
  target: r.target,
  details: JSON.parse(r.details) as unknown,
  prevHash: r.prev_hash,
  hash: r.hash,
});

/** Newest first; `beforeSeq` pages backwards. */
export async function listAudit(
  db: DbExecutor,
  opts: { beforeSeq?: number; limit: number },
): Promise<AuditEntry[]> {
  let q = db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(opts.limit);
  if (opts.beforeSeq !== undefined) q = q.where('seq', '<', opts.beforeSeq);
  return (await q.execute()).map(toEntry);
}

export type AuditVerification =
  { ok: true; entries: number } | { ok: false; entries: number; seq: number; reason: string };

const PAGE = 1000;

/**
 * Walks the whole chain and reports the first broken link: a changed entry,
 * a missing one (gap in seq), a re-linked one, or missing newest entries.
 */
export async function verifyAudit(db: DbExecutor): Promise<AuditVerification> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  const broken = (seq: number, reason: string): AuditVerification => ({
    ok: false,
    entries: checked,
    seq,
    reason,
  });
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(PAGE)
      .execute();
    for (const r of rows) {
      const seq = Number(r.seq);
      if (seq !== expectedSeq) {
        return broken(expectedSeq, `entry ${expectedSeq} is missing (next entry is ${seq})`);
      }
      if (r.prev_hash !== prevHash) {
        return broken(seq, `entry ${seq} does not link to entry ${seq - 1}`);
      }
      let details: unknown;
      try {
        details = JSON.parse(r.details);
      } catch {
        return broken(seq, `entry ${seq} has unreadable details`);
      }
      const fields = {
        seq,
        at: Number(r.at),
        actorId: r.actor_id,
        action: r.action,
        target: r.target,
        details,
      };
      if (hashAuditEntry(prevHash, fields) !== r.hash) {
        return broken(seq, `entry ${seq} was changed after it was written`);
      }
      prevHash = r.hash;
      expectedSeq = seq + 1;
      checked++;
    }
    if (rows.length < PAGE) break;
  }
  const head = parseHead(await getMeta(db, HEAD_KEY));
  const lastSeq = expectedSeq - 1;
  if (head && head.seq > lastSeq) {
    return broken(lastSeq + 1, `entries ${lastSeq + 1}..${head.seq} are missing`);
  }
  if (head && (head.seq !== lastSeq || head.hash !== prevHash)) {
    return broken(head.seq, `the log head does not match entry ${head.seq}`);
  }
  if (!head && lastSeq > 0) {
    return broken(lastSeq, `the log head record is missing`);
  }
  return { ok: true, entries: checked };
}
