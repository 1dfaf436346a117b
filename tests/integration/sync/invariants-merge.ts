import { expect } from 'vitest';
import { conflictCodes } from '../../../src/shared/domain/conflict';
import { hlcWallTime } from '../../../src/shared/sync/hlc';
import { sameValue } from '../../../src/shared/sync/merge';
import { hubStamp as stampFor } from '../../../src/server/sync/clamp';
import { resultKey, type HubSnapshot } from './hub-snapshot';
import type { Issued, World } from './world';

const markerField = { comment: 'body', worklog: 'note', attachment: 'name' } as const;

const statusOf = (hub: HubSnapshot, m: Issued) =>
  hub.results.get(resultKey(m.clientId, m.mutationId))?.status;

/**
 * Append-only children exist exactly once if their mutation was applied and
 * not at all otherwise, however often the push was retried, duplicated or
 * raced; a link between the same two tickets exists once however many
 * devices made it.
 */
export function checkChildrenExactlyOnce(w: World, hub: HubSnapshot): void {
  for (const m of w.issued) {
    if (!m.child) continue;
    const { entity, text } = m.child;
    const rows = hub.children.filter(
      (r) => r.entity === entity && r.data[markerField[entity]] === text,
    );
    const applied = statusOf(hub, m) === 'applied';
    expect(rows.length, `${entity} "${text}" exists ${applied ? 'once' : 'never'}`).toBe(
      applied ? 1 : 0,
    );
    if (applied)
      expect(rows[0]!.id, `${entity} "${text}" keeps its client-made id`).toBe(m.args.id);
  }
  const links = hub.children.filter((r) => r.entity === 'link');
  const pairs = links.map((l) => {
    const to = l.data.to as { id: string };
    return `${l.data.kind as string}:${l.data.fromId as string}->${to.id}`;
  });
  expect(new Set(pairs).size, 'each link stored once').toBe(pairs.length);
  for (const m of w.issued) {
    if (m.name !== 'ticket.link' || statusOf(hub, m) !== 'applied') continue;
    const ends = [m.args.fromId as string, (m.args.to as { id: string }).id].sort();
    expect(pairs, `link ${ends.join(' ↔ ')}`).toContain(`related:${ends[0]}->${ends[1]}`);
  }
}

/** The stamp the hub gave a mutation: its own, or pulled back to the hub's time + tolerance. */
const hubStamp = (hub: HubSnapshot, m: Issued): string => {
  const r = hub.results.get(resultKey(m.clientId, m.mutationId))!;
  return stampFor(m.hlc, m.mutationId, r.appliedAt).stamp;
};

/**
 * Each applied transition shows once in its ticket's history and a refused
 * one not at all: a retry, a duplicated or raced push, or a journal replay
 * after a wiped database must not move a ticket twice, nor be refused as
 * conflicting with its own first application.
 */
export function checkTransitionsOnce(w: World, hub: HubSnapshot): void {
  const sig = (ticketId: string, by: string, at: number, from: string, to: string) =>
    `${ticketId} ${by} ${at} ${from}→${to}`;
  const count = (keys: string[]) =>
    Object.fromEntries(
      [...new Set(keys)].sort().map((k) => [k, keys.filter((x) => x === k).length]),
    );
  const issuedBy = new Set(w.users.map((u) => u.id));
  const applied = w.issued
    .filter((m) => m.name === 'ticket.transition' && statusOf(hub, m) === 'applied')
    .map((m) =>
      sig(
        m.args.ticketId as string,
        m.client.actor.userId,
        hlcWallTime(hubStamp(hub, m)),
        m.args.from as string,
        m.args.to as string,
      ),
    );
  const inHistory = hub.tickets.flatMap((t) =>
    t.events.flatMap((e) =>
      e.kind === 'state' && issuedBy.has(e.by) ? [sig(t.id, e.by, e.at, e.from, e.to)] : [],
    ),
  );
  expect(count(inHistory), 'transitions in history = transitions applied').toEqual(count(applied));
}

const key = (ticketId: string, field: string, stamp: string) => `${ticketId}|${field}|${stamp}`;

/**
 * The value each field stamp stood for: what a writer whose `base` is that
 * stamp had on screen. Built from the creates (initial values are the `from`
 * of a field's first change, or its value now) and from every applied edit,
 * under the hub's stamp and under the author's own (a device that edits its
 * own pending edit again bases it on its unclamped stamp).
 */
function valuesByStamp(w: World, hub: HubSnapshot, edits: Issued[]): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const t of hub.tickets) {
    const create = w.issued.find((m) => m.name.endsWith('.create') && m.args.id === t.id);
    const created = w.seeded[t.id] ?? (create && hubStamp(hub, create));
    if (!created) continue;
    for (const field of Object.keys(t.stamps)) {
      const first = t.events.find((e) => e.kind === 'field' && e.field === field);
      const initial =
        first?.kind === 'field' ? first.from : (t as unknown as Record<string, unknown>)[field];
      out.set(key(t.id, field, created), initial);
    }
  }
  for (const m of edits) {
    for (const [field, value] of Object.entries(m.args.fields as Record<string, unknown>)) {
      out.set(key(m.args.ticketId as string, field, m.hlc), value);
      out.set(key(m.args.ticketId as string, field, hubStamp(hub, m)), value);
    }
  }
  return out;
}

/**
 * SYNC.md "Merge rules": a field value that did not survive last-writer-wins
 * is never dropped silently. Unless someone changed the field while looking
 * at that value (an ordinary sequential edit), its author gets a conflict
 * with their value, every device of theirs shows it, and an overwritten
 * value stays in the ticket's history.
 */
export async function checkOverwrittenEdits(w: World, hub: HubSnapshot): Promise<void> {
  const edits = w.issued.filter(
    (m) => m.name === 'ticket.setFields' && statusOf(hub, m) === 'applied',
  );
  const seenValue = valuesByStamp(w, hub, edits);
  for (const m of edits) {
    const ticketId = m.args.ticketId as string;
    const ticket = hub.byId.get(ticketId);
    if (!ticket) continue;
    for (const [field, mine] of Object.entries(m.args.fields as Record<string, unknown>)) {
      const final = (ticket as unknown as Record<string, unknown>)[field];
      if (sameValue(final, mine)) continue;
      const replacedKnowingly = edits.some((o) => {
        if (o === m || o.args.ticketId !== ticketId || !(field in (o.args.fields as object))) {
          return false;
        }
        const base = (o.args.base as Record<string, string | null>)[field];
        const k = base ? key(ticketId, field, base) : '';
        return seenValue.has(k) && sameValue(seenValue.get(k), mine);
      });
      if (replacedKnowingly) continue;
      const what = `${m.client.options.name} mutation ${m.mutationId}: ${field} ${JSON.stringify(mine)} of ${ticket.title} (now ${JSON.stringify(final)})`;
      const conflict = hub.conflicts.find(
        (x) =>
          x.userId === m.client.actor.userId &&
          x.ticketId === ticketId &&
          x.field === field &&
          sameValue(x.mine, mine),
      );
      expect(conflict, `${what} lost without a conflict for its author`).toBeDefined();
      for (const d of w.clients.filter((c) => c.actor.userId === m.client.actor.userId)) {
        expect(
          await d.db.conflicts.get(conflict!.id),
          `${d.options.name} shows ${what}`,
        ).toBeDefined();
      }
      if (conflict!.code === conflictCodes.overwritten) {
        const kept = ticket.events.some(
          (e) => e.kind === 'field' && e.field === field && sameValue(e.from, mine),
        );
        expect(kept, `${what} kept in the ticket's history`).toBe(true);
      }
    }
  }
}
