import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { attachmentSchema } from './attachment';
import { commentSchema } from './comment';
import { configurationItemSchema } from './configuration-item';
import { conflictFromRejection, conflictSchema } from './conflict';
import { knowledgeArticleSchema } from './knowledge';
import { checkTicketLinkTypes, linkSchema, linkTargetKind } from './link';
import { ids, T0, uuid } from './test-fixtures';
import { worklogEntrySchema } from './worklog';
import type { ConflictId } from '../ids';

const messages = (schema: z.ZodType, value: unknown): string => {
  const r = schema.safeParse(value);
  return r.success ? 'valid' : r.error.issues.map((i) => i.message).join(' | ');
};

const comment = {
  id: uuid(1),
  ticketId: ids.ticket,
  authorId: ids.agentA,
  body: 'Rebooted.',
  visibility: 'internal',
  createdAt: T0,
};
const worklog = {
  id: uuid(2),
  ticketId: ids.ticket,
  userId: ids.agentA,
  minutes: 30,
  workDate: '2025-03-03',
  note: '',
  createdAt: T0,
};
const attachment = {
  id: uuid(3),
  ticketId: ids.ticket,
  name: 'screenshot.png',
  size: 2048,
  mime: 'Image/PNG',
  sha256: 'a'.repeat(64),
  uploadedBy: ids.agentA,
  createdAt: T0,
};
const link = {
  id: uuid(4),
  kind: 'affects',
  fromId: ids.ticket,
  to: { kind: 'ci', id: uuid(5) },
  createdBy: ids.agentA,
  createdAt: T0,
};
const article = {
  id: uuid(6),
  number: null,
  title: 'Reset the VPN profile',
  body: '1. Open…',
  kind: 'howto',
  state: 'draft',
  audience: 'public',
  category: 'network',
  tags: ['vpn'],
  authorId: ids.agentA,
  version: 1,
  createdAt: T0,
  updatedAt: T0,
  publishedAt: null,
  stamps: {},
};
const ci = {
  id: uuid(7),
  name: 'vpn-gw-01',
  kind: 'host',
  status: 'active',
  ownerQueueId: ids.queueA,
  parentId: null,
  description: '',
  attributes: { os: 'linux' },
  createdBy: ids.agentA,
  createdAt: T0,
  updatedAt: T0,
  stamps: {},
};

describe('child records', () => {
  it('accepts valid records', () => {
    expect(messages(commentSchema, comment)).toBe('valid');
    expect(messages(worklogEntrySchema, worklog)).toBe('valid');
    expect(messages(linkSchema, link)).toBe('valid');
    expect(attachmentSchema.parse(attachment).mime).toBe('image/png');
  });

  it('rejects bad comments', () => {
    expect(messages(commentSchema, { ...comment, body: '  ' })).toMatch(/body must not be empty/);
    expect(messages(commentSchema, { ...comment, visibility: 'private' })).toMatch(
      /visibility must be public or internal/,
    );
    expect(messages(commentSchema, { ...comment, body: 'x'.repeat(20_001) })).toMatch(
      /at most 20,000/,
    );
  });

  it('rejects bad worklogs', () => {
    expect(messages(worklogEntrySchema, { ...worklog, minutes: 0 })).toMatch(
      /minutes must be more than 0/,
    );
    expect(messages(worklogEntrySchema, { ...worklog, minutes: 1.5 })).toMatch(
      /minutes must be whole minutes/,
    );
    expect(messages(worklogEntrySchema, { ...worklog, minutes: 1441 })).toMatch(/at most 1440/);
    expect(messages(worklogEntrySchema, { ...worklog, workDate: '2025-02-30' })).toMatch(
      /workDate must be a real date/,
    );
    expect(messages(worklogEntrySchema, { ...worklog, workDate: '1999-12-31' })).toMatch(
      /workDate must be a real date/,
    );
    expect(messages(worklogEntrySchema, { ...worklog, workDate: 20250303 })).toMatch(
      /workDate must be a date YYYY-MM-DD/,
    );
  });

  it('rejects bad attachment metadata', () => {
    expect(messages(attachmentSchema, { ...attachment, sha256: 'A'.repeat(64) })).toMatch(
      /sha256 must be 64 lower-case hex/,
    );
    expect(messages(attachmentSchema, { ...attachment, sha256: 'a'.repeat(63) })).toMatch(/sha256/);
    expect(messages(attachmentSchema, { ...attachment, name: '../etc/passwd' })).toMatch(
      /name must be a file name/,
    );
    expect(messages(attachmentSchema, { ...attachment, size: -1 })).toMatch(
      /size must not be negative/,
    );
    expect(messages(attachmentSchema, { ...attachment, size: 2 ** 40 })).toMatch(
      /size must be at most 256 MiB/,
    );
    expect(messages(attachmentSchema, { ...attachment, mime: 'png' })).toMatch(
      /mime must be a media type/,
    );
  });

  it('rejects links whose target does not fit the kind', () => {
    expect(messages(linkSchema, { ...link, kind: 'documented_in' })).toMatch(
      /to.kind must be article for a documented_in link/,
    );
    expect(
      messages(linkSchema, { ...link, kind: 'related', to: { kind: 'ticket', id: ids.ticket } }),
    ).toMatch(/cannot link to itself/);
    expect(messages(linkSchema, { ...link, kind: 'blocks' })).toMatch(/kind must be one of/);
    expect(linkTargetKind('fixed_by')).toBe('ticket');
  });

  it('checks the ticket types at both ends of a link', () => {
    expect(checkTicketLinkTypes('caused_by', 'incident', 'problem')).toBeNull();
    expect(checkTicketLinkTypes('caused_by', 'incident', 'change')).toBeNull();
    expect(checkTicketLinkTypes('caused_by', 'problem', 'incident')).toMatch(
      /from incident to problem\/change/,
    );
    expect(checkTicketLinkTypes('fixed_by', 'problem', 'incident')).toMatch(
      /not from problem to incident/,
    );
    expect(checkTicketLinkTypes('related', 'change', 'request')).toBeNull();
  });
});

