import type { Table } from 'dexie';
import type { ArticleId, ConfigItemId, TicketId } from '../../shared/ids';
import {
  defaultDomainSettings,
  domainSettingsSchema,
  type DomainSettings,
} from '../../shared/domain/settings';
import type { Effect, EntityRef, Loaded } from '../../shared/sync/mutations/types';
import { listIn } from '../../shared/list-in';
import type { Change } from '../../shared/sync/protocol';
import { childById, dropPacked, isPackedTable } from '../db/child-packs';
import { dropPackedTickets, ticketById } from '../db/ticket-packs';
import {
  childTables,
  recordTables,
  tableOf,
  type OutpostDb,
  type RecordTable,
  type ShadowRow,
} from '../db/database';

/** Every table a local write or rebase touches, for one Dexie transaction. */
export const syncTables = (db: OutpostDb) => [
  ...recordTables.map((t) => db.table(t)),
  db.childPacks,
  db.ticketPacks,
  db.outbox,
  db.shadows,
  db.syncState,
];

const shadowKey = (table: RecordTable, id: string) => `${table}|${id}`;

export async function loadLocal(db: OutpostDb, refs: readonly EntityRef[]): Promise<Loaded> {
  const loaded: Loaded = { tickets: new Map(), articles: new Map(), cis: new Map() };
  for (const ref of refs) {
    if (ref.kind === 'ticket') {
      const t = await ticketById(db, ref.id);
      if (t) loaded.tickets.set(ref.id as TicketId, t);
    } else if (ref.kind === 'article') {
      const a = await db.articles.get(ref.id);
      if (a) loaded.articles.set(ref.id as ArticleId, a);
    } else {
      const c = await db.cis.get(ref.id);
      if (c) loaded.cis.set(ref.id as ConfigItemId, c);
    }
  }
  return loaded;
}

export async function localDomainSettings(db: OutpostDb): Promise<DomainSettings> {
  const row = await db.hubSettings.get('domain');
  const parsed = domainSettingsSchema.safeParse(row?.value);
  return parsed.success ? parsed.data : defaultDomainSettings;
}

/** Keeps the confirmed value of a row before the first pending mutation changes it. */
async function rememberConfirmed(db: OutpostDb, table: RecordTable, value: Stored): Promise<void> {
  const key = shadowKey(table, value.id);
  if (await db.shadows.get(key)) return;
  const current = (await rowOrPacked(db, table, value)) as unknown;
  await db.shadows.put({ key, table, id: value.id, value: current ?? null });
}

/**
 * Writes a mutation's effects as the optimistic local state. Conflict effects
 * are the hub's to record: they arrive through the pull, once.
 */
export async function writeLocalEffects(db: OutpostDb, effects: readonly Effect[]): Promise<void> {
  for (const e of effects) {
    if (e.type === 'conflict') continue;
    const table = tableOf[e.entity];
    if (e.type === 'insert' && (await rowOrPacked(db, table, e.value))) continue;
    await rememberConfirmed(db, table, e.value);
    await db.table(table).put(e.value);
  }
}

/** What a change row stores locally: the record itself, or a wrapper for id-less settings. */
const localRow = (change: Change): unknown =>
  change.entity === 'setting' ? { id: change.id, value: change.data } : change.data;

/** A record an effect writes: its id, and its ticket's for a child. */
type Stored = { id: string; ticketId?: string };

/** A stored row: tickets, comments and work log entries may be packed. */
const rowOrPacked = (db: OutpostDb, table: RecordTable, value: Stored): Promise<unknown> =>
  isPackedTable(table)
    ? childById(db, table, value.id, value.ticketId)
    : table === 'tickets'
      ? ticketById(db, value.id)
      : db.table(table).get(value.id);

/**
 * Writes a confirmed row: into the shadow when pending mutations hide it,
 * else into the table. `ticketId` (a child's) finds its packs by index.
 */
