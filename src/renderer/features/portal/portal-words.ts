import type { Level } from '../../../shared/domain/priority';
import type { HoldReason } from '../../../shared/domain/states';
import { SYSTEM_USER_ID } from '../../../shared/domain/system-user';
import type { Ticket } from '../../../shared/domain/ticket';
import type { TicketEvent } from '../../../shared/domain/events';

/**
 * The portal speaks to people who raise tickets, not to the desk: states,
 * questions and history in their words. Only wording lives here; what may
 * happen next still comes from the shared workflow (availableTransitions).
 */
export type PortalTicket = Extract<Ticket, { type: 'incident' | 'request' }>;

export const isPortalTicket = (t: Ticket): t is PortalTicket =>
  t.type === 'incident' || t.type === 'request';

/** How a state feels to the requester: drives the badge colour and the "needs you" list. */
export type Tone = 'waiting' | 'working' | 'you' | 'done' | 'stopped';

export interface PlainState {
  label: string;
  explain: string;
  tone: Tone;
}

const holdWords: Record<HoldReason, PlainState> = {
  awaiting_caller: {
    label: 'Waiting for your reply',
    explain: 'The service desk needs something from you. Read their last message and answer below.',
    tone: 'you',
  },
  awaiting_vendor: {
    label: 'Waiting for a supplier',
    explain: 'The service desk is waiting for an outside supplier. You do not need to do anything.',
    tone: 'waiting',
  },
  awaiting_change: {
    label: 'Waiting for a planned change',
    explain: 'The fix depends on a planned change to a system. You do not need to do anything.',
    tone: 'waiting',
  },
  awaiting_problem: {
    label: 'Waiting for a wider fix',
    explain:
      'This is part of a bigger issue the service desk is investigating. You do not need to do anything.',
    tone: 'waiting',
  },
};

/** The requester's own last state change, if the ticket's current state came from them. */
const lastStateEvent = (t: Ticket) =>
  [...t.events]
    .reverse()
    .find((e): e is Extract<TicketEvent, { kind: 'state' }> => e.kind === 'state');

export const plainState = (t: PortalTicket): PlainState => {
  const request = t.type === 'request';
  switch (t.state) {
    case 'new':
      return {
        label: 'Received',
        explain: request
          ? 'The service desk has your request and will pick it up soon.'
          : 'The service desk has your report and will pick it up soon.',
        tone: 'waiting',
      };
    case 'approval':
      return {
        label: 'Waiting for approval',
        explain: 'Someone needs to approve this request before work starts.',
        tone: 'waiting',
      };
    case 'in_progress':
      return {
        label: 'Being worked on',
        explain: 'Someone from the service desk is working on it.',
        tone: 'working',
      };
    case 'on_hold':
      return t.holdReason
        ? holdWords[t.holdReason]
        : { label: 'On hold', explain: 'Work is paused for now.', tone: 'waiting' };
    case 'resolved':
      return {
        label: 'Fixed? Please confirm',
        explain:
          'The service desk thinks this is fixed. Please tell them whether it works for you.',
        tone: 'you',
      };
    case 'fulfilled':
      return {
        label: 'Done? Please confirm',
        explain:
          'The service desk thinks this is done. Please tell them whether you got what you asked for.',
        tone: 'you',
      };
    case 'closed':
      return { label: 'Closed', explain: 'This is finished.', tone: 'done' };
    case 'rejected':
      return {
        label: 'Not approved',
        explain: 'This request was not approved, so no work will be done on it.',
        tone: 'stopped',
      };
    case 'cancelled': {
      const own = lastStateEvent(t)?.by === t.requesterId;
      return own
        ? { label: 'Withdrawn', explain: 'You withdrew this.', tone: 'stopped' }
        : {
            label: 'Cancelled',
            explain: 'The service desk cancelled this. Their messages say why.',
            tone: 'stopped',
          };
    }
    default:
      return { label: t.state, explain: '', tone: 'waiting' };
  }
};

/** Tickets waiting on the requester (a fix to confirm, a question to answer) come first. */
export const needsYou = (t: PortalTicket): boolean => plainState(t).tone === 'you';

/** Finished tickets: shown under "Closed" rather than with the open ones. */
export const isFinished = (t: PortalTicket): boolean =>
  t.state === 'closed' || t.state === 'cancelled' || t.state === 'rejected';

export const kindWords = (t: Pick<Ticket, 'type'>) =>
  t.type === 'request'
    ? { noun: 'request', Noun: 'Request' }
    : { noun: 'problem report', Noun: 'Problem report' };

export interface Choice {
  value: Level;
  label: string;
  hint: string;
}

/** "Who is affected?": the impact, asked so nobody needs to know the word. */
export const impactChoices: readonly Choice[] = [
  { value: 3, label: 'Just me', hint: 'Only my own work is affected' },
  { value: 2, label: 'Several people', hint: 'My team, or a few colleagues' },
  { value: 1, label: 'Many people', hint: 'A whole site, department or key service' },
];

/** "How much does it get in your way?": the urgency. */
export const urgencyChoices: readonly Choice[] = [
  { value: 3, label: 'I can keep working', hint: 'It is annoying, but it can wait a little' },
  { value: 2, label: 'Part of my work is blocked', hint: 'I can work, but not fully' },
  { value: 1, label: 'I cannot work at all', hint: 'Nothing gets done until it is fixed' },
];

/** The requester's words for who did something: "You", a colleague's name, or the hub. */
export const actorName = (
  by: string,
  viewerId: string,
  userName: (id: string) => string,
): string => (by === viewerId ? 'You' : by === SYSTEM_USER_ID ? 'Outpost' : userName(by));

/**
 * One history line in plain words, or null for changes the requester does
 * not need to follow (assignee, category, priority…).
 */
export const describeStep = (
  e: TicketEvent,
  t: PortalTicket,
  viewerId: string,
  userName: (id: string) => string,
): string | null => {
  const who = actorName(e.by, viewerId, userName);
  const you = e.by === viewerId;
  const kind = kindWords(t).noun;
  if (e.kind === 'created') {
    return you ? `You sent this ${kind}` : `${who} logged this ${kind} for you`;
  }
  if (e.kind !== 'state') return null;
  switch (e.to) {
    case 'in_progress':
      if (e.from === 'resolved' || e.from === 'fulfilled') {
        return you ? 'You said it is not sorted yet, so it was reopened' : `${who} reopened it`;
      }
      if (e.from === 'approval') return 'Approved: work can start';
      if (e.from === 'on_hold') return `${who} picked it up again`;
      return `${who} started working on it`;
    case 'on_hold':
      return e.holdReason
        ? `Put on hold: ${holdWords[e.holdReason].label.toLowerCase()}`
        : 'Put on hold';
    case 'approval':
      return 'Sent for approval';
    case 'resolved':
      return `${who} marked it as fixed`;
    case 'fulfilled':
      return `${who} marked it as done`;
    case 'closed':
      return you
        ? 'You confirmed it is sorted, so it was closed'
        : e.by === SYSTEM_USER_ID
          ? 'Closed automatically after waiting for your confirmation'
          : `${who} closed it`;
    case 'cancelled':
      return you ? 'You withdrew it' : `${who} cancelled it`;
    case 'rejected':
      return 'Not approved';
    default:
      return null;
  }
};
