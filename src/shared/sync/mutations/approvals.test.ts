import { describe, expect, it } from 'vitest';
import { actors, ids, makeChange, makeIncident, makeRequest, T0 } from '../../domain/test-fixtures';
import type { Ticket } from '../../domain/ticket';
import { checkTransition } from '../../domain/workflow/transitions';
import { changeApprove, requestApprove } from './approvals';
import { applyPuts, ctxFor, errorOf, loadedWith, putOf, run } from './testing';

const now = T0 + 60_000;

describe('change.approve@1', () => {
  const authorize = makeChange({
    state: 'authorize',
    plannedStart: T0 + 1e6,
    plannedEnd: T0 + 2e6,
  });
  const approve = (ticket: Ticket, args: object, actor = actors.changeManager) =>
    run(
      'change.approve',
      { ticketId: ticket.id, ...args },
      loadedWith({ tickets: [ticket] }),
      ctxFor(actor),
    );

  it('records a CAB approval that unblocks scheduling', () => {
    const t = putOf(approve(authorize, { decision: 'approved', comment: 'Go ahead' }), 'ticket');
    expect(t.type === 'change' && t.approvals).toEqual([
      {
        userId: ids.changeManager,
        decision: 'approved',
        at: now,
        comment: 'Go ahead',
        emergency: false,
      },
    ]);
    expect(t.events.at(-1)).toMatchObject({
      kind: 'field',
      field: 'approvals',
      from: null,
      to: { decision: 'approved' },
    });
    expect(checkTransition(t, 'scheduled', {}, actors.agentA).ok).toBe(true);
  });

  it('a rejection blocks scheduling; a manager changing their mind replaces their decision', () => {
    let loaded = loadedWith({ tickets: [authorize] });
    loaded = applyPuts(
      loaded,
      run(
        'change.approve',
        { ticketId: authorize.id, decision: 'rejected' },
        loaded,
        ctxFor(actors.changeManager),
      ),
    );
    expect(
      checkTransition(loaded.tickets.get(authorize.id)!, 'scheduled', {}, actors.agentA),
    ).toMatchObject({ ok: false, error: { field: 'approvals' } });
    loaded = applyPuts(
      loaded,
      run(
        'change.approve',
        { ticketId: authorize.id, decision: 'approved' },
        loaded,
        ctxFor(actors.changeManager, 90_000),
      ),
    );
    const t = loaded.tickets.get(authorize.id)!;
    expect(t.type === 'change' && t.approvals.map((a) => a.decision)).toEqual(['approved']);
  });

  it('approvals by several managers are all kept', () => {
    let loaded = loadedWith({ tickets: [authorize] });
    loaded = applyPuts(
      loaded,
      run(
        'change.approve',
        { ticketId: authorize.id, decision: 'approved' },
        loaded,
        ctxFor(actors.changeManager),
      ),
    );
    loaded = applyPuts(
      loaded,
      run(
        'change.approve',
        { ticketId: authorize.id, decision: 'approved' },
        loaded,
        ctxFor(actors.admin),
      ),
    );
    const t = loaded.tickets.get(authorize.id)!;
    expect(t.type === 'change' && t.approvals.map((a) => a.userId)).toEqual([
      ids.changeManager,
      ids.admin,
    ]);
  });

  it('an emergency approval is recorded for emergency changes only', () => {
    const emergency = makeChange({
      state: 'authorize',
      changeKind: 'emergency',
      plannedStart: T0 + 1e6,
      plannedEnd: T0 + 2e6,
    });
    const t = putOf(approve(emergency, { decision: 'approved', emergency: true }), 'ticket');
    expect(checkTransition(t, 'scheduled', {}, actors.agentA).ok).toBe(true);
    expect(errorOf(approve(authorize, { decision: 'approved', emergency: true }))).toMatchObject({
      code: 'VALIDATION',
      field: 'emergency',
    });
  });

  it('refuses non-managers, other states, other ticket types and bad args', () => {
    expect(errorOf(approve(authorize, { decision: 'approved' }, actors.agentA))).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(
      errorOf(approve(makeChange({ state: 'assess' }), { decision: 'approved' })),
    ).toMatchObject({ code: 'GUARD_FAILED', field: 'state' });
    expect(errorOf(approve(makeIncident(), { decision: 'approved' }))).toMatchObject({
      code: 'VALIDATION',
      field: 'ticketId',
    });
    expect(errorOf(approve(authorize, { decision: 'maybe' }))).toMatchObject({
      code: 'VALIDATION',
      field: 'decision',
    });
    expect(
      errorOf(
        run(
          'change.approve',
          { ticketId: ids.ticket2, decision: 'approved' },
          loadedWith(),
          ctxFor(actors.changeManager),
        ),
      ),
    ).toMatchObject({ code: 'NOT_FOUND' });
    expect(
      errorOf(
        changeApprove.apply(
          loadedWith(),
          { ticketId: ids.ticket2 } as never,
          ctxFor(actors.changeManager),
        ),
      ),
    ).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('request.approve@1', () => {
  const pending = makeRequest({
    state: 'approval',
    approval: { required: true, decidedBy: null, decidedAt: null, decision: null, comment: null },
  });
  const decide = (ticket: Ticket, args: object, actor = actors.leadA) =>
    run(
      'request.approve',
      { ticketId: ticket.id, ...args },
      loadedWith({ tickets: [ticket] }),
      ctxFor(actor),
    );

  it('approval records the decision and starts work', () => {
    const t = putOf(decide(pending, { decision: 'approved', comment: 'Budget OK' }), 'ticket');
    expect(t).toMatchObject({
      state: 'in_progress',
      approval: {
        required: true,
        decidedBy: ids.leadA,
        decidedAt: now,
        decision: 'approved',
        comment: 'Budget OK',
      },
    });
    expect(t.events.slice(-2).map((e) => e.kind)).toEqual(['field', 'state']);
    expect(t.events.at(-1)).toMatchObject({ from: 'approval', to: 'in_progress' });
  });

  it('rejection ends the request as Rejected', () => {
    expect(putOf(decide(pending, { decision: 'rejected' }), 'ticket')).toMatchObject({
      state: 'rejected',
      approval: { decision: 'rejected', comment: null },
    });
  });

  it('a request decided meanwhile is a TRANSITION_CONFLICT naming who decided', () => {
    const decided = makeRequest({
      state: 'in_progress',
      approval: {
        required: true,
        decidedBy: ids.admin,
        decidedAt: T0,
        decision: 'approved',
        comment: null,
      },
      events: [
        ...makeRequest().events,
        {
          kind: 'state',
          at: T0 + 9,
          by: ids.admin,
          from: 'approval',
          to: 'in_progress',
          holdReason: null,
        },
      ],
    });
    expect(errorOf(decide(decided, { decision: 'rejected' }))).toMatchObject({
      code: 'TRANSITION_CONFLICT',
      details: { by: ids.admin },
    });
  });

  it('only leads of the queue (or admins) decide', () => {
    expect(errorOf(decide(pending, { decision: 'approved' }, actors.agentA))).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(
      errorOf(
        decide(pending, { decision: 'approved' }, { ...actors.leadA, queueIds: [ids.queueB] }),
      ),
    ).toMatchObject({ code: 'FORBIDDEN' });
    expect(errorOf(decide(pending, { decision: 'approved' }, actors.requester))).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(putOf(decide(pending, { decision: 'approved' }, actors.admin), 'ticket').state).toBe(
      'in_progress',
    );
  });

  it('refuses other ticket types and missing tickets', () => {
    expect(errorOf(decide(makeIncident(), { decision: 'approved' }))).toMatchObject({
      code: 'VALIDATION',
      field: 'ticketId',
    });
    expect(
      errorOf(
        run(
          'request.approve',
          { ticketId: ids.ticket2, decision: 'approved' },
          loadedWith(),
          ctxFor(actors.leadA),
        ),
      ),
    ).toMatchObject({ code: 'NOT_FOUND' });
    expect(
      errorOf(
        requestApprove.apply(
          loadedWith(),
          { ticketId: ids.ticket2 } as never,
          ctxFor(actors.leadA),
        ),
      ),
    ).toMatchObject({ code: 'NOT_FOUND' });
  });
});
