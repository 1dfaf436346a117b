import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { canSeeTicket, canWorkQueue, isChangeManager, isLead, isStaff } from './access';
import { actorSchema } from './actor';
import { conflictFromRejection } from './conflict';
import { domainError, zodToDomainError } from './errors';
import { actors, ids, makeIncident, makeTicket, T0, uuid } from './test-fixtures';
import { ticketSchema } from './ticket';
import type { ConflictId } from '../ids';

describe('access rules', () => {
  const ticket = makeIncident();

  it("who may see a ticket: its queue's staff, its requester, admins", () => {
    expect(canSeeTicket(actors.agentA, ticket)).toBe(true);
    expect(canSeeTicket(actors.requester, ticket)).toBe(true);
    expect(canSeeTicket(actors.admin, ticket)).toBe(true);
    expect(canSeeTicket(actors.agentB, ticket)).toBe(false);
    expect(canSeeTicket(actors.otherRequester, ticket)).toBe(false);
  });

  it('a requester listed as member of a queue still cannot work it', () => {
    expect(canWorkQueue({ ...actors.requester, queueIds: [ids.queueA] }, ids.queueA)).toBe(false);
  });

  it('role helpers: admins hold every role, requesters are not staff', () => {
    expect(isLead(actors.admin) && isChangeManager(actors.admin) && isStaff(actors.admin)).toBe(
      true,
    );
    expect(isLead(actors.agentA)).toBe(false);
    expect(isStaff(actors.requester)).toBe(false);
    expect(isStaff(actors.changeManager)).toBe(true);
  });

  it('actorSchema validates actors', () => {
    expect(actorSchema.parse(actors.leadA)).toEqual(actors.leadA);
    expect(actorSchema.safeParse({ ...actors.leadA, roles: ['boss'] }).success).toBe(false);
  });
});

describe('errors as values', () => {
  it('omits absent optional parts', () => {
    expect(domainError('NOT_FOUND', 'gone')).toEqual({ code: 'NOT_FOUND', message: 'gone' });
  });

  it('names the field of a zod failure, with an optional prefix', () => {
    const s = z.object({ a: z.object({ b: z.number() }) });
    const err = s.safeParse({ a: { b: 'x' } }).error!;
    expect(zodToDomainError(err)).toMatchObject({
      code: 'VALIDATION',
      field: 'a.b',
      message: expect.stringMatching(/^a\.b: /),
    });
    expect(zodToDomainError(err, 'args')).toMatchObject({ field: 'args.a.b' });
    const top = z.string().safeParse(1).error!;
    expect(zodToDomainError(top)).toEqual({ code: 'VALIDATION', message: expect.any(String) });
    expect(zodToDomainError(new z.ZodError([]))).toEqual({
      code: 'VALIDATION',
      message: 'invalid input',
    });
  });

  it('a rejection without details has nobody to blame', () => {
    const c = conflictFromRejection({
      id: uuid(9) as ConflictId,
      userId: ids.agentA,
      ticketId: null,
      mutation: 'kb.publish@1',
      args: {},
      error: { code: 'FORBIDDEN', message: 'no', field: 'to' },
      at: T0,
    });
    expect(c).toMatchObject({ theirsBy: null, theirs: null, field: 'to' });
  });
});

describe('fixtures', () => {
  it('make valid tickets of every type', () => {
    for (const type of ['incident', 'request', 'problem', 'change'] as const) {
      expect(ticketSchema.safeParse(makeTicket(type)).success).toBe(true);
    }
  });
});
