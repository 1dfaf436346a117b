import { z } from 'zod';
import { idSchema, type LinkId } from '../ids';
import { userIdSchema } from './accounts';
import { articleIdSchema } from './knowledge';
import type { TicketType } from './states';
import { configItemIdSchema, ticketIdSchema } from './ticket';
import { epochMsSchema } from './time';

export const linkIdSchema = idSchema<LinkId>('linkId');

/**
 * caused_by: incident → the problem or change that caused it;
 * fixed_by: problem → the change that fixes it; documented_in: ticket → KB article;
 * affects: ticket → CI; related: ticket ↔ ticket.
 */
export const linkKinds = ['caused_by', 'fixed_by', 'documented_in', 'affects', 'related'] as const;
export type LinkKind = (typeof linkKinds)[number];
export const linkKindSchema = z.enum(linkKinds, {
  error: `kind must be one of ${linkKinds.join(', ')}`,
});

export const linkTargetSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('ticket'), id: ticketIdSchema }),
    z.object({ kind: z.literal('article'), id: articleIdSchema }),
    z.object({ kind: z.literal('ci'), id: configItemIdSchema }),
  ],
  { error: 'to.kind must be ticket, article or ci' },
);
export type LinkTarget = z.infer<typeof linkTargetSchema>;

const targetKindOf: Record<LinkKind, LinkTarget['kind']> = {
  caused_by: 'ticket',
  fixed_by: 'ticket',
  related: 'ticket',
  documented_in: 'article',
  affects: 'ci',
};

export const linkSchema = z
  .object({
    id: linkIdSchema,
    kind: linkKindSchema,
    fromId: ticketIdSchema,
    to: linkTargetSchema,
    createdBy: userIdSchema,
    createdAt: epochMsSchema('createdAt'),
  })
  .superRefine((l, ctx) => {
    if (targetKindOf[l.kind] !== l.to.kind) {
      ctx.addIssue({
        code: 'custom',
        path: ['to', 'kind'],
        message: `to.kind must be ${targetKindOf[l.kind]} for a ${l.kind} link`,
      });
    }
    if (l.to.kind === 'ticket' && l.to.id === l.fromId) {
      ctx.addIssue({
        code: 'custom',
        path: ['to', 'id'],
        message: 'a ticket cannot link to itself',
      });
    }
  });
export type Link = z.infer<typeof linkSchema>;

export const linkTargetKind = (kind: LinkKind): LinkTarget['kind'] => targetKindOf[kind];

/** Which ticket types may sit at each end of a ticket-to-ticket link. */
const ticketEnds: Partial<Record<LinkKind, { from: TicketType[]; to: TicketType[] }>> = {
  caused_by: { from: ['incident'], to: ['problem', 'change'] },
  fixed_by: { from: ['problem'], to: ['change'] },
};

/** null when allowed, else why not (for a GUARD_FAILED / VALIDATION message). */
export const checkTicketLinkTypes = (
  kind: LinkKind,
  fromType: TicketType,
  toType: TicketType | null,
): string | null => {
  const ends = ticketEnds[kind];
  if (!ends || toType === null) return null;
  if (!ends.from.includes(fromType) || !ends.to.includes(toType)) {
    return `a ${kind} link goes from ${ends.from.join('/')} to ${ends.to.join('/')}, not from ${fromType} to ${toType}`;
  }
  return null;
};
