import { describe, expect, it } from 'vitest';
import { knowledgeArticleSchema } from '../../domain/knowledge';
import { linkSchema } from '../../domain/link';
import {
  actors,
  ids,
  makeChange,
  makeIncident,
  makeProblem,
  T0,
  uuid,
} from '../../domain/test-fixtures';
import type { Ticket } from '../../domain/ticket';
import { ticketAddComment } from './comment';
import { ticketLink } from './link';
import { ctxFor, errorOf, loadedWith, putOf, run } from './testing';
import type { Effect, MutationOutcome } from './types';
import { ticketAttach, ticketLogWork } from './work';

const inserted = (out: MutationOutcome, entity: string) => {
  if (!out.ok) throw new Error(out.error.message);
  return (
    out.effects.find((e) => e.type === 'insert' && e.entity === entity) as Extract<
      Effect,
      { type: 'insert' }
    >
  ).value;
};
const now = T0 + 60_000;

describe('ticket.addComment@1', () => {
  const args = (o: object = {}) => ({
    id: uuid(500),
    ticketId: ids.ticket,
    body: 'Can you try again?',
    visibility: 'public',
    ...o,
  });
  const comment = (ticket: Ticket, actor = actors.agentA, o: object = {}) =>
    run('ticket.addComment', args(o), loadedWith({ tickets: [ticket] }), ctxFor(actor));

  it('inserts the comment by id with author and time', () => {
    expect(inserted(comment(makeIncident()), 'comment')).toEqual({
      id: uuid(500),
      ticketId: ids.ticket,
      body: 'Can you try again?',
      visibility: 'public',
      authorId: ids.agentA,
      createdAt: now,
    });
  });

  it('the first public reply by staff records that the desk responded', () => {
    const t = putOf(comment(makeIncident()), 'ticket');
    expect(t.events.at(-1)).toEqual({ kind: 'responded', at: now, by: ids.agentA });
  });

  it("later replies, internal notes and the requester's own comments do not", () => {
    const responded = makeIncident({
      events: [...makeIncident().events, { kind: 'responded', at: T0 + 1, by: ids.agentA }],
    });
    const noPut = (out: MutationOutcome) => out.ok && out.effects.every((e) => e.type !== 'put');
    expect(noPut(comment(responded))).toBe(true);
    expect(noPut(comment(makeIncident(), actors.agentA, { visibility: 'internal' }))).toBe(true);
    expect(noPut(comment(makeIncident(), actors.requester))).toBe(true);
  });

  it('requesters comment publicly on their own tickets only', () => {
    expect(
      errorOf(comment(makeIncident(), actors.requester, { visibility: 'internal' })),
    ).toMatchObject({ code: 'FORBIDDEN', field: 'visibility' });
    expect(errorOf(comment(makeIncident(), actors.otherRequester))).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(errorOf(comment(makeIncident(), actors.agentB))).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('validates the body and a missing ticket', () => {
    expect(errorOf(comment(makeIncident(), actors.agentA, { body: ' ' }))).toMatchObject({
      code: 'VALIDATION',
      field: 'body',
    });
    expect(
      errorOf(run('ticket.addComment', args(), loadedWith(), ctxFor(actors.agentA))),
    ).toMatchObject({ code: 'NOT_FOUND' });
    expect(
      errorOf(ticketAddComment.apply(loadedWith(), args() as never, ctxFor(actors.agentA))),
    ).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('ticket.logWork@1', () => {
  const args = { id: uuid(501), ticketId: ids.ticket, minutes: 45, workDate: '2025-03-03' };
  const log = (actor = actors.agentA, a: object = args) =>
    run('ticket.logWork', a, loadedWith({ tickets: [makeIncident()] }), ctxFor(actor));

  it('inserts a worklog for the actor', () => {
    expect(inserted(log(), 'worklog')).toEqual({
      ...args,
      note: '',
      userId: ids.agentA,
      createdAt: now,
    });
  });

  it('validates minutes and date, and only queue staff may log', () => {
    expect(errorOf(log(actors.agentA, { ...args, minutes: 0 }))).toMatchObject({
      code: 'VALIDATION',
      field: 'minutes',
    });
    expect(errorOf(log(actors.agentA, { ...args, workDate: '2025-02-29' }))).toMatchObject({
      code: 'VALIDATION',
      field: 'workDate',
    });
    expect(errorOf(log(actors.requester))).toMatchObject({ code: 'FORBIDDEN' });
    expect(errorOf(log(actors.agentB))).toMatchObject({ code: 'FORBIDDEN' });
    expect(errorOf(run('ticket.logWork', args, loadedWith(), ctxFor(actors.agentA)))).toMatchObject(
      { code: 'NOT_FOUND' },
    );
    expect(
      errorOf(ticketLogWork.apply(loadedWith(), args as never, ctxFor(actors.agentA))),
    ).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('ticket.attach@1', () => {
  const args = {
    id: uuid(502),
    ticketId: ids.ticket,
    name: 'error.png',
    size: 1234,
    mime: 'image/png',
    sha256: 'ab'.repeat(32),
  };
  const attach = (actor = actors.agentA, a: object = args) =>
    run('ticket.attach', a, loadedWith({ tickets: [makeIncident()] }), ctxFor(actor));

  it('inserts attachment metadata for staff and the requester', () => {
    expect(inserted(attach(), 'attachment')).toEqual({
      ...args,
      uploadedBy: ids.agentA,
      createdAt: now,
    });
    expect(inserted(attach(actors.requester), 'attachment')).toMatchObject({
      uploadedBy: ids.requester,
    });
  });

  it('refuses bad hashes, strangers and missing tickets', () => {
    expect(errorOf(attach(actors.agentA, { ...args, sha256: 'XYZ' }))).toMatchObject({
      code: 'VALIDATION',
      field: 'sha256',
    });
    expect(errorOf(attach(actors.otherRequester))).toMatchObject({ code: 'FORBIDDEN' });
    expect(errorOf(run('ticket.attach', args, loadedWith(), ctxFor(actors.agentA)))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(
      errorOf(ticketAttach.apply(loadedWith(), args as never, ctxFor(actors.agentA))),
    ).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('ticket.link@1', () => {
  const incident = makeIncident();
  const problem = makeProblem({ id: ids.ticket2 });
  const change = makeChange({ id: uuid(303) as Ticket['id'] });
  const article = knowledgeArticleSchema.parse({
    id: uuid(600),
    number: null,
    title: 'VPN',
    body: 'x',
    kind: 'howto',
    state: 'published',
    audience: 'public',
    category: '',
    tags: [],
    authorId: ids.agentA,
    version: 1,
    createdAt: T0,
    updatedAt: T0,
    publishedAt: T0,
    stamps: {},
  });
  const loaded = loadedWith({ tickets: [incident, problem, change], articles: [article] });
  const link = (args: object, actor = actors.agentA) =>
    run('ticket.link', args, loaded, ctxFor(actor));

  it('links an incident to the problem that caused it', () => {
    const l = inserted(
      link({ fromId: incident.id, kind: 'caused_by', to: { kind: 'ticket', id: problem.id } }),
      'link',
    );
    expect(linkSchema.safeParse(l).success).toBe(true);
    expect(l).toMatchObject({
      kind: 'caused_by',
      fromId: incident.id,
      to: { kind: 'ticket', id: problem.id },
      createdBy: ids.agentA,
      createdAt: now,
    });
  });

  it('stores one direction and one id whichever side the link was made from', () => {
    const a = inserted(
      link({ fromId: incident.id, kind: 'caused_by', to: { kind: 'ticket', id: problem.id } }),
      'link',
    );
    const b = inserted(
      link({ fromId: problem.id, kind: 'caused_by', to: { kind: 'ticket', id: incident.id } }),
      'link',
    );
    expect(b).toEqual(a);
    const r1 = inserted(
      link({ fromId: incident.id, kind: 'related', to: { kind: 'ticket', id: change.id } }),
      'link',
    );
    const r2 = inserted(
      link({ fromId: change.id, kind: 'related', to: { kind: 'ticket', id: incident.id } }),
      'link',
    );
    expect(r1.id).toBe(r2.id);
    const f = inserted(
      link({ fromId: change.id, kind: 'fixed_by', to: { kind: 'ticket', id: problem.id } }),
      'link',
    );
    expect(f).toMatchObject({ fromId: problem.id, to: { id: change.id } });
  });

  it('links tickets to KB articles and CIs', () => {
    expect(
      inserted(
        link({
          fromId: incident.id,
          kind: 'documented_in',
          to: { kind: 'article', id: article.id },
        }),
        'link',
      ),
    ).toMatchObject({ kind: 'documented_in' });
    const ciLoaded = loadedWith({ tickets: [incident], cis: [{ id: uuid(700) } as never] });
    const out = run(
      'ticket.link',
      { fromId: incident.id, kind: 'affects', to: { kind: 'ci', id: uuid(700) } },
      ciLoaded,
      ctxFor(actors.agentA),
    );
    expect(inserted(out, 'link')).toMatchObject({ kind: 'affects' });
  });

  it('refuses links between the wrong kinds of record', () => {
    expect(
      errorOf(
        link({ fromId: incident.id, kind: 'fixed_by', to: { kind: 'ticket', id: problem.id } }),
      ),
    ).toMatchObject({ code: 'VALIDATION', field: 'kind' });
    expect(
      errorOf(
        link({ fromId: incident.id, kind: 'affects', to: { kind: 'article', id: article.id } }),
      ),
    ).toMatchObject({ code: 'VALIDATION', field: 'to.kind' });
    expect(
      errorOf(
        link({ fromId: incident.id, kind: 'related', to: { kind: 'ticket', id: incident.id } }),
      ),
    ).toMatchObject({ code: 'VALIDATION', field: 'to.id' });
  });

  it('refuses missing records and people outside the queue', () => {
    expect(
      errorOf(link({ fromId: incident.id, kind: 'affects', to: { kind: 'ci', id: uuid(799) } })),
    ).toMatchObject({ code: 'NOT_FOUND', field: 'to.id' });
    expect(
      errorOf(link({ fromId: uuid(398), kind: 'related', to: { kind: 'ticket', id: problem.id } })),
    ).toMatchObject({ code: 'NOT_FOUND', field: 'fromId' });
    expect(
      errorOf(
        link(
          { fromId: incident.id, kind: 'related', to: { kind: 'ticket', id: problem.id } },
          actors.agentB,
        ),
      ),
    ).toMatchObject({ code: 'FORBIDDEN' });
    expect(
      errorOf(
        link(
          { fromId: incident.id, kind: 'related', to: { kind: 'ticket', id: problem.id } },
          actors.requester,
        ),
      ),
    ).toMatchObject({ code: 'FORBIDDEN' });
    expect(
      errorOf(
        ticketLink.apply(
          loadedWith(),
          { fromId: incident.id, kind: 'related', to: { kind: 'ticket', id: problem.id } } as never,
          ctxFor(actors.agentA),
        ),
      ),
    ).toMatchObject({ code: 'NOT_FOUND' });
    const reads = ticketLink.reads({
      fromId: incident.id,
      kind: 'documented_in',
      to: { kind: 'article', id: article.id },
    } as never);
    expect(reads).toEqual([
      { kind: 'ticket', id: incident.id },
      { kind: 'article', id: article.id },
    ]);
  });
});