async function putConfirmed(
  db: OutpostDb,
  table: RecordTable,
  id: string,
  value: unknown,
  ticketId?: string,
) {
  const key = shadowKey(table, id);
  if (value === null && isPackedTable(table)) await dropPacked(db, { ids: [id], ticketId });
  if (value === null && table === 'tickets') await dropPackedTickets(db, [id]);
  if (await db.shadows.get(key)) await db.shadows.update(key, { value });
  else if (value === null) await db.table(table).delete(id);
  else await db.table(table).put(value);
}

/** A ticket leaves this reader: it goes with its children and the links only it made visible. */
async function removeTicket(db: OutpostDb, ticketId: string): Promise<void> {
  await putConfirmed(db, 'tickets', ticketId, null);
  for (const t of childTables) {
    const ids = (await (db.table(t) as Table<{ id: string }, string>)
      .where('ticketId')
      .equals(ticketId)
      .primaryKeys()) as string[];
    for (const id of ids) await putConfirmed(db, t, id, null, ticketId);
  }
  await dropPacked(db, { ticketId });
  const links = [
    ...(await db.links.where('fromId').equals(ticketId).toArray()),
    ...(await db.links.where('to.id').equals(ticketId).toArray()),
  ];
  for (const l of links) {
    const other = l.fromId === ticketId ? (l.to.kind === 'ticket' ? l.to.id : null) : l.fromId;
    if (other === null || !(await ticketById(db, other)))
      await putConfirmed(db, 'links', l.id, null);
  }
}

/**
 * Applies pulled changes as confirmed state (call inside a sync transaction).
 * Runs of puts are written in bulk (one shadow lookup, one bulkPut per
 * table): a pull acknowledging a 1,000-edit backlog brings that many rows,
 * and one IndexedDB round trip per row was most of its time. Removals keep
 * their order and run one by one (a ticket leaves with its children).
 */
export async function applyConfirmedChanges(
  db: OutpostDb,
  changes: readonly Change[],
): Promise<void> {
  let run: Change[] = [];
  for (const c of changes) {
    if (c.op !== 'remove') {
      run.push(c);
      continue;
    }
    await putConfirmedRun(db, run);
    run = [];
    if (c.entity === 'ticket') await removeTicket(db, c.id);
    else await putConfirmed(db, tableOf[c.entity], c.id, null);
  }
  await putConfirmedRun(db, run);
}

/** putConfirmed for many puts at once (the last put of a row wins, as in order). */
async function putConfirmedRun(db: OutpostDb, puts: readonly Change[]): Promise<void> {
  if (puts.length === 0) return;
  const latest = new Map<string, { table: RecordTable; value: unknown }>();
  for (const c of puts) {
    const table = tableOf[c.entity];
    latest.set(shadowKey(table, c.id), { table, value: localRow(c) });
  }
  const keys = [...latest.keys()];
  const shadows = await db.shadows.bulkGet(keys);
  const shadowed: ShadowRow[] = [];
  const direct = new Map<RecordTable, unknown[]>();
  keys.forEach((key, i) => {
    const { table, value } = latest.get(key)!;
    const shadow = shadows[i];
    if (shadow) shadowed.push({ ...shadow, value });
    else listIn(direct, table).push(value);
  });
  if (shadowed.length > 0) await db.shadows.bulkPut(shadowed);
  for (const [table, values] of direct) await db.table(table).bulkPut(values);
}

/** Puts every shadowed row back to its confirmed value and forgets the shadows. */
export async function restoreConfirmed(db: OutpostDb): Promise<void> {
  const shadows = await db.shadows.toArray();
  const puts = new Map<string, unknown[]>();
  const deletes = new Map<string, string[]>();
  for (const s of shadows) {
    if (s.value === null) listIn(deletes, s.table).push(s.id);
    else listIn(puts, s.table).push(s.value);
  }
  for (const [table, ids] of deletes) await db.table(table).bulkDelete(ids);
  for (const [table, values] of puts) await db.table(table).bulkPut(values);
  await db.shadows.clear();
}

export { localRow };
