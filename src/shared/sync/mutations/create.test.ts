import { describe, expect, it } from 'vitest';
import { defaultDomainSettings, type DomainSettings } from '../../domain/settings';
import { actors, ids, makeIncident, stamp, T0, uuid } from '../../domain/test-fixtures';
import { ticketSchema, type Ticket } from '../../domain/ticket';
import { ctxFor, errorOf, loadedWith, putOf, run } from './testing';

const newId = uuid(900);
const incidentArgs = {
  id: newId,
  title: 'Outlook crashes on start',
  requesterId: ids.requester,
  queueId: ids.queueA,
  impact: 1,
  urgency: 2,
};
const now = T0 + 60_000;

describe('incident.create@1', () => {
  it('creates a valid New incident with derived priority, stamps and a created event', () => {
    const t = putOf(
      run('incident.create', incidentArgs, loadedWith(), ctxFor(actors.agentA)),
      'ticket',
    );
    expect(ticketSchema.safeParse(t).success).toBe(true);
    expect(t).toMatchObject({
      id: newId,
      type: 'incident',
      state: 'new',
      number: null,
      priority: 2,
      description: '',
      tags: [],
      assigneeId: null,
      createdAt: now,
      updatedAt: now,
      createdBy: ids.agentA,
      reopenCount: 0,
    });
    expect(t.events).toEqual([
      { kind: 'created', at: now, by: ids.agentA, state: 'new', priority: 2, queueId: ids.queueA },
    ]);
    expect(t.stamps.title).toEqual({ hlc: stamp(60_000), by: ids.agentA });
    expect(t.stamps.risk).toBeUndefined();
  });

  it('uses the configured priority matrix', () => {
    const settings: DomainSettings = {
      ...defaultDomainSettings,
      priorityMatrix: [
        [1, 1, 1],
        [2, 3, 4],
        [3, 4, 5],
      ],
    };
    const t = putOf(
      run(
        'incident.create',
        { ...incidentArgs, urgency: 3 },
        loadedWith(),
        ctxFor(actors.agentA, 1, settings),
      ),
      'ticket',
    );
    expect(t.priority).toBe(1);
  });

  it('refuses a second create with the same id', () => {
    const out = run(
      'incident.create',
      incidentArgs,
      loadedWith({ tickets: [makeIncident({ id: newId as Ticket['id'] })] }),
      ctxFor(actors.agentA),
    );
    expect(errorOf(out)).toMatchObject({ code: 'ALREADY_EXISTS', field: 'id' });
  });

  it('validates fields by name', () => {
    expect(
      errorOf(
        run('incident.create', { ...incidentArgs, impact: 0 }, loadedWith(), ctxFor(actors.agentA)),
      ),
    ).toMatchObject({
      code: 'VALIDATION',
      field: 'impact',
      message: 'impact must be 1 (high), 2 (medium) or 3 (low)',
    });
    expect(
      errorOf(
        run('incident.create', { ...incidentArgs, title: '' }, loadedWith(), ctxFor(actors.agentA)),
      ),
    ).toMatchObject({ field: 'title' });
    expect(
      errorOf(
        run(
          'incident.create',
          { ...incidentArgs, state: 'closed' },
          loadedWith(),
          ctxFor(actors.agentA),
        ),
      ),
    ).toMatchObject({
      field: 'state',
      message: 'state is not a known field',
    });
  });

  it('lets requesters raise incidents for themselves only, unassigned', () => {
    const own = run('incident.create', incidentArgs, loadedWith(), ctxFor(actors.requester));
    expect(putOf(own, 'ticket').createdBy).toBe(ids.requester);
    expect(
      errorOf(
        run(
          'incident.create',
          { ...incidentArgs, requesterId: ids.otherRequester },
          loadedWith(),
          ctxFor(actors.requester),
        ),
      ),
    ).toMatchObject({
      code: 'FORBIDDEN',
      field: 'requesterId',
    });
    expect(
      errorOf(
        run(
          'incident.create',
          { ...incidentArgs, assigneeId: ids.agentA },
          loadedWith(),
          ctxFor(actors.requester),
        ),
      ),
    ).toMatchObject({
      code: 'FORBIDDEN',
      field: 'assigneeId',
    });
  });

  it('lets staff log incidents for any caller into any queue', () => {
    const out = run(
      'incident.create',
      { ...incidentArgs, queueId: ids.queueB, assigneeId: ids.agentB },
      loadedWith(),
      ctxFor(actors.agentA),
    );
    expect(putOf(out, 'ticket')).toMatchObject({
      queueId: ids.queueB,
      assigneeId: ids.agentB,
      requesterId: ids.requester,
    });
  });
});