describe('knowledge articles and configuration items', () => {
  it('accepts valid ones', () => {
    expect(messages(knowledgeArticleSchema, article)).toBe('valid');
    expect(messages(configurationItemSchema, ci)).toBe('valid');
  });

  it('rejects unknown states, kinds and audiences', () => {
    expect(messages(knowledgeArticleSchema, { ...article, state: 'live' })).toMatch(
      /state must be one of draft, published, retired/,
    );
    expect(messages(knowledgeArticleSchema, { ...article, audience: 'everyone' })).toMatch(
      /audience must be public or internal/,
    );
    expect(messages(knowledgeArticleSchema, { ...article, version: 0 })).toMatch(
      /version must be 1 or more/,
    );
    expect(messages(configurationItemSchema, { ...ci, kind: 'toaster' })).toMatch(
      /kind must be one of service/,
    );
    expect(messages(configurationItemSchema, { ...ci, status: 'gone' })).toMatch(
      /status must be one of planned/,
    );
    expect(messages(configurationItemSchema, { ...ci, attributes: { os: 7 } })).toMatch(
      /attribute os must be text/,
    );
  });
});

describe('conflicts', () => {
  it('validates a conflict', () => {
    const c = {
      id: uuid(8),
      userId: ids.agentA,
      ticketId: ids.ticket,
      field: 'title',
      mine: 'a',
      theirs: 'b',
      theirsBy: ids.agentB,
      at: T0,
      mutation: 'ticket.setFields@1',
      code: 'FIELD_OVERWRITTEN',
      message: 'x',
    };
    expect(messages(conflictSchema, c)).toBe('valid');
    expect(messages(conflictSchema, { ...c, at: 'now' })).toMatch(/at must be a time/);
  });

  it('turns a rejected mutation into a conflict carrying the arguments and the real state', () => {
    const c = conflictFromRejection({
      id: uuid(9) as ConflictId,
      userId: ids.agentA,
      ticketId: ids.ticket,
      mutation: 'ticket.transition@1',
      args: { ticketId: ids.ticket, from: 'in_progress', to: 'resolved' },
      error: {
        code: 'TRANSITION_CONFLICT',
        message: 'INC0000001 was closed by Ana while you were offline',
        details: { state: 'closed', by: ids.agentB, at: T0 },
      },
      at: T0,
    });
    expect(c).toMatchObject({
      code: 'TRANSITION_CONFLICT',
      theirs: { state: 'closed' },
      theirsBy: ids.agentB,
      field: null,
      mine: { to: 'resolved' },
    });
  });
});
