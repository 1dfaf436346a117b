import { describe, expect, it } from 'vitest';
import { conflictCodes, type Conflict } from '../../../shared/domain/conflict';
import type { TicketEvent } from '../../../shared/domain/events';
import type { ConflictId, TicketId, UserId } from '../../../shared/ids';
import { copyableText, describeConflict, tooLargeSubject } from './conflict-text';
import { formatDateTime } from './format';
import type { Directory } from './use-ticket-data';

const SAM = '0190f5a0-0000-7000-8000-0000000000a1' as UserId;
const ANA = '0190f5a0-0000-7000-8000-0000000000a2' as UserId;
const names: Record<string, string> = { [SAM]: 'Sam Rivera', [ANA]: 'Ana Lopez' };
const dir: Pick<Directory, 'users' | 'userName' | 'queues' | 'cis'> = {
  users: new Map(),
  userName: (id) => (id ? names[id] : undefined) ?? 'Unknown person',
  queues: new Map(),
  cis: new Map(),
};

const DAY = 86_400_000;
/** Sam edited offline three days ago; Ana changed the same title yesterday. */
const samEditedAt = Date.UTC(2031, 2, 2, 9, 15);
const anaEditedAt = samEditedAt + 2 * DAY;

const conflict = (code: string, theirsBy: UserId, at: number): Conflict => ({
  id: '0190f5a0-0000-7000-8000-0000000000c1' as ConflictId,
  userId: theirsBy === ANA ? SAM : ANA,
  ticketId: '0190f5a0-0000-7000-8000-0000000000f1' as TicketId,
  field: 'title',
  mine: 'Floor 3 printer queue stuck',
  theirs: 'Print spooler hangs',
  theirsBy,
  at,
  mutation: 'ticket.setFields@1',
  code,
  message: 'Your change to the title was not applied',
});

const titleEvent = (by: UserId, to: string, at: number): TicketEvent =>
  ({ kind: 'field', at, by, field: 'title', from: 'Printer queue stuck', to }) as TicketEvent;

describe('describeConflict', () => {
  it('dates an edit that lost by when the winning value was written, not by the loser’s own edit', () => {
    const c = conflict(conflictCodes.notApplied, ANA, samEditedAt);
    const events = [
      titleEvent(ANA, 'Something older', anaEditedAt - DAY),
      titleEvent(ANA, 'Print spooler hangs', anaEditedAt),
    ];
    const d = describeConflict(c, dir, { events });
    expect(d.title).toBe(
      `Your change to the title lost to a change by Ana Lopez at ${formatDateTime(anaEditedAt)}`,
    );
    expect(d.text).toBe('yours ‘Floor 3 printer queue stuck’, theirs ‘Print spooler hangs’');
  });

  it('dates an overwritten edit by the overwriting change, which is the conflict’s own time', () => {
    const c = conflict(conflictCodes.overwritten, SAM, anaEditedAt);
    const d = describeConflict(c, dir, { events: [titleEvent(ANA, 'Older', samEditedAt)] });
    expect(d.title).toBe(
      `Your change to the title was overwritten by Sam Rivera at ${formatDateTime(anaEditedAt)}`,
    );
  });

  it('falls back to the conflict’s time when the history no longer has the winning change', () => {
    const c = conflict(conflictCodes.notApplied, ANA, samEditedAt);
    const other = titleEvent(SAM, 'Print spooler hangs', anaEditedAt);
    expect(describeConflict(c, dir, { events: [other] }).title).toContain(
      formatDateTime(samEditedAt),
    );
    expect(describeConflict(c, dir).title).toContain(formatDateTime(samEditedAt));
  });
});

describe('the text of an edit too large to send', () => {
  const ticketId = '0190f5a0-0000-7000-8000-0000000000f1';
  const edit = (mutation: string, mine: unknown) => ({ mutation, mine });

  it('gives back exactly what was typed, labelled when there are several pieces', () => {
    const body = 'Log excerpt:\n  line 1\n  line 2';
    expect(copyableText({ id: ticketId, ticketId, body, visibility: 'internal' })).toBe(body);
    expect(
      copyableText({
        ticketId,
        fields: { title: 'VPN drops', description: 'After resume' },
        base: { title: null, description: '001736154000001-000000-n1' },
      }),
    ).toBe('Title:\nVPN drops\n\nDescription:\nAfter resume');
  });

  it('falls back to the whole edit when none of it is typed text', () => {
    const mine = { ticketId, fields: { impact: 1 }, base: { impact: null } };
    expect(JSON.parse(copyableText(mine))).toEqual(mine);
  });

  it('names the edit the way the user made it', () => {
    expect(tooLargeSubject(edit('ticket.setFields@1', { fields: { description: 'x' } }))).toBe(
      'Your change to the description',
    );
    expect(
      tooLargeSubject(edit('ticket.setFields@1', { fields: { title: 'x', description: 'y' } })),
    ).toBe('Your change to the title and description');
    expect(tooLargeSubject(edit('ticket.addComment@1', { body: 'x' }))).toBe('Your comment');
    expect(tooLargeSubject(edit('incident.create@1', { title: 'x' }))).toBe('Your new ticket');
  });
});
