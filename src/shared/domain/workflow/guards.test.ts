import { describe, expect, it } from 'vitest';
import {
  actors,
  ids,
  makeChange,
  makeIncident,
  makeProblem,
  makeRequest,
  T0,
} from '../test-fixtures';
import type { Ticket } from '../ticket';
import {
  applyTransition,
  availableTransitions,
  checkTransition,
  dueForAutoClose,
  transitionTicket,
} from './transitions';

const resolution = { code: 'fixed' as const, notes: 'Replaced the VPN profile.' };
const code = (r: ReturnType<typeof checkTransition>) => (r.ok ? 'ok' : r.error.code);

describe('guards name the missing field', () => {
  it('resolving an incident needs a resolution', () => {
    const r = checkTransition(
      makeIncident({ state: 'in_progress' }),
      'resolved',
      {},
      actors.agentA,
    );
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'GUARD_FAILED',
        message: 'resolving needs a resolution code and notes',
        field: 'resolution',
      },
    });
  });

  it('putting on hold needs a reason', () => {
    const r = checkTransition(
      makeIncident({ state: 'in_progress' }),
      'on_hold',
      { holdReason: null },
      actors.agentA,
    );
    expect(r).toMatchObject({ ok: false, error: { code: 'GUARD_FAILED', field: 'holdReason' } });
  });

  it('a known error needs a workaround unless it already has one', () => {
    const rca = makeProblem({ state: 'root_cause_analysis' });
    expect(checkTransition(rca, 'known_error', { workaround: '  ' }, actors.agentA)).toMatchObject({
      ok: false,
      error: { code: 'GUARD_FAILED', field: 'workaround' },
    });
    const withWorkaround = makeProblem({
      state: 'root_cause_analysis',
      knownError: { workaround: 'Use webmail.' },
    });
    expect(code(checkTransition(withWorkaround, 'known_error', {}, actors.agentA))).toBe('ok');
  });

  it('a CAB rejection blocks scheduling even with approvals', () => {
    const change = makeChange({
      state: 'authorize',
      plannedStart: T0 + 1000,
      plannedEnd: T0 + 2000,
      approvals: [
        { userId: ids.changeManager, decision: 'approved', at: T0, comment: '', emergency: false },
        { userId: ids.admin, decision: 'rejected', at: T0, comment: 'too risky', emergency: false },
      ],
    });
    expect(checkTransition(change, 'scheduled', {}, actors.agentA)).toMatchObject({
      ok: false,
      error: {
        code: 'GUARD_FAILED',
        field: 'approvals',
        message: expect.stringMatching(/rejected/),
      },
    });
  });

  it('an emergency change needs an emergency approval, not just any approval', () => {
    const change = makeChange({
      state: 'authorize',
      changeKind: 'emergency',
      plannedStart: T0 + 1000,
      plannedEnd: T0 + 2000,
      approvals: [
        { userId: ids.changeManager, decision: 'approved', at: T0, comment: '', emergency: false },
      ],
    });
    expect(checkTransition(change, 'scheduled', {}, actors.agentA)).toMatchObject({
      ok: false,
      error: {
        code: 'GUARD_FAILED',
        field: 'approvals',
        message: expect.stringMatching(/emergency approval/),
      },
    });
  });

  it('scheduling needs a planned window', () => {
    const approvals = [
      {
        userId: ids.changeManager,
        decision: 'approved' as const,
        at: T0,
        comment: '',
        emergency: false,
      },
    ];
    const noEnd = makeChange({ state: 'authorize', approvals, plannedStart: T0 + 1000 });
    expect(checkTransition(noEnd, 'scheduled', {}, actors.agentA)).toMatchObject({
      ok: false,
      error: { code: 'GUARD_FAILED', field: 'plannedEnd' },
    });
    const standard = makeChange({ changeKind: 'standard' });
    expect(checkTransition(standard, 'scheduled', {}, actors.agentA)).toMatchObject({
      ok: false,
      error: { code: 'GUARD_FAILED', field: 'plannedStart' },
    });
  });

  it('explains why an edge does not exist for this kind of change', () => {
    const r = checkTransition(makeChange({ changeKind: 'standard' }), 'assess', {}, actors.agentA);
    expect(r).toMatchObject({
      ok: false,
      error: {
        code: 'INVALID_TRANSITION',
        message: 'A change cannot go from New to Assess: only a normal change is assessed',
      },
    });
  });
});

