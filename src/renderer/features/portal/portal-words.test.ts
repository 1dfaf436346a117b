import { describe, expect, it } from 'vitest';
import type { Queue } from '../../../shared/domain/accounts';
import { SYSTEM_USER_ID } from '../../../shared/domain/system-user';
import type { TicketEvent } from '../../../shared/domain/events';
import type { QueueId, UserId } from '../../../shared/ids';
import { describeStep, isFinished, needsYou, plainState, type PortalTicket } from './portal-words';
import { pickIntakeQueue } from './use-portal-data';

const rita = '0190f5a0-0000-7000-8000-0000000000a1' as UserId;
const sam = '0190f5a0-0000-7000-8000-0000000000a2' as UserId;
const names = (id: string) => (id === sam ? 'Sam Rivera' : 'Someone');

const ticket = (patch: Partial<PortalTicket> = {}): PortalTicket =>
  ({
    id: '0190f5a0-0000-7000-8000-0000000000b1',
    type: 'incident',
    state: 'new',
    holdReason: null,
    requesterId: rita,
    events: [],
    ...patch,
  }) as PortalTicket;

const step = (from: string, to: string, by: UserId, extra: Partial<TicketEvent> = {}) =>
  ({ kind: 'state', at: 1, by, from, to, holdReason: null, ...extra }) as TicketEvent;

describe('plain states', () => {
  it('asks the requester to act on a fix and on a question, and only then', () => {
    expect(plainState(ticket({ state: 'resolved' }))).toMatchObject({
      label: 'Fixed? Please confirm',
      tone: 'you',
    });
    expect(plainState(ticket({ type: 'request', state: 'fulfilled' } as never)).label).toBe(
      'Done? Please confirm',
    );
    expect(plainState(ticket({ state: 'on_hold', holdReason: 'awaiting_caller' })).label).toBe(
      'Waiting for your reply',
    );
    expect(needsYou(ticket({ state: 'on_hold', holdReason: 'awaiting_caller' }))).toBe(true);
    expect(needsYou(ticket({ state: 'on_hold', holdReason: 'awaiting_vendor' }))).toBe(false);
    expect(needsYou(ticket({ state: 'in_progress' }))).toBe(false);
    expect(needsYou(ticket({ state: 'new' }))).toBe(false);
  });

  it('says "Withdrawn" only when the requester cancelled it themselves', () => {
    const own = ticket({ state: 'cancelled', events: [step('new', 'cancelled', rita)] });
    const desk = ticket({ state: 'cancelled', events: [step('new', 'cancelled', sam)] });
    expect(plainState(own).label).toBe('Withdrawn');
    expect(plainState(desk).label).toBe('Cancelled');
    expect(isFinished(own) && isFinished(desk)).toBe(true);
    expect(isFinished(ticket({ state: 'resolved' }))).toBe(false);
  });

  it('names approval and rejection of requests in everyday words', () => {
    expect(plainState(ticket({ type: 'request', state: 'approval' } as never)).label).toBe(
      'Waiting for approval',
    );
    expect(plainState(ticket({ type: 'request', state: 'rejected' } as never)).label).toBe(
      'Not approved',
    );
  });
});

describe('history in plain words', () => {
  const t = ticket();
  it('tells who did what, calling the viewer "You"', () => {
    expect(describeStep(step('new', 'in_progress', sam), t, rita, names)).toBe(
      'Sam Rivera started working on it',
    );
    expect(describeStep(step('in_progress', 'resolved', sam), t, rita, names)).toBe(
      'Sam Rivera marked it as fixed',
    );
    expect(describeStep(step('resolved', 'in_progress', rita), t, rita, names)).toBe(
      'You said it is not sorted yet, so it was reopened',
    );
    expect(describeStep(step('resolved', 'closed', rita), t, rita, names)).toBe(
      'You confirmed it is sorted, so it was closed',
    );
    expect(describeStep(step('resolved', 'closed', SYSTEM_USER_ID), t, rita, names)).toBe(
      'Closed automatically after waiting for your confirmation',
    );
    expect(
      describeStep(
        step('in_progress', 'on_hold', sam, { holdReason: 'awaiting_caller' }),
        t,
        rita,
        names,
      ),
    ).toBe('Put on hold: waiting for your reply');
  });

  it('leaves out the desk-internal changes (assignee, priority…)', () => {
    const field = { kind: 'field', at: 1, by: sam, field: 'assigneeId', from: null, to: sam };
    expect(describeStep(field as TicketEvent, t, rita, names)).toBeNull();
    expect(describeStep({ kind: 'responded', at: 1, by: sam }, t, rita, names)).toBeNull();
  });
});

describe('intake queue for reported problems', () => {
  const q = (name: string, disabled = false): Queue => ({
    id: `0190f5a0-0000-7000-8000-${String(name.length).padStart(12, '0')}` as QueueId,
    name,
    description: '',
    disabled,
  });
  it('prefers the front-door queue by its name', () => {
    expect(pickIntakeQueue([q('Network'), q('IT Service Desk'), q('Apps')])?.name).toBe(
      'IT Service Desk',
    );
    expect(pickIntakeQueue([q('Network'), q('Helpdesk')])?.name).toBe('Helpdesk');
  });
  it('skips disabled queues and falls back to the first by name', () => {
    expect(pickIntakeQueue([q('Service Desk', true), q('Network'), q('Apps')])?.name).toBe('Apps');
    expect(pickIntakeQueue([q('Service Desk', true)])).toBeNull();
    expect(pickIntakeQueue([])).toBeNull();
  });
});
