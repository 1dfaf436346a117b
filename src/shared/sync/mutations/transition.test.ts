import { describe, expect, it } from 'vitest';
import {
  actors,
  ids,
  makeIncident,
  makeProblem,
  makeRequest,
  T0,
} from '../../domain/test-fixtures';
import { ticketSchema, type Ticket } from '../../domain/ticket';
import { ticketTransition } from './transition';
import { ctxFor, errorOf, loadedWith, putOf, run } from './testing';

const resolution = { code: 'fixed', notes: 'Reinstalled the VPN client.' };
const go = (ticket: Ticket, args: object, actor = actors.agentA) =>
  run(
    'ticket.transition',
    { ticketId: ticket.id, ...args },
    loadedWith({ tickets: [ticket] }),
    ctxFor(actor),
  );

describe('ticket.transition@1', () => {
  it('moves the ticket and appends a state event at the stamp time', () => {
    const t = putOf(go(makeIncident(), { from: 'new', to: 'in_progress' }), 'ticket');
    expect(t.state).toBe('in_progress');
    expect(t.events.at(-1)).toEqual({
      kind: 'state',
      at: T0 + 60_000,
      by: ids.agentA,
      from: 'new',
      to: 'in_progress',
      holdReason: null,
    });
    expect(ticketSchema.safeParse(t).success).toBe(true);
  });

  it('resolves with a resolution and holds with a reason', () => {
    const ip = makeIncident({ state: 'in_progress' });
    expect(
      putOf(go(ip, { from: 'in_progress', to: 'resolved', resolution }), 'ticket'),
    ).toMatchObject({ state: 'resolved', resolution });
    expect(
      putOf(
        go(ip, { from: 'in_progress', to: 'on_hold', holdReason: 'awaiting_caller' }),
        'ticket',
      ),
    ).toMatchObject({ state: 'on_hold', holdReason: 'awaiting_caller' });
  });

  it('a reopen by the requester increments reopenCount', () => {
    const t = putOf(
      go(
        makeIncident({ state: 'resolved', resolution: resolution as never }),
        { from: 'resolved', to: 'in_progress' },
        actors.requester,
      ),
      'ticket',
    );
    expect(t).toMatchObject({ state: 'in_progress', reopenCount: 1, resolution: null });
  });

  it('a known error takes its workaround from the transition', () => {
    const t = putOf(
      go(makeProblem({ state: 'root_cause_analysis' }), {
        from: 'root_cause_analysis',
        to: 'known_error',
        workaround: 'Use the web client',
      }),
      'ticket',
    );
    expect(t).toMatchObject({
      state: 'known_error',
      knownError: { workaround: 'Use the web client' },
    });
  });

  it('TRANSITION_CONFLICT when someone moved the ticket meanwhile, saying who', () => {
    const closed = makeIncident({
      state: 'resolved',
      number: 'INC0001234',
      resolution: resolution as never,
      events: [
        ...makeIncident().events,
        {
          kind: 'state',
          at: T0 + 5,
          by: ids.leadA,
          from: 'in_progress',
          to: 'resolved',
          holdReason: null,
        },
      ],
    });
    expect(
      errorOf(go(closed, { from: 'in_progress', to: 'on_hold', holdReason: 'awaiting_vendor' })),
    ).toEqual({
      code: 'TRANSITION_CONFLICT',
      message: `INC0001234 was resolved by ${ids.leadA} while you were offline`,
      field: 'from',
      details: { state: 'resolved', by: ids.leadA, at: T0 + 5, number: 'INC0001234' },
    });
  });

  it('TRANSITION_CONFLICT without history names the real state', () => {
    expect(
      errorOf(go(makeIncident(), { from: 'in_progress', to: 'resolved', resolution })),
    ).toMatchObject({
      code: 'TRANSITION_CONFLICT',
      message: 'INC-new-0301 is New, not In Progress',
    });
    const held = makeIncident({
      state: 'on_hold',
      events: [
        ...makeIncident().events,
        {
          kind: 'state',
          at: T0 + 5,
          by: ids.leadA,
          from: 'in_progress',
          to: 'on_hold',
          holdReason: 'awaiting_caller',
        },
      ],
    });
    expect(errorOf(go(held, { from: 'in_progress', to: 'resolved', resolution }))?.message).toMatch(
      /was put on hold by/,
    );
    const assessed = makeProblem({
      state: 'assessed',
      events: [
        ...makeProblem().events,
        { kind: 'state', at: T0 + 5, by: ids.leadA, from: 'new', to: 'assessed', holdReason: null },
      ],
    });
    expect(errorOf(go(assessed, { from: 'new', to: 'assessed' }))?.message).toMatch(
      /was moved to Assessed by/,
    );
  });

  it('INVALID_TRANSITION and GUARD_FAILED pass through with the field', () => {
    expect(errorOf(go(makeIncident(), { from: 'new', to: 'closed' }))).toMatchObject({
      code: 'INVALID_TRANSITION',
      field: 'to',
    });
    expect(
      errorOf(go(makeIncident({ state: 'in_progress' }), { from: 'in_progress', to: 'resolved' })),
    ).toMatchObject({ code: 'GUARD_FAILED', field: 'resolution' });
  });

  it('validates args by field', () => {
    expect(
      errorOf(go(makeIncident(), { from: 'new', to: 'on_hold', holdReason: 'lunch' })),
    ).toMatchObject({ code: 'VALIDATION', field: 'holdReason' });
    expect(errorOf(go(makeIncident(), { from: 'new', to: '' }))).toMatchObject({
      code: 'VALIDATION',
      field: 'to',
    });
    expect(
      errorOf(go(makeIncident(), { from: 'new', to: 'resolved', resolution: { code: 'fixed' } })),
    ).toMatchObject({
      code: 'VALIDATION',
      field: 'resolution.notes',
      message: 'resolution.notes must be text',
    });
  });

  describe('authorization', () => {
    const resolved = makeIncident({ state: 'resolved', resolution: resolution as never });

    it('agents of other queues and other requesters are refused', () => {
      expect(
        errorOf(go(makeIncident(), { from: 'new', to: 'in_progress' }, actors.agentB)),
      ).toMatchObject({ code: 'FORBIDDEN' });
      expect(
        errorOf(go(resolved, { from: 'resolved', to: 'closed' }, actors.otherRequester)),
      ).toMatchObject({ code: 'FORBIDDEN' });
    });

    it('the requester may confirm, reject or withdraw, nothing else', () => {
      expect(
        putOf(go(resolved, { from: 'resolved', to: 'closed' }, actors.requester), 'ticket').state,
      ).toBe('closed');
      expect(
        putOf(go(makeIncident(), { from: 'new', to: 'cancelled' }, actors.requester), 'ticket')
          .state,
      ).toBe('cancelled');
      expect(
        putOf(
          go(
            makeRequest({ state: 'fulfilled' }),
            { from: 'fulfilled', to: 'in_progress' },
            actors.requester,
          ),
          'ticket',
        ).reopenCount,
      ).toBe(1);
      expect(
        errorOf(go(makeIncident(), { from: 'new', to: 'in_progress' }, actors.requester)),
      ).toMatchObject({ code: 'FORBIDDEN' });
    });

    it("a requester's late confirmation of a ticket reopened meanwhile is a conflict, not a refusal", () => {
      const reopened = makeIncident({ state: 'in_progress' });
      expect(
        errorOf(go(reopened, { from: 'resolved', to: 'closed' }, actors.requester)),
      ).toMatchObject({ code: 'TRANSITION_CONFLICT' });
    });

    it('a missing ticket is NOT_FOUND in authorize and apply', () => {
      const args = { ticketId: ids.ticket2, from: 'new', to: 'in_progress' };
      expect(
        errorOf(run('ticket.transition', args, loadedWith(), ctxFor(actors.admin))),
      ).toMatchObject({ code: 'NOT_FOUND' });
      expect(
        errorOf(ticketTransition.apply(loadedWith(), args as never, ctxFor(actors.admin))),
      ).toMatchObject({ code: 'NOT_FOUND' });
    });
  });
});
