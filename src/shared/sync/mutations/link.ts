import { z } from 'zod';
import type { LinkId, TicketId } from '../../ids';
import { canWorkQueue } from '../../domain/access';
import {
  checkTicketLinkTypes,
  linkKindSchema,
  linkTargetKind,
  linkTargetSchema,
  type Link,
  type LinkKind,
  type LinkTarget,
} from '../../domain/link';
import { ticketIdSchema } from '../../domain/ticket';
import { derivedId } from './derived-id';
import { fail, forbidden, getTicket, notFound, ok } from './helpers';
import { defineMutation, type EntityRef, type Loaded } from './types';

const linkArgs = z
  .strictObject({ fromId: ticketIdSchema, kind: linkKindSchema, to: linkTargetSchema })
  .superRefine((a, ctx) => {
    if (linkTargetKind(a.kind) !== a.to.kind) {
      ctx.addIssue({
        code: 'custom',
        path: ['to', 'kind'],
        message: `a ${a.kind} link must point to a ${linkTargetKind(a.kind)}`,
      });
    }
    if (a.to.kind === 'ticket' && a.to.id === a.fromId) {
      ctx.addIssue({
        code: 'custom',
        path: ['to', 'id'],
        message: 'a ticket cannot link to itself',
      });
    }
  });
export type LinkArgs = z.infer<typeof linkArgs>;

const targetRef = (to: LinkTarget): EntityRef => to;

const targetExists = (loaded: Loaded, to: LinkTarget): boolean =>
  to.kind === 'ticket'
    ? loaded.tickets.has(to.id)
    : to.kind === 'article'
      ? loaded.articles.has(to.id)
      : loaded.cis.has(to.id);

/**
 * One stored direction per relation, whichever side the user linked from: caused_by
 * always runs incident → cause, related runs from the smaller id. The link id is
 * derived from (kind, from, to), so linking the same pair twice — even offline on two
 * laptops — inserts one link.
 */
const normalize = (kind: LinkKind, fromId: TicketId, fromType: string, to: LinkTarget) => {
  if (to.kind !== 'ticket') return { fromId, to };
  const swap =
    (kind === 'caused_by' && fromType !== 'incident') ||
    (kind === 'fixed_by' && fromType === 'change') ||
    (kind === 'related' && to.id < fromId);
  return swap ? { fromId: to.id, to: { kind: 'ticket' as const, id: fromId } } : { fromId, to };
};

export const ticketLink = defineMutation<LinkArgs>({
  name: 'ticket.link',
  version: 1,
  args: linkArgs,
  reads: (args) => [{ kind: 'ticket', id: args.fromId }, targetRef(args.to)],
  authorize(actor, loaded, args) {
    const ticket = getTicket(loaded, args.fromId);
    if (!ticket) return notFound('ticket', args.fromId, 'fromId');
    return canWorkQueue(actor, ticket.queueId) ? null : forbidden('You may not link this ticket');
  },
  apply(loaded, args, ctx) {
    const from = getTicket(loaded, args.fromId);
    if (!from) return { ok: false, error: notFound('ticket', args.fromId, 'fromId') };
    if (!targetExists(loaded, args.to))
      return { ok: false, error: notFound(args.to.kind, args.to.id, 'to.id') };
    const n = normalize(args.kind, args.fromId, from.type, args.to);
    const a = loaded.tickets.get(n.fromId)!;
    const b = n.to.kind === 'ticket' ? loaded.tickets.get(n.to.id)!.type : null;
    const wrong = checkTicketLinkTypes(args.kind, a.type, b);
    if (wrong) return fail('VALIDATION', wrong, 'kind');
    const link: Link = {
      id: derivedId<LinkId>('link', args.kind, n.fromId, n.to.kind, n.to.id),
      kind: args.kind,
      fromId: n.fromId,
      to: n.to,
      createdBy: ctx.actor.userId,
      createdAt: ctx.now,
    };
    return ok({ type: 'insert', entity: 'link', value: link });
  },
});