describe('who may take a transition', () => {
  const resolved = makeIncident({ state: 'resolved', resolution });

  it('agents of the queue may, agents of other queues may not', () => {
    const ip = makeIncident({ state: 'in_progress' });
    expect(code(checkTransition(ip, 'resolved', { resolution }, actors.agentA))).toBe('ok');
    expect(code(checkTransition(ip, 'resolved', { resolution }, actors.agentB))).toBe('FORBIDDEN');
  });

  it('the requester may confirm or reject a resolution of their own ticket only', () => {
    expect(code(checkTransition(resolved, 'closed', {}, actors.requester))).toBe('ok');
    expect(code(checkTransition(resolved, 'in_progress', {}, actors.requester))).toBe('ok');
    expect(code(checkTransition(resolved, 'closed', {}, actors.otherRequester))).toBe('FORBIDDEN');
  });

  it('the requester cannot work their ticket', () => {
    const ip = makeIncident({ state: 'in_progress' });
    expect(code(checkTransition(ip, 'resolved', { resolution }, actors.requester))).toBe(
      'FORBIDDEN',
    );
    expect(code(checkTransition(makeIncident(), 'cancelled', {}, actors.requester))).toBe('ok');
  });

  it('availableTransitions offers the requester only confirm / reopen', () => {
    expect(availableTransitions(resolved, actors.requester).map((t) => t.to)).toEqual([
      'closed',
      'in_progress',
    ]);
    expect(availableTransitions(resolved, actors.otherRequester)).toEqual([]);
    expect(availableTransitions(makeIncident({ state: 'in_progress' }), actors.requester)).toEqual(
      [],
    );
  });

  it('availableTransitions lists what the form must collect and hides blocked edges', () => {
    expect(availableTransitions(makeIncident({ state: 'in_progress' }), actors.agentA)).toEqual([
      { to: 'on_hold', label: 'On Hold', needs: ['holdReason'], reopen: false },
      { to: 'resolved', label: 'Resolved', needs: ['resolution'], reopen: false },
      { to: 'cancelled', label: 'Cancelled', needs: [], reopen: false },
    ]);
    expect(
      availableTransitions(resolved, actors.agentA).find((t) => t.to === 'in_progress')?.reopen,
    ).toBe(true);
    expect(
      availableTransitions(makeChange({ state: 'authorize' }), actors.agentA).map((t) => t.to),
    ).toEqual(['cancelled']);
    expect(
      availableTransitions(makeChange({ changeKind: 'emergency' }), actors.agentA).map((t) => t.to),
    ).toEqual(['authorize', 'cancelled']);
  });
});

