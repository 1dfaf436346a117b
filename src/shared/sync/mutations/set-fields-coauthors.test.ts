import { describe, expect, it } from 'vitest';
import type { Actor } from '../../domain/actor';
import { actors, ids, makeIncident, stamp } from '../../domain/test-fixtures';
import { ticketSchema, type Ticket } from '../../domain/ticket';
import { applyPuts, conflictsOf, ctxFor, loadedWith, putOf, run } from './testing';

/**
 * The fault harness's case: Ben and Dev set the impact to 1 without seeing each
 * other's edit, then Ana sets it to 3 without seeing either. Every one of those
 * edits must end applied or as a conflict for its author (SYNC.md).
 */
const created = stamp(0);
const ben = actors.agentA;
const dev = actors.leadA;
const ana: Actor = { userId: ids.agentB, roles: ['agent'], queueIds: [ids.queueA] };
const start = makeIncident({
  state: 'in_progress',
  impact: 2,
  stamps: { impact: { hlc: created, by: ids.requester } },
});
const setImpact = (impact: number) => ({
  ticketId: start.id,
  fields: { impact },
  base: { impact: created },
});

const apply = (steps: Array<[Actor, number, number, string]>) => {
  let loaded = loadedWith({ tickets: [start] });
  const conflicts = [];
  for (const [actor, impact, at, node] of steps) {
    const out = run(
      'ticket.setFields',
      setImpact(impact),
      loaded,
      ctxFor(actor, at, undefined, node),
    );
    expect(out).toMatchObject({ ok: true });
    conflicts.push(...conflictsOf(out));
    loaded = applyPuts(loaded, out);
  }
  return { ticket: loaded.tickets.get(start.id)!, conflicts };
};

describe('ticket.setFields@1: co-authors of one value', () => {
  it.each([
    ['Ben first', [ben, dev]],
    ['Dev first', [dev, ben]],
  ] as const)('an overwrite of a value two people set tells both of them (%s)', (_, order) => {
    const at = (a: Actor) => (a === ben ? 10_000 : 20_000);
    const node = (a: Actor) => (a === ben ? 'client-ben' : 'client-dev');
    const { ticket, conflicts } = apply([
      ...order.map((a): [Actor, number, number, string] => [a, 1, at(a), node(a)]),
      [ana, 3, 30_000, 'client-ana'],
    ]);
    expect(ticket.impact).toBe(3);
    const overwritten = conflicts.filter((c) => c.code === 'FIELD_OVERWRITTEN');
    expect(overwritten.map((c) => c.userId).sort()).toEqual([ben.userId, dev.userId].sort());
    for (const c of overwritten) {
      expect(c).toMatchObject({ field: 'impact', mine: 1, theirs: 3, theirsBy: ana.userId });
      expect(c.message).toMatch(/Your impact of INC-new-0301 was replaced by a later edit/);
    }
    expect(new Set(overwritten.map((c) => c.id)).size).toBe(2);
    // The overwritten 1 stays in the ticket's story, as every lost value does.
    expect(
      ticket.events.some((e) => e.kind === 'field' && e.field === 'impact' && e.from === 1),
    ).toBe(true);
  });

  it('joining a value as co-author writes the stamp only: no event, no new updatedAt', () => {
    const first = apply([[dev, 1, 20_000, 'client-dev']]).ticket;
    const out = run(
      'ticket.setFields',
      setImpact(1),
      loadedWith({ tickets: [first] }),
      ctxFor(ben, 10_000, undefined, 'client-ben'),
    );
    const t = putOf(out, 'ticket');
    expect(conflictsOf(out)).toEqual([]);
    expect(t.stamps.impact).toEqual({
      hlc: stamp(20_000, 'client-dev'),
      by: dev.userId,
      coAuthors: [ben.userId],
    });
    expect(t.events).toEqual(first.events);
    expect(t.updatedAt).toBe(first.updatedAt);
    expect(ticketSchema.safeParse(t).success).toBe(true);
  });

  it('an edit that saw the shared value replaces it without telling its authors', () => {
    const shared: Ticket = apply([
      [ben, 1, 10_000, 'client-ben'],
      [dev, 1, 20_000, 'client-dev'],
    ]).ticket;
    const out = run(
      'ticket.setFields',
      { ticketId: start.id, fields: { impact: 3 }, base: { impact: shared.stamps.impact!.hlc } },
      loadedWith({ tickets: [shared] }),
      ctxFor(ana, 30_000, undefined, 'client-ana'),
    );
    expect(conflictsOf(out)).toEqual([]);
    expect(putOf(out, 'ticket').stamps.impact).toEqual({
      hlc: stamp(30_000, 'client-ana'),
      by: ana.userId,
    });
  });
});
