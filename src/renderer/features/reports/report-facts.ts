import { eachTicketBatch, ticketsByIds, type StoredTicket } from '../../db/ticket-packs';
import {
  collectFacts,
  type MetricsProblem,
  type MetricsTicket,
  type TicketFacts,
} from '../../../shared/domain/metrics';
import type { OutpostDb } from '../../db/database';
import { derivedSlaOf } from '../../db/derived-sla';
import { slaReference, type SlaReference } from '../../db/derived-sla-fields';
import type { QueueRow } from '../queues/row-model';

/**
 * Report facts (metrics.ts collectFacts) of every ticket on the device, kept
 * in memory per database so a report re-reads only what changed.
 *
 * The SLA clock runs over a ticket's history, which the queue rows leave
 * out, and reading 100k whole tickets out of IndexedDB takes seconds. So:
 *  - a finished ticket's facts (resolved, closed, cancelled) do not move
 *    with time: they are kept until its row changes (localSeq) or the SLA
 *    reference or report zone does;
 *  - an open ticket's facts do (its age, a breach): its history is kept and
 *    its facts are recomputed in memory at each report's "now".
 * All work goes in chunks with a pause between them, so the screen stays
 * responsive while it runs.
 *
 * Measured over the generator's 100k tickets (createDataset, 365 days) in
 * Node on this busy 2-core machine: facts of all 100k take 2.9–4.9 s of
 * computing (the first report of a session; ~15–25 ms per 500-ticket chunk,
 * besides reading the tickets, which the row store notes costs seconds too);
 * a later report recomputes only the ~2,700 open ones, 70–140 ms, and reads
 * nothing. The facts of 100k tickets take about 40 MB of memory.
 */
interface Entry {
  seq: number;
  facts: TicketFacts;
  problem: MetricsProblem | null;
  /** Kept for open tickets only: their facts are recomputed at each run. */
  ticket: MetricsTicket | null;
}

export interface FactsCache {
  entries: Map<string, Entry>;
  /** The SLA reference and zone the entries were computed with. */
  key: string;
}

export const createFactsCache = (): FactsCache => ({ entries: new Map(), key: '' });

export interface FactsRun {
  facts: TicketFacts[];
  /** Tickets counted without SLA figures, and why. */
  problems: MetricsProblem[];
  asOf: number;
  timeZone: string;
}

export interface ComputeOptions {
  nowMs: number;
  timeZone: string;
  /** Tickets per read or per in-memory step. */
  chunk?: number;
  /** Between in-memory steps: lets the browser paint and handle input. */
  pause?: () => Promise<void>;
  onProgress?: (done: number, total: number) => void;
  /** False once the result is no longer wanted (a newer run started, the store closed). */
  wanted?: () => boolean;
  /** Tickets to read above which one pass over the whole store beats reads by id. */
  wholeScanAbove?: number;
}

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

const metricsTicket = (t: MetricsTicket): MetricsTicket => ({
  id: t.id,
  type: t.type,
  queueId: t.queueId,
  priority: t.priority,
  category: t.category,
  state: t.state,
  createdAt: t.createdAt,
  reopenCount: t.reopenCount,
  events: t.events,
});

/** The calendars and SLA definitions of the local store, as the queues' SLA fields use them. */
export const localSlaReference = async (db: OutpostDb): Promise<SlaReference> => {
  const kept = derivedSlaOf(db)?.reference();
  if (kept) return kept;
  const [calendars, slas, domain] = await Promise.all([
    db.calendars.toArray(),
    db.slas.toArray(),
    db.hubSettings.get('domain'),
  ]);
  return slaReference(calendars, slas, domain?.value ?? null);
};

/**
 * Facts of the tickets in `rows` at `nowMs`; null when no longer wanted.
 * Rows are read once at the start: a change during the run is picked up by
 * the next one (each entry keeps the localSeq of the ticket it was read from).
 */
export const computeFacts = async (
  db: OutpostDb,
  rows: ReadonlyMap<string, QueueRow>,
  cache: FactsCache,
  ref: SlaReference,
  options: ComputeOptions,
): Promise<FactsRun | null> => {
  const chunk = options.chunk ?? 500;
  const pause = options.pause ?? nextTask;
  const wanted = options.wanted ?? (() => true);
  const ctx = {
    nowMs: options.nowMs,
    timeZone: options.timeZone,
    calendars: ref.calendars,
    definitions: ref.definitions,
    slaOptions: { pausingHoldReasons: ref.pausingHoldReasons },
  };
  const key = `${ref.fp}|${options.timeZone}`;
  if (cache.key !== key) {
    cache.entries.clear();
    cache.key = key;
  }
  const ids = [...rows.values()].map((r) => [r.id, r.seq] as const);
  const present = new Set(ids.map(([id]) => id));
  for (const id of cache.entries.keys()) if (!present.has(id)) cache.entries.delete(id);
  const toRead: string[] = [];
  const toRefresh: Entry[] = [];
  for (const [id, seq] of ids) {
    const e = cache.entries.get(id);
    if (!e || e.seq !== seq) toRead.push(id);
    else if (e.ticket) toRefresh.push(e);
  }
  const total = toRead.length + toRefresh.length;
  let done = 0;
  const store = (list: readonly MetricsTicket[], seqs: readonly number[]) => {
    const { facts, problems } = collectFacts(list, ctx);
    const byId = new Map(problems.map((p) => [p.ticketId, p]));
    facts.forEach((f, i) => {
      const t = list[i]!;
      cache.entries.set(t.id, {
        seq: seqs[i]!,
        facts: f,
        problem: byId.get(t.id) ?? null,
        ticket: f.open ? metricsTicket(t) : null,
      });
    });
    done += list.length;
    options.onProgress?.(done, total);
  };

  const storeRead = (got: readonly StoredTicket[]) =>
    store(
      got,
      got.map((t) => t.localSeq ?? 0),
    );
  if (toRead.length > (options.wholeScanAbove ?? 5_000)) {
    // Most of the store: one pass over rows and packs (ticket-packs.ts) reads
    // each pack once, where reads by id would read a pack per chunk of ids.
    const unread = new Set(toRead);
    let stop = false;
    await eachTicketBatch(db, chunk, async (batch) => {
      if (!wanted()) {
        stop = true;
        return false;
      }
      storeRead(batch.filter((t) => unread.has(t.id)));
      await pause();
    });
    if (stop) return null;
  } else {
    for (let i = 0; i < toRead.length; i += chunk) {
      if (!wanted()) return null;
      storeRead(
        (await ticketsByIds(db, toRead.slice(i, i + chunk))).filter((t) => t !== undefined),
      );
    }
  }
  for (let i = 0; i < toRefresh.length; i += chunk) {
    if (!wanted()) return null;
    const part = toRefresh.slice(i, i + chunk);
    store(
      part.map((e) => e.ticket!),
      part.map((e) => e.seq),
    );
    await pause();
  }
  if (!wanted()) return null;

  const facts: TicketFacts[] = [];
  const problems: MetricsProblem[] = [];
  for (const [id] of ids) {
    const e = cache.entries.get(id);
    if (!e) continue;
    facts.push(e.facts);
    if (e.problem) problems.push(e.problem);
  }
  return { facts, problems, asOf: options.nowMs, timeZone: options.timeZone };
};
