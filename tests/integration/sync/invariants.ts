import { expect } from 'vitest';
import type { Actor } from '../../../src/shared/domain/actor';
import { canSeeTicket } from '../../../src/shared/domain/access';
import type { Ticket } from '../../../src/shared/domain/ticket';
import { workflowFor } from '../../../src/shared/domain/workflow/transitions';
import { derivedId } from '../../../src/shared/sync/mutations/derived-id';
import { hlcWallTime } from '../../../src/shared/sync/hlc';
import { readSyncMeta } from '../../../src/renderer/sync/sync-meta';
import type { World } from './world';

/** Brings every client online and syncs until nothing moves (bounded). */
export async function quiesce(w: World): Promise<void> {
  if (w.hub.crashed) await w.hub.restart();
  w.hub.crashAfterCommits(null);
  for (const c of w.clients) {
    c.online = true;
    c.faults = [];
  }
  const sync = async (c: (typeof w.clients)[number]) => {
    // A stale pooled socket after a hub restart fails once; clients retry.
    for (let attempt = 0; ; attempt++) {
      try {
        return await c.engine.syncOnce();
      } catch (e) {
        if (attempt >= 2) throw e;
      }
    }
  };
  for (let round = 0; round < 6; round++) {
    for (const c of w.clients) await sync(c);
    const pending = await Promise.all(w.clients.map((c) => c.db.outbox.count()));
    if (pending.every((n) => n === 0)) break;
  }
  // One more pass so every client has pulled what the last pushes wrote.
  for (const c of w.clients) await sync(c);
}

const strip = (row: Record<string, unknown>) => JSON.parse(JSON.stringify(row)) as unknown;

/** SYNC.md "What the convergence tests must prove", checked after quiescence. */
export async function checkInvariants(w: World): Promise<void> {
  const k = w.hub.db.kysely;
  const hubTickets = (await k.selectFrom('tickets').select('data').execute()).map(
    (r) => JSON.parse(r.data) as Ticket,
  );
  const children = await k.selectFrom('ticket_children').selectAll().execute();
  const byId = new Map(hubTickets.map((t) => [t.id, t]));

  // Every client equals the hub filtered by its user's access, and holds nothing else.
  for (const c of w.clients) {
    const actor: Actor = await c.refreshActor();
    const visible = hubTickets.filter((t) => canSeeTicket(actor, t));
    const local = await c.db.tickets.toArray();
    expect(local.map((t) => t.id).sort(), `${c.options.name} ticket ids`).toEqual(
      visible.map((t) => t.id).sort(),
    );
    for (const t of visible) {
      const mine = local.find((l) => l.id === t.id)!;
      expect(strip(mine), `${c.options.name} ticket ${t.title}`).toEqual(strip(t));
    }
    const visibleIds = new Set<string>(visible.map((t) => t.id));
    const expectChildren = children.filter(
      (r) =>
        visibleIds.has(r.ticket_id) ||
        (r.other_ticket_id !== null && visibleIds.has(r.other_ticket_id)),
    );
    const localChildren = [
      ...(await c.db.comments.toArray()),
      ...(await c.db.worklogs.toArray()),
      ...(await c.db.links.toArray()),
    ];
    expect(localChildren.map((r) => r.id).sort(), `${c.options.name} children`).toEqual(
      expectChildren.map((r) => r.id).sort(),
    );
    expect(await c.db.outbox.count(), `${c.options.name} outbox drained`).toBe(0);
    expect(await c.db.shadows.count(), `${c.options.name} no optimistic leftovers`).toBe(0);
    const meta = (await readSyncMeta(c.db))!;
    const head = await k
      .selectFrom('counters')
      .select('value')
      .where('name', '=', 'seq')
      .executeTakeFirstOrThrow();
    expect(meta.cursor, `${c.options.name} cursor at head`).toBe(Number(head.value));
  }

  // Each comment exists exactly once.
  for (const m of w.issued.filter((i) => i.body)) {
    const n = children.filter(
      (r) => r.entity === 'comment' && (JSON.parse(r.data) as { body: string }).body === m.body,
    ).length;
    const result = await k
      .selectFrom('mutation_results')
      .select('status')
      .where('client_id', '=', m.clientId)
      .where('mutation_id', '=', m.mutationId)
      .executeTakeFirst();
    expect(n, `comment ${m.body}`).toBe(result?.status === 'applied' ? 1 : 0);
  }

  // Every mutation ended applied, or rejected with a conflict its author can see; none vanished.
  for (const m of w.issued) {
    const r = await k
      .selectFrom('mutation_results')
      .select(['status', 'error', 'clamped_from'])
      .where('client_id', '=', m.clientId)
      .where('mutation_id', '=', m.mutationId)
      .executeTakeFirst();
    expect(
      r,
      `${m.client.options.name} mutation ${m.mutationId} ${m.name} was decided`,
    ).toBeDefined();
    if (r!.status === 'rejected') {
      // Applied at most once: a retried create or transition must not come back as a
      // refusal of its own first application.
      const error = JSON.parse(r!.error ?? '{}') as { code?: string };
      expect(error.code, `${m.name} ${m.mutationId} refused as already existing`).not.toBe(
        'ALREADY_EXISTS',
      );
      if (m.name === 'ticket.transition' && r!.clamped_from === null) {
        const t = byId.get(m.args.ticketId as never);
        const own = t?.events.some(
          (e) =>
            e.kind === 'state' &&
            e.by === m.client.actor.userId &&
            e.at === hlcWallTime(m.hlc) &&
            e.from === m.args.from &&
            e.to === m.args.to,
        );
        expect(own, `transition ${m.mutationId} refused although it was applied`).toBeFalsy();
      }
      const id = derivedId('rejected', m.clientId, String(m.mutationId));
      const everyDevice = w.clients.filter((c) => c.actor.userId === m.client.actor.userId);
      for (const d of everyDevice) {
        expect(
          await d.db.conflicts.get(id),
          `${d.options.name} sees conflict of ${m.name}`,
        ).toBeDefined();
      }
    }
  }

  // Transitions on the hub form valid paths of their workflow.
  for (const t of hubTickets) {
    const created = t.events[0];
    expect(created?.kind).toBe('created');
    let state = created && created.kind === 'created' ? created.state : '';
    for (const e of t.events) {
      if (e.kind !== 'state') continue;
      expect(e.from, `${t.title} path`).toBe(state);
      const edges = workflowFor(t.type).transitions[e.from] ?? [];
      expect(
        edges.map((r) => r.to),
        `${t.title} ${e.from}→${e.to}`,
      ).toContain(e.to);
      state = e.to;
    }
    expect(t.state).toBe(state);
  }

  // No gaps in the change log's seqs (after the compaction point).
  const seqs = (await k.selectFrom('changes').select('seq').orderBy('seq').execute()).map((r) =>
    Number(r.seq),
  );
  for (let i = 1; i < seqs.length; i++) expect(seqs[i]! - seqs[i - 1]!, 'seq gap').toBe(1);
  expect(byId.size).toBe(hubTickets.length);
}