describe('applying a transition', () => {
  it('resolving records the resolution, a state event and a resolution field event', () => {
    const r = transitionTicket(
      makeIncident({ state: 'in_progress' }),
      'resolved',
      { resolution },
      actors.agentA,
      T0 + 5000,
    );
    if (!r.ok) throw new Error(r.error.message);
    expect(r.ticket).toMatchObject({
      state: 'resolved',
      resolution,
      updatedAt: T0 + 5000,
      holdReason: null,
    });
    expect(r.ticket.events.slice(-2)).toEqual([
      {
        kind: 'state',
        at: T0 + 5000,
        by: ids.agentA,
        from: 'in_progress',
        to: 'resolved',
        holdReason: null,
      },
      {
        kind: 'field',
        at: T0 + 5000,
        by: ids.agentA,
        field: 'resolution',
        from: null,
        to: resolution,
      },
    ]);
  });

  it('a reopen counts, clears the resolution and keeps it in history', () => {
    const r = transitionTicket(
      makeIncident({ state: 'resolved', resolution }),
      'in_progress',
      {},
      actors.requester,
      T0 + 1,
    );
    if (!r.ok) throw new Error(r.error.message);
    expect(r.ticket).toMatchObject({ state: 'in_progress', reopenCount: 1, resolution: null });
    expect(r.ticket.events.at(-1)).toMatchObject({
      kind: 'field',
      field: 'resolution',
      from: resolution,
      to: null,
    });
  });

  it('holding sets the reason on the ticket and the event; resuming clears it', () => {
    const held = transitionTicket(
      makeIncident({ state: 'in_progress' }),
      'on_hold',
      { holdReason: 'awaiting_vendor' },
      actors.agentA,
      T0 + 1,
    );
    if (!held.ok) throw new Error(held.error.message);
    expect(held.ticket.holdReason).toBe('awaiting_vendor');
    expect(held.ticket.events.at(-1)).toMatchObject({
      kind: 'state',
      holdReason: 'awaiting_vendor',
    });
    const resumed = transitionTicket(held.ticket, 'in_progress', {}, actors.agentA, T0 + 2);
    if (!resumed.ok) throw new Error(resumed.error.message);
    expect(resumed.ticket.holdReason).toBeNull();
  });

  it('entering Known Error stores the trimmed workaround', () => {
    const r = transitionTicket(
      makeProblem({ state: 'root_cause_analysis' }),
      'known_error',
      { workaround: ' Use webmail. ' },
      actors.agentA,
      T0 + 1,
    );
    if (!r.ok) throw new Error(r.error.message);
    expect(r.ticket.type === 'problem' && r.ticket.knownError).toEqual({
      workaround: 'Use webmail.',
    });
  });

  it('returns the error and leaves the ticket alone when refused', () => {
    const t = makeIncident();
    const r = transitionTicket(t, 'closed', {}, actors.agentA, T0 + 1);
    expect(r.ok).toBe(false);
    expect(t.state).toBe('new');
  });

  it('never moves updatedAt before createdAt', () => {
    const t = makeIncident({ state: 'in_progress' });
    const next = applyTransition(t, { to: 'cancelled' }, {}, ids.agentA, T0 - 10);
    expect(next.updatedAt).toBe(T0);
  });
});

describe('dueForAutoClose', () => {
  const day = 86_400_000;
  const resolvedAt = (t: Ticket) =>
    ({
      ...t,
      events: [
        ...t.events,
        {
          kind: 'state',
          at: T0 + day,
          by: ids.agentA,
          from: 'in_progress',
          to: t.state,
          holdReason: null,
        },
      ],
    }) as Ticket;

  it('closes resolved incidents and fulfilled requests after N days since resolution', () => {
    const inc = resolvedAt(makeIncident({ state: 'resolved', resolution }));
    expect(dueForAutoClose(inc, 5, T0 + 6 * day - 1)).toBe(false);
    expect(dueForAutoClose(inc, 5, T0 + 6 * day)).toBe(true);
    expect(dueForAutoClose(resolvedAt(makeRequest({ state: 'fulfilled' })), 5, T0 + 6 * day)).toBe(
      true,
    );
  });

  it('never with 0 days, and never for other states or problems', () => {
    expect(dueForAutoClose(makeIncident({ state: 'resolved', resolution }), 0, T0 + 99 * day)).toBe(
      false,
    );
    expect(dueForAutoClose(makeIncident({ state: 'in_progress' }), 5, T0 + 99 * day)).toBe(false);
    expect(dueForAutoClose(makeProblem({ state: 'resolved' }), 5, T0 + 99 * day)).toBe(false);
    expect(dueForAutoClose(makeIncident({ state: 'resolved', resolution }), 5, T0 + 5 * day)).toBe(
      true,
    );
  });
});
