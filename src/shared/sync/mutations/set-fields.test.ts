import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  actors,
  ids,
  makeChange,
  makeIncident,
  makeProblem,
  stamp,
  T0,
} from '../../domain/test-fixtures';
import { ticketSchema, type Incident, type Ticket } from '../../domain/ticket';
import { baseFor } from './set-fields';
import { applyPuts, conflictsOf, ctxFor, errorOf, loadedWith, putOf, run } from './testing';

const created = stamp(0);
/** An incident whose fields carry the create stamp, as incident.create leaves them. */
const incident = (o: Partial<Incident> = {}) =>
  makeIncident({
    state: 'in_progress',
    stamps: Object.fromEntries(
      ['title', 'impact', 'urgency', 'queueId', 'assigneeId', 'tags'].map((f) => [
        f,
        { hlc: created, by: ids.requester },
      ]),
    ),
    ...o,
  });
const set = (fields: object, base: object, ticket: Ticket = incident()) => ({
  ticketId: ticket.id,
  fields,
  base,
});

describe('ticket.setFields@1', () => {
  it('applies an edit made on the current value, with a field event and new stamp', () => {
    const out = run(
      'ticket.setFields',
      set({ title: 'VPN drops on Wi-Fi only' }, { title: created }),
      loadedWith({ tickets: [incident()] }),
      ctxFor(actors.agentA),
    );
    const t = putOf(out, 'ticket');
    expect(t.title).toBe('VPN drops on Wi-Fi only');
    expect(t.stamps.title).toEqual({ hlc: stamp(60_000), by: ids.agentA });
    expect(t.updatedAt).toBe(T0 + 60_000);
    expect(t.events.at(-1)).toEqual({
      kind: 'field',
      at: T0 + 60_000,
      by: ids.agentA,
      field: 'title',
      from: 'VPN drops every 10 minutes',
      to: 'VPN drops on Wi-Fi only',
    });
    expect(conflictsOf(out)).toEqual([]);
    expect(ticketSchema.safeParse(t).success).toBe(true);
  });

  it('baseFor gives the stamps the author saw, null for never-stamped fields', () => {
    expect(baseFor(incident(), { title: 'x', category: 'y' })).toEqual({
      title: created,
      category: null,
    });
  });

  it('re-derives priority when impact or urgency change and records it', () => {
    const t = putOf(
      run(
        'ticket.setFields',
        set({ impact: 1, urgency: 1 }, { impact: created, urgency: created }),
        loadedWith({ tickets: [incident()] }),
        ctxFor(actors.agentA),
      ),
      'ticket',
    );
    expect(t.priority).toBe(1);
    expect(
      t.events
        .slice(-3)
        .map((e) => (e.kind === 'field' ? `${e.field}:${String(e.from)}>${String(e.to)}` : e.kind)),
    ).toEqual(['impact:2>1', 'urgency:2>1', 'priority:3>1']);
  });

  it('records reassignments as field events', () => {
    const t = putOf(
      run(
        'ticket.setFields',
        set({ assigneeId: ids.agentA }, { assigneeId: created }),
        loadedWith({ tickets: [incident()] }),
        ctxFor(actors.agentA),
      ),
      'ticket',
    );
    expect(t.events.at(-1)).toMatchObject({
      kind: 'field',
      field: 'assigneeId',
      from: null,
      to: ids.agentA,
    });
  });

  it('a concurrent newer edit wins and the overwritten author gets a conflict', () => {
    // Bob (agentB's clock is behind) wrote first on the hub; Ana's offline edit is newer.
    const current = incident({
      title: "Bob's title",
      stamps: { title: { hlc: stamp(30_000, 'client-b'), by: ids.leadA } },
    });
    const out = run(
      'ticket.setFields',
      set({ title: "Ana's title" }, { title: created }, current),
      loadedWith({ tickets: [current] }),
      ctxFor(actors.agentA),
    );
    expect(putOf(out, 'ticket').title).toBe("Ana's title");
    expect(conflictsOf(out)).toEqual([
      expect.objectContaining({
        userId: ids.leadA,
        ticketId: current.id,
        field: 'title',
        mine: "Bob's title",
        theirs: "Ana's title",
        theirsBy: ids.agentA,
        code: 'FIELD_OVERWRITTEN',
        mutation: 'ticket.setFields@1',
        at: T0 + 60_000,
      }),
    ]);
  });

  it('a concurrent older edit loses and its author gets a conflict; nothing else changes', () => {
    const current = incident({
      title: 'Newer title',
      stamps: { title: { hlc: stamp(90_000, 'client-b'), by: ids.leadA } },
    });
    const out = run(
      'ticket.setFields',
      set({ title: 'Older title' }, { title: created }, current),
      loadedWith({ tickets: [current] }),
      ctxFor(actors.agentA),
    );
    expect(out).toMatchObject({ ok: true });
    expect(out.ok && out.effects.filter((e) => e.type === 'put')).toEqual([]);
    expect(conflictsOf(out)).toEqual([
      expect.objectContaining({
        userId: ids.agentA,
        mine: 'Older title',
        theirs: 'Newer title',
        theirsBy: ids.leadA,
        code: 'FIELD_NOT_APPLIED',
      }),
    ]);
    expect(conflictsOf(out)[0]!.message).toMatch(
      /Your change to the title of INC-new-0301 was not applied/,
    );
  });

  it('merges field by field: one field wins, another loses, in one mutation', () => {
    const current = incident({
      stamps: {
        title: { hlc: stamp(90_000, 'client-b'), by: ids.leadA },
        tags: { hlc: created, by: ids.requester },
      },
    });
    const out = run(
      'ticket.setFields',
      set({ title: 'Mine', tags: ['vpn'] }, { title: created, tags: created }, current),
      loadedWith({ tickets: [current] }),
      ctxFor(actors.agentA),
    );
    const t = putOf(out, 'ticket');
    expect(t.title).toBe(current.title);
    expect(t.tags).toEqual(['vpn']);
    expect(conflictsOf(out).map((c) => c.field)).toEqual(['title']);
  });

  it('conflict ids are the same on every replica (client and hub)', () => {
    const current = incident({
      stamps: { title: { hlc: stamp(90_000, 'client-b'), by: ids.leadA } },
    });
    const go = () =>
      conflictsOf(
        run(
          'ticket.setFields',
          set({ title: 'Mine' }, { title: created }, current),
          loadedWith({ tickets: [current] }),
          ctxFor(actors.agentA),
        ),
      )[0]!.id;
    expect(go()).toBe(go());
    expect(go()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('two agents editing offline converge whatever order the hub applies them in', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 1, max: 100 }),
        fc.boolean(),
        (ta, tb, aFirst) => {
          const start = loadedWith({ tickets: [incident()] });
          const a = {
            args: set({ title: 'A', urgency: 1 }, { title: created, urgency: created }),
            ctx: ctxFor(actors.agentA, ta * 1000, undefined, 'client-a'),
          };
          const b = {
            args: set({ title: 'B', urgency: 3 }, { title: created, urgency: created }),
            ctx: ctxFor(actors.leadA, tb * 1000, undefined, 'client-b'),
          };
          const order = aFirst ? [a, b] : [b, a];
          let loaded = start;
          const conflicts = [];
          for (const m of order) {
            const out = run('ticket.setFields', m.args, loaded, m.ctx);
            conflicts.push(...conflictsOf(out));
            loaded = applyPuts(loaded, out);
          }
          const t = loaded.tickets.get(ids.ticket)!;
          const winner = a.ctx.hlc > b.ctx.hlc ? 'A' : 'B';
          expect(t.title).toBe(winner);
          expect(t.priority).toBe(winner === 'A' ? 2 : 4);
          // Exactly the loser hears about each field.
          expect(conflicts.map((c) => `${c.field}:${String(c.mine)}`).sort()).toEqual(
            winner === 'A' ? ['title:B', 'urgency:3'] : ['title:A', 'urgency:1'],
          );
        },
      ),
    );
  });

  it('a repeated identical write stores its stamp without an event', () => {
    const out = run(
      'ticket.setFields',
      set({ title: incident().title }, { title: created }),
      loadedWith({ tickets: [incident()] }),
      ctxFor(actors.agentA),
    );
    const t = putOf(out, 'ticket');
    expect(t.events).toHaveLength(1);
    expect(t.updatedAt).toBe(T0);
  });

  describe('errors', () => {
    const e = (args: object, ticket: Ticket = incident(), actor = actors.agentA) =>
      errorOf(run('ticket.setFields', args, loadedWith({ tickets: [ticket] }), ctxFor(actor)));

    it('validates args by field', () => {
      expect(e(set({}, {}))).toMatchObject({
        code: 'VALIDATION',
        field: 'fields',
        message: 'fields must change at least one field',
      });
      expect(e(set({ title: 'x' }, {}))).toMatchObject({ code: 'VALIDATION', field: 'base.title' });
      expect(e(set({ priority: 1 }, { priority: null }))).toMatchObject({
        code: 'VALIDATION',
        field: 'fields.priority',
        message: 'fields.priority is not a known field',
      });
      expect(e(set({ state: 'closed' }, { state: null }))).toMatchObject({ field: 'fields.state' });
      expect(e(set({ urgency: 7 }, { urgency: created }))).toMatchObject({
        field: 'fields.urgency',
      });
      expect(e(set({ title: 'x' }, { title: 'yesterday' }))).toMatchObject({ field: 'base.title' });
    });

    it('refuses fields of another ticket type', () => {
      expect(e(set({ risk: 'low' }, { risk: null }))).toMatchObject({
        code: 'VALIDATION',
        field: 'fields.risk',
        message: 'risk is not a field of incident INC-new-0301',
      });
    });

    it('refuses edits of closed tickets', () => {
      expect(
        e(set({ title: 'x' }, { title: created }), incident({ state: 'closed' })),
      ).toMatchObject({
        code: 'GUARD_FAILED',
        field: 'state',
        message: 'INC-new-0301 is closed and can no longer be edited',
      });
    });

    it('refuses a missing ticket', () => {
      expect(
        errorOf(
          run(
            'ticket.setFields',
            set({ title: 'x' }, { title: created }),
            loadedWith(),
            ctxFor(actors.agentA),
          ),
        ),
      ).toMatchObject({ code: 'NOT_FOUND', field: 'ticketId' });
    });

    it('change kind only while New; planned window must stay ordered', () => {
      const change = makeChange({ state: 'assess' });
      expect(
        e(set({ changeKind: 'emergency' }, { changeKind: null }, change), change),
      ).toMatchObject({ code: 'GUARD_FAILED', field: 'fields.changeKind' });
      const planned = makeChange({ plannedStart: T0 + 10_000, plannedEnd: T0 + 20_000 });
      expect(
        e(set({ plannedEnd: T0 + 5_000 }, { plannedEnd: null }, planned), planned),
      ).toMatchObject({ code: 'VALIDATION', field: 'fields.plannedEnd' });
      const ok = run(
        'ticket.setFields',
        set(
          { changeKind: 'emergency', risk: 'high' },
          { changeKind: null, risk: null },
          makeChange(),
        ),
        loadedWith({ tickets: [makeChange()] }),
        ctxFor(actors.agentA),
      );
      expect(putOf(ok, 'ticket')).toMatchObject({ changeKind: 'emergency', risk: 'high' });
    });

    it('a workaround is edited only once the problem is a known error', () => {
      const p = makeProblem({ state: 'root_cause_analysis' });
      expect(e(set({ knownError: { workaround: 'x' } }, { knownError: null }, p), p)).toMatchObject(
        { code: 'GUARD_FAILED', field: 'fields.knownError' },
      );
      const ke = makeProblem({ state: 'known_error', knownError: { workaround: 'old' } });
      const out = run(
        'ticket.setFields',
        set(
          { knownError: { workaround: 'new' }, rootCause: 'DNS' },
          { knownError: null, rootCause: null },
          ke,
        ),
        loadedWith({ tickets: [ke] }),
        ctxFor(actors.agentA),
      );
      expect(putOf(out, 'ticket')).toMatchObject({
        knownError: { workaround: 'new' },
        rootCause: 'DNS',
      });
    });
  });

  describe('authorization', () => {
    const e = (fields: object, actor = actors.agentA, ticket: Ticket = incident()) =>
      errorOf(
        run(
          'ticket.setFields',
          set(fields, Object.fromEntries(Object.keys(fields).map((k) => [k, created])), ticket),
          loadedWith({ tickets: [ticket] }),
          ctxFor(actor),
        ),
      );

    it('agents edit tickets of their queues only', () => {
      expect(e({ title: 'x' })).toBeNull();
      expect(e({ title: 'x' }, actors.agentB)).toMatchObject({ code: 'FORBIDDEN' });
      expect(e({ title: 'x' }, actors.admin)).toBeNull();
    });

    it('moving to another queue needs membership of both, or a lead', () => {
      expect(e({ queueId: ids.queueB })).toMatchObject({
        code: 'FORBIDDEN',
        field: 'fields.queueId',
      });
      expect(
        e({ queueId: ids.queueB }, { ...actors.agentA, queueIds: [ids.queueA, ids.queueB] }),
      ).toBeNull();
      expect(e({ queueId: ids.queueB }, actors.leadA)).toBeNull();
      expect(e({ queueId: ids.queueA })).toBeNull();
    });

    it('requesters may correct title and description of their own tickets only', () => {
      expect(e({ title: 'better title', description: 'more detail' }, actors.requester)).toBeNull();
      expect(e({ urgency: 1 }, actors.requester)).toMatchObject({
        code: 'FORBIDDEN',
        field: 'fields.urgency',
        message: 'Requesters may change only the title and description, not the urgency',
      });
      expect(e({ title: 'x' }, actors.otherRequester)).toMatchObject({ code: 'FORBIDDEN' });
    });

    it('refuses a ticket it cannot load', () => {
      expect(
        errorOf(
          run(
            'ticket.setFields',
            set({ title: 'x' }, { title: created }),
            loadedWith(),
            ctxFor(actors.admin),
          ),
        ),
      ).toMatchObject({ code: 'NOT_FOUND' });
    });
  });
});
