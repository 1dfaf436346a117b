import { allTickets } from '../../../src/renderer/db/ticket-packs';
import { expect } from 'vitest';
import type { Actor } from '../../../src/shared/domain/actor';
import { canSeeTicket, canWorkQueue, isOwnTicket } from '../../../src/shared/domain/access';
import { workflowFor } from '../../../src/shared/domain/workflow/transitions';
import { derivedId } from '../../../src/shared/sync/mutations/derived-id';
import { allChildren } from '../../../src/renderer/db/child-packs';
import { readSyncMeta } from '../../../src/renderer/sync/sync-meta';
import { readHub, resultKey, type HubSnapshot } from './hub-snapshot';
import {
  checkChildrenExactlyOnce,
  checkOverwrittenEdits,
  checkTransitionsOnce,
} from './invariants-merge';
import type { TestClient } from './test-client';
import type { World } from './world';

/** Brings every client online and syncs until nothing moves (bounded). */
export async function quiesce(w: World): Promise<void> {
  await w.hub.recover();
  w.hub.crashAfterCommits(null);
  for (const c of w.clients) {
    c.online = true;
    c.faults = [];
  }
  const sync = async (c: TestClient) => {
    // A stale pooled socket after a hub restart fails once; clients retry.
    for (let attempt = 0; ; attempt++) {
      try {
        return await c.sync();
      } catch (e) {
        if (attempt >= 2) throw e;
      }
    }
  };
  // All clients at once, as a roomful of laptops reconnecting would.
  for (let round = 0; round < 6; round++) {
    await Promise.all(w.clients.map(sync));
    const pending = await Promise.all(w.clients.map((c) => c.db.outbox.count()));
    if (pending.every((n) => n === 0)) break;
  }
  // Once no outbox holds anything, one more pass pulls what the last pushes wrote.
  await Promise.all(w.clients.map(sync));
}

const strip = (row: unknown) => JSON.parse(JSON.stringify(row)) as unknown;
const byId = <T extends { id: string }>(rows: T[]) =>
  [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map(strip);

/** Every client equals the hub filtered by its user's access, and holds nothing else. */
async function checkClient(hub: HubSnapshot, c: TestClient): Promise<void> {
  const name = c.options.name;
  const actor: Actor = await c.refreshActor();
  const visible = hub.tickets.filter((t) => canSeeTicket(actor, t));
  expect(byId(await allTickets(c.db)), `${name} tickets`).toEqual(byId(visible));

  // Children by content, not only by id: a row that arrived garbled or stale is a divergence.
  const expected = hub.children.filter((r) =>
    [r.ticketId, r.otherTicketId].some((id) => {
      const t = id === null ? undefined : hub.byId.get(id);
      if (!t) return false;
      return canWorkQueue(actor, t.queueId) || (isOwnTicket(actor, t) && !r.internal);
    }),
  );
  // Comments and work log entries of a first sync are packed (child-packs.ts): read both.
  const tables = {
    comment: () => allChildren(c.db, 'comments'),
    worklog: () => allChildren(c.db, 'worklogs'),
    attachment: () => c.db.attachments.toArray(),
    link: () => c.db.links.toArray(),
  } as const;
  for (const [entity, read] of Object.entries(tables)) {
    const local: { id: string }[] = await read();
    const theirs = expected.filter((r) => r.entity === entity).map((r) => r.data as { id: string });
    expect(byId(local), `${name} ${entity}s`).toEqual(byId(theirs));
  }

  // The conflicts shown to this user are the hub's, no fewer (none lost) and no more.
  const mine = hub.conflicts.filter((x) => x.userId === actor.userId);
  expect(byId(await c.db.conflicts.toArray()), `${name} conflicts`).toEqual(byId(mine));

  expect(await c.db.outbox.count(), `${name} outbox drained`).toBe(0);
  expect(await c.db.shadows.count(), `${name} no optimistic leftovers`).toBe(0);
  const meta = (await readSyncMeta(c.db))!;
  expect(meta.cursor, `${name} cursor at head`).toBe(hub.head);
}

/** Every mutation ended applied, or rejected with a conflict its author can see; none vanished. */
async function checkDecided(w: World, hub: HubSnapshot): Promise<void> {
  for (const m of w.issued) {
    const r = hub.results.get(resultKey(m.clientId, m.mutationId));
    expect(
      r,
      `${m.client.options.name} mutation ${m.mutationId} ${m.name} was decided`,
    ).toBeDefined();
    if (r!.status !== 'rejected') continue;
    // Applied at most once: a retried create or transition must not come back as a
    // refusal of its own first application.
    const error = JSON.parse(r!.error ?? '{}') as { code?: string };
    expect(error.code, `${m.name} ${m.mutationId} refused as already existing`).not.toBe(
      'ALREADY_EXISTS',
    );
    const id = derivedId('rejected', m.clientId, String(m.mutationId));
    for (const d of w.clients.filter((c) => c.actor.userId === m.client.actor.userId)) {
      expect(
        await d.db.conflicts.get(id),
        `${d.options.name} sees conflict of ${m.name}`,
      ).toBeDefined();
    }
  }
}

/** Transitions on the hub form valid paths of their workflow. */
function checkPaths(hub: HubSnapshot): void {
  for (const t of hub.tickets) {
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
}

/** SYNC.md "What the convergence tests must prove", checked after quiescence. */
export async function checkInvariants(w: World): Promise<void> {
  const hub = await readHub(w);
  for (const c of w.clients) await checkClient(hub, c);
  await checkDecided(w, hub);
  checkChildrenExactlyOnce(w, hub);
  checkTransitionsOnce(w, hub);
  await checkOverwrittenEdits(w, hub);
  checkPaths(hub);
  // No gaps in the change log's seqs (after the compaction point), and the counter is its head.
  for (let i = 1; i < hub.seqs.length; i++) {
    expect(hub.seqs[i]! - hub.seqs[i - 1]!, 'seq gap').toBe(1);
  }
  if (hub.seqs.length) expect(hub.seqs.at(-1), 'seq counter is the log head').toBe(hub.head);
  expect(hub.byId.size).toBe(hub.tickets.length);
}
