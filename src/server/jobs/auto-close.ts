import type { Actor } from '../../shared/domain/actor';
import { SYSTEM_USER_ID } from '../../shared/domain/system-user';
import type { Ticket } from '../../shared/domain/ticket';
import { dueForAutoClose } from '../../shared/domain/workflow/transitions';
import type { ClientId } from '../../shared/ids';
import { formatHlc } from '../../shared/sync/hlc';
import { derivedId } from '../../shared/sync/mutations/derived-id';
import type { Clock } from '../clock';
import type { HubDatabase } from '../storage/database';
import { lockMetaRow } from '../storage/meta-repo';
import { appendChanges } from '../sync/change-log';
import { applyMutation } from '../sync/apply-mutation';
import { loadDomainSettings } from '../sync/reference-data';

const SYSTEM: Actor = { userId: SYSTEM_USER_ID, roles: ['admin'], queueIds: [] };
const SYSTEM_CLIENT = derivedId<ClientId>('system-client');

/**
 * Closes resolved incidents and fulfilled requests left alone for the
 * configured number of days (DOMAIN.md), through the same transition rules
 * a person would use, so history, SLA figures and the change log agree.
 * Several hubs on one PostgreSQL take turns through a lock row; a ticket
 * that moved meanwhile is re-checked under the lock and left alone.
 * `lastSeq` is the last seq written, or SEQ_AT_COMMIT on PostgreSQL (the
 * poke bus reads the seq after COMMIT, as for a push).
 */
export async function runAutoClose(
  db: HubDatabase,
  now: number,
): Promise<{ closed: number; lastSeq: number | null }> {
  const settings = await loadDomainSettings(db.kysely);
  if (settings.autoCloseDays <= 0) return { closed: 0, lastSeq: null };
  const candidates = await db.kysely
    .selectFrom('tickets')
    .select(['id', 'data'])
    .where('state', 'in', ['resolved', 'fulfilled'])
    .execute();
  const due = candidates
    .map((r) => JSON.parse(r.data) as Ticket)
    .filter((t) => dueForAutoClose(t, settings.autoCloseDays, now));
  let closed = 0;
  let lastSeq: number | null = null;
  for (const t of due) {
    const seq = await db.kysely.transaction().execute(async (trx) => {
      await lockMetaRow(trx, 'lock.auto-close');
      const row = await trx
        .selectFrom('tickets')
        .select('data')
        .where('id', '=', t.id)
        .executeTakeFirst();
      const current = row ? (JSON.parse(row.data) as Ticket) : null;
      if (!current || !dueForAutoClose(current, settings.autoCloseDays, now)) return null;
      const r = await applyMutation(trx, db.dialect, {
        actor: SYSTEM,
        clientId: SYSTEM_CLIENT,
        settings,
        mutation: {
          id: 0,
          name: 'ticket.transition',
          version: 1,
          args: { ticketId: current.id, from: current.state, to: 'closed' },
          hlc: formatHlc({ wallMs: now, counter: 0, nodeId: 'system' }),
        },
        hubNow: now,
      });
      if (!r.result.ok)
        throw new Error(`auto-close of ${current.id} refused: ${r.result.error.message}`);
      return appendChanges(trx, r.changes, now);
    });
    if (seq !== null) {
      closed++;
      lastSeq = seq;
    }
  }
  return { closed, lastSeq };
}

export interface Scheduler {
  stop(): void;
}

/** Runs the job every `intervalMs` (default 10 minutes); errors are logged, never fatal. */
export function scheduleAutoClose(deps: {
  db: HubDatabase;
  clock: Clock;
  log: { warn(obj: object, msg: string): void; info(obj: object, msg: string): void };
  onCommit(seq: number): void;
  intervalMs?: number;
}): Scheduler {
  let running = false;
  const tick = () => {
    if (running) return;
    running = true;
    runAutoClose(deps.db, deps.clock.now())
      .then(({ closed, lastSeq }) => {
        if (closed > 0)
          deps.log.info({ closed }, 'closed resolved tickets after the waiting period');
        if (lastSeq !== null) deps.onCommit(lastSeq);
      })
      .catch((err: unknown) => deps.log.warn({ err }, 'auto-close run failed; will retry'))
      .finally(() => {
        running = false;
      });
  };
  const timer = setInterval(tick, deps.intervalMs ?? 10 * 60_000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
