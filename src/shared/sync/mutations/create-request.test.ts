import { describe, expect, it } from 'vitest';
import { catalogItemSchema } from '../../domain/catalog';
import { defaultDomainSettings, type DomainSettings } from '../../domain/settings';
import { actors, ids, makeIncident, uuid } from '../../domain/test-fixtures';
import { ticketSchema, type Ticket } from '../../domain/ticket';
import { ctxFor, errorOf, loadedWith, putOf, run } from './testing';

const newId = uuid(900);

describe('request.create@1', () => {
  const item = (needsApproval: boolean, active = true) =>
    catalogItemSchema.parse({
      id: uuid(needsApproval ? 401 : 402),
      name: needsApproval ? 'Admin rights' : 'Extra monitor',
      description: '',
      category: 'access',
      defaultQueueId: ids.queueB,
      needsApproval,
      active,
      fields: [
        { key: 'system', label: 'System', kind: 'select', required: true, options: ['crm', 'erp'] },
        { key: 'until', label: 'Until', kind: 'date', required: false },
      ],
    });
  const settings = (active = true): DomainSettings => ({
    ...defaultDomainSettings,
    catalogItems: [item(true, active), item(false)],
  });
  const args = {
    id: newId,
    catalogItemId: uuid(401),
    requesterId: ids.requester,
    requestFields: { system: 'crm' },
  };

  it('starts in Approval when the item needs approval, with item defaults', () => {
    const t = putOf(
      run('request.create', args, loadedWith(), ctxFor(actors.requester, 1, settings())),
      'ticket',
    );
    expect(t).toMatchObject({
      type: 'request',
      state: 'approval',
      title: 'Admin rights',
      queueId: ids.queueB,
      category: 'access',
      impact: 3,
      urgency: 3,
      priority: 5,
      requestFields: { system: 'crm', until: null },
      approval: { required: true, decision: null, decidedBy: null, decidedAt: null, comment: null },
    });
    expect(t.events[0]).toMatchObject({ kind: 'created', state: 'approval' });
    expect(ticketSchema.safeParse(t).success).toBe(true);
  });

  it('starts New without approval when the item needs none', () => {
    const t = putOf(
      run(
        'request.create',
        { ...args, catalogItemId: uuid(402), title: 'Second monitor', queueId: ids.queueA },
        loadedWith(),
        ctxFor(actors.requester, 1, settings()),
      ),
      'ticket',
    );
    expect(t).toMatchObject({
      state: 'new',
      approval: null,
      title: 'Second monitor',
      queueId: ids.queueA,
    });
  });

  it('validates the form against the item', () => {
    const e = (requestFields: object) =>
      errorOf(
        run(
          'request.create',
          { ...args, requestFields },
          loadedWith(),
          ctxFor(actors.requester, 1, settings()),
        ),
      );
    expect(e({})).toMatchObject({
      code: 'VALIDATION',
      field: 'requestFields.system',
      message: 'System is required',
    });
    expect(e({ system: 'sap' })).toMatchObject({ field: 'requestFields.system' });
    expect(e({ system: 'crm', until: '2025-13-01' })).toMatchObject({
      field: 'requestFields.until',
    });
    expect(e({ system: 'crm', colour: 'red' })).toMatchObject({ field: 'requestFields.colour' });
    expect(e({ system: ['crm'] })).toMatchObject({
      code: 'VALIDATION',
      field: 'requestFields.system',
    });
  });

  it('refuses unknown or retired catalogue items', () => {
    expect(
      errorOf(
        run(
          'request.create',
          { ...args, catalogItemId: uuid(499) },
          loadedWith(),
          ctxFor(actors.requester, 1, settings()),
        ),
      ),
    ).toMatchObject({ code: 'NOT_FOUND', field: 'catalogItemId' });
    expect(
      errorOf(
        run('request.create', args, loadedWith(), ctxFor(actors.requester, 1, settings(false))),
      ),
    ).toMatchObject({
      code: 'VALIDATION',
      message: '"Admin rights" is no longer offered in the catalogue',
    });
  });

  it('applies the requester rules and refuses duplicates', () => {
    expect(
      errorOf(
        run(
          'request.create',
          { ...args, requesterId: ids.otherRequester },
          loadedWith(),
          ctxFor(actors.requester, 1, settings()),
        ),
      ),
    ).toMatchObject({ code: 'FORBIDDEN' });
    expect(
      putOf(
        run(
          'request.create',
          { ...args, requesterId: ids.otherRequester },
          loadedWith(),
          ctxFor(actors.agentA, 1, settings()),
        ),
        'ticket',
      ).requesterId,
    ).toBe(ids.otherRequester);
    expect(
      errorOf(
        run(
          'request.create',
          args,
          loadedWith({ tickets: [makeIncident({ id: newId as Ticket['id'] })] }),
          ctxFor(actors.requester, 1, settings()),
        ),
      ),
    ).toMatchObject({ code: 'ALREADY_EXISTS' });
  });
});
