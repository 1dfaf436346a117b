import type { Conflict } from '../../../src/shared/domain/conflict';
import type { Ticket } from '../../../src/shared/domain/ticket';
import type { World } from './world';

/** One decided mutation as the hub stored it. */
export interface StoredResult {
  status: 'applied' | 'rejected';
  error: string | null;
  clampedFrom: string | null;
  appliedAt: number;
}

export interface HubChild {
  id: string;
  entity: 'comment' | 'worklog' | 'attachment' | 'link';
  ticketId: string;
  otherTicketId: string | null;
  /** Work notes and internal comments: for the desk, not for the requester. */
  internal: boolean;
  data: Record<string, unknown>;
}

/** What the hub holds after quiescence, read once for every invariant. */
export interface HubSnapshot {
  tickets: Ticket[];
  byId: Map<string, Ticket>;
  children: HubChild[];
  conflicts: Conflict[];
  results: Map<string, StoredResult>;
  head: number;
  seqs: number[];
}

export const resultKey = (clientId: string, mutationId: number) => `${clientId}#${mutationId}`;

export async function readHub(w: World): Promise<HubSnapshot> {
  const k = w.hub.db.kysely;
  const tickets = (await k.selectFrom('tickets').select('data').execute()).map(
    (r) => JSON.parse(r.data) as Ticket,
  );
  const children = (await k.selectFrom('ticket_children').selectAll().execute()).map((r) => ({
    id: r.id,
    entity: r.entity,
    ticketId: r.ticket_id,
    otherTicketId: r.other_ticket_id,
    internal: r.internal === 1,
    data: JSON.parse(r.data) as Record<string, unknown>,
  }));
  const conflicts = (
    await k.selectFrom('records').select('data').where('entity', '=', 'conflict').execute()
  ).map((r) => JSON.parse(r.data) as Conflict);
  const results = new Map<string, StoredResult>();
  for (const r of await k.selectFrom('mutation_results').selectAll().execute()) {
    results.set(resultKey(r.client_id, Number(r.mutation_id)), {
      status: r.status,
      error: r.error,
      clampedFrom: r.clamped_from,
      appliedAt: Number(r.applied_at),
    });
  }
  const head = await k
    .selectFrom('counters')
    .select('value')
    .where('name', '=', 'seq')
    .executeTakeFirstOrThrow();
  const seqs = (await k.selectFrom('changes').select('seq').orderBy('seq').execute()).map((r) =>
    Number(r.seq),
  );
  return {
    tickets,
    byId: new Map(tickets.map((t) => [t.id, t])),
    children,
    conflicts,
    results,
    head: Number(head.value),
    seqs,
  };
}