describe('problem.create@1', () => {
  const args = {
    id: newId,
    title: 'Recurring VPN drops',
    queueId: ids.queueA,
    impact: 2,
    urgency: 2,
  };

  it('creates a New problem raised by the staff member', () => {
    const t = putOf(
      run(
        'problem.create',
        { ...args, rootCause: 'unknown yet' },
        loadedWith(),
        ctxFor(actors.agentA),
      ),
      'ticket',
    );
    expect(t).toMatchObject({
      type: 'problem',
      state: 'new',
      requesterId: ids.agentA,
      knownError: null,
      rootCause: 'unknown yet',
    });
    expect(t.stamps.rootCause).toBeDefined();
    expect(ticketSchema.safeParse(t).success).toBe(true);
  });

  it('is refused to requesters and on duplicate ids', () => {
    expect(
      errorOf(run('problem.create', args, loadedWith(), ctxFor(actors.requester))),
    ).toMatchObject({ code: 'FORBIDDEN' });
    expect(
      errorOf(
        run(
          'problem.create',
          args,
          loadedWith({ tickets: [makeIncident({ id: newId as Ticket['id'] })] }),
          ctxFor(actors.agentA),
        ),
      ),
    ).toMatchObject({ code: 'ALREADY_EXISTS' });
  });
});

describe('change.create@1', () => {
  const args = {
    id: newId,
    title: 'Upgrade firewall firmware',
    queueId: ids.queueA,
    impact: 2,
    urgency: 3,
    changeKind: 'normal',
    risk: 'high',
    plannedStart: T0 + 86_400_000,
    plannedEnd: T0 + 90_000_000,
    backoutPlan: 'Reflash the previous image',
  };

  it('creates a New change with its plan and no approvals', () => {
    const t = putOf(run('change.create', args, loadedWith(), ctxFor(actors.agentA)), 'ticket');
    expect(t).toMatchObject({
      type: 'change',
      state: 'new',
      changeKind: 'normal',
      risk: 'high',
      approvals: [],
      implementationPlan: '',
      priority: 4,
    });
    expect(ticketSchema.safeParse(t).success).toBe(true);
  });

  it('rejects a window that ends before it starts, unknown kinds, requesters and duplicates', () => {
    expect(
      errorOf(
        run(
          'change.create',
          { ...args, plannedEnd: args.plannedStart },
          loadedWith(),
          ctxFor(actors.agentA),
        ),
      ),
    ).toMatchObject({ code: 'VALIDATION', field: 'plannedEnd' });
    expect(
      errorOf(
        run('change.create', { ...args, changeKind: 'yolo' }, loadedWith(), ctxFor(actors.agentA)),
      ),
    ).toMatchObject({ field: 'changeKind' });
    expect(
      errorOf(
        run('change.create', { ...args, plannedStart: 12 }, loadedWith(), ctxFor(actors.agentA)),
      ),
    ).toMatchObject({ field: 'plannedStart' });
    expect(
      errorOf(run('change.create', args, loadedWith(), ctxFor(actors.requester))),
    ).toMatchObject({ code: 'FORBIDDEN' });
    expect(
      errorOf(
        run(
          'change.create',
          args,
          loadedWith({ tickets: [makeIncident({ id: newId as Ticket['id'] })] }),
          ctxFor(actors.agentA),
        ),
      ),
    ).toMatchObject({ code: 'ALREADY_EXISTS' });
  });
});
