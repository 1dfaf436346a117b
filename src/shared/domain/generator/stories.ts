import type { CommentId, QueueId, TicketId, WorklogId } from '../../ids';
import type { User } from '../accounts';
import { addBusinessMs, businessMsBetween, calendar24x7, type Calendar } from '../calendar';
import { isoDateOfDay, localDayOf } from '../calendar-zone';
import type { Level, Priority } from '../priority';
import { defaultSlaDefinitions } from '../sla';
import type { HoldReason } from '../states';
import type { CatalogItem } from '../catalog';
import type { Ticket } from '../ticket';
import type { Organisation } from './people';
import type { CategoryBank } from './phrases-categories';
import {
  publicReplies,
  requesterReplies,
  tagBank,
  workNotes,
  worklogNotes,
} from './phrases-common';
import { seededUuidV7, type Rng } from './prng';
import type { TicketRunner } from './runner';
import { fill, incidentDescription, incidentTitle, requestDescription } from './text';

/**
 * The life of one ticket as a desk lives it: triage, first response, work, holds,
 * hand-overs, resolution, sometimes a reopen, then closure. Durations are drawn in
 * business time of the ticket's SLA calendar (nobody fixes a P3 at 3 am) around a
 * fraction of its SLA target, so about one in ten resolutions and a few responses
 * breach, and holds for a non-pausing reason breach more.
 */
export type StoryContext = {
  rng: Rng;
  org: Organisation;
  runner: TicketRunner;
  business: Calendar;
  timeZone: string;
  autoCloseDays: number;
};

export const MIN = 60_000;
export const HOUR = 60 * MIN;

/** Thrown when the next step would be after `now`: the story ends there. */
export const STOP = Symbol('stop');

export const levelsFor: Record<Priority, ReadonlyArray<readonly [Level, Level]>> = {
  1: [[1, 1]],
  2: [
    [1, 2],
    [2, 1],
  ],
  3: [
    [1, 3],
    [2, 2],
    [3, 1],
  ],
  4: [
    [2, 3],
    [3, 2],
  ],
  5: [[3, 3]],
};

const holdWeights: ReadonlyArray<readonly [HoldReason, number]> = [
  ['awaiting_caller', 55],
  ['awaiting_vendor', 25],
  ['awaiting_change', 12],
  ['awaiting_problem', 8],
];

export const resolutionCodes = [
  ['fixed', 70],
  ['workaround', 12],
  ['user_error', 8],
  ['no_fault_found', 5],
  ['not_reproducible', 3],
  ['duplicate', 2],
] as const;

export const storyKit = (s: StoryContext, priority: Priority) => {
  const { rng, org, runner: r } = s;
  const cal = priority === 1 ? calendar24x7 : s.business;
  const def = defaultSlaDefinitions.find((d) => d.priority === priority)!;
  const go = (at: number) => {
    if (!r.advance(at)) throw STOP;
  };
  const later = (from: number, businessMs: number) =>
    addBusinessMs(cal, from, Math.max(MIN, businessMs));
  const staffOf = (q: QueueId) => org.staff.get(q)!;
  const ticketId = () => r.ticket().id as TicketId;
  const comment = (user: User, body: string, visibility: 'public' | 'internal') =>
    r.run('ticket.addComment', user, {
      id: seededUuidV7(rng, r.time) as CommentId,
      ticketId: ticketId(),
      body: fill(rng, body),
      visibility,
    });
  const move = (user: User, to: string, extra: Record<string, unknown> = {}) =>
    r.run('ticket.transition', user, {
      ticketId: ticketId(),
      from: r.ticket().state,
      to,
      ...extra,
    });
  const logWork = (user: User) =>
    r.run('ticket.logWork', user, {
      id: seededUuidV7(rng, r.time) as WorklogId,
      ticketId: ticketId(),
      minutes: Math.round(Math.min(480, Math.max(5, rng.logNormal(45, 0.8)))),
      workDate: isoDateOfDay(localDayOf(s.timeZone, r.time)),
      note: rng.pick(worklogNotes),
    });
  return { rng, org, r, cal, def, go, later, staffOf, comment, move, logWork };
};
type Story = ReturnType<typeof storyKit>;

/** Hand-overs, a hold and the work up to the moment the fix is ready; returns the agent who finishes. */
const work = (
  st: Story,
  requester: User,
  agent: User,
  budgetMs: number,
  holdChance: number,
): User => {
  const { rng, org, r, cal, go, later, staffOf, comment, move } = st;
  let left = Math.max(10 * MIN, budgetMs - businessMsBetween(cal, r.ticket().createdAt, r.time));
  const spend = (fraction: number) => {
    const used = left * fraction;
    left -= used;
    go(later(r.time, used));
  };
  if (rng.chance(0.1)) {
    spend(0.2);
    const other = rng.pick(staffOf(r.ticket().queueId).members);
    if (other.id !== agent.id) {
      r.setFields(agent, { assigneeId: other.id });
      agent = other;
    }
  }
  if (rng.chance(0.06)) {
    spend(0.2);
    const from = r.ticket().queueId;
    const to = rng.pick(org.queues.filter((q) => q.id !== from));
    r.setFields(rng.pick(staffOf(from).leads), { queueId: to.id });
    go(later(r.time, rng.logNormal(HOUR, 0.7)));
    agent = rng.pick(staffOf(to.id).members);
    r.setFields(agent, { assigneeId: agent.id });
  }
  if (rng.chance(holdChance)) {
    spend(rng.next() * 0.6);
    const reason = rng.weighted(holdWeights);
    move(agent, 'on_hold', { holdReason: reason });
    if (reason === 'awaiting_caller') {
      go(r.time + MIN);
      comment(agent, rng.pick(publicReplies.filter((p) => p.includes('?'))), 'public');
    }
    go(r.time + rng.logNormal(18 * HOUR, 1));
    if (reason === 'awaiting_caller') {
      comment(requester, rng.pick(requesterReplies), 'public');
      go(r.time + rng.logNormal(30 * MIN, 0.8));
    } else {
      comment(agent, rng.pick(workNotes), 'internal');
      go(r.time + MIN);
    }
    move(agent, 'in_progress');
  }
  go(later(r.time, left));
  for (let i = rng.int(1, 3); i > 0; i--) {
    st.logWork(agent);
    go(r.time + MIN);
  }
  return agent;
};

/** Close: the requester confirms, or the desk closes after the auto-close period. */
const close = (st: Story, requester: User, agent: User, autoCloseDays: number) => {
  const { rng, r, go, move } = st;
  if (rng.chance(0.4)) {
    go(r.time + rng.logNormal(6 * HOUR, 1));
    move(requester, 'closed');
  } else {
    go(r.time + autoCloseDays * 24 * HOUR + rng.logNormal(HOUR, 0.5));
    move(agent, 'closed');
  }
};

export const incidentStory = (
  s: StoryContext,
  createdAt: number,
  requester: User,
  bank: CategoryBank,
  /** A change implemented shortly before in the same area: sometimes this incident is its fallout. */
  recentChange: Ticket | null = null,
): void => {
  const { rng, org } = s;
  const priority = rng.weighted<Priority>([
    [1, 2],
    [2, 8],
    [3, 45],
    [4, 35],
    [5, 10],
  ]);
  const st = storyKit(s, priority);
  const { r, go, later, staffOf, comment, move, def } = st;
  const [impact, urgency] = rng.pick(levelsFor[priority]);
  const home = org.queueByName.get(bank.queue)!;
  const desk = org.queueByName.get('Service Desk')!;
  const triage = home.id !== desk.id && rng.chance(0.35);
  const viaPortal = rng.chance(0.55);
  const title = incidentTitle(rng, bank);
  try {
    go(createdAt);
    r.run('incident.create', viaPortal ? requester : rng.pick(staffOf(desk.id).members), {
      id: seededUuidV7(rng, createdAt),
      title,
      description: incidentDescription(rng, bank, title),
      queueId: (triage ? desk : home).id,
      category: bank.name,
      impact,
      urgency,
      requesterId: requester.id,
      tags: rng.chance(0.3) ? [rng.pick(tagBank)] : [],
    });
    if (triage) {
      go(later(createdAt, rng.int(5, 60) * MIN));
      r.setFields(rng.pick(staffOf(desk.id).leads), { queueId: home.id });
    }
    if (rng.chance(0.03)) {
      go(createdAt + rng.logNormal(2 * HOUR, 0.8));
      move(requester, 'cancelled');
      return;
    }
    go(later(createdAt, def.responseMs * rng.logNormal(0.3, 0.8)));
    const queueId = r.ticket().queueId;
    let agent = rng.pick(staffOf(queueId).members);
    r.setFields(agent, { assigneeId: agent.id });
    go(r.time + MIN);
    move(agent, 'in_progress');
    go(r.time + MIN);
    comment(agent, rng.pick(publicReplies), 'public');
    if (rng.chance(0.05)) {
      go(r.time + 5 * MIN);
      r.setFields(agent, { urgency: urgency === 1 ? 2 : urgency - 1 });
    }
    if (recentChange && rng.chance(0.3)) {
      go(r.time + 10 * MIN);
      r.run(
        'ticket.link',
        agent,
        { fromId: r.ticket().id, kind: 'caused_by', to: { kind: 'ticket', id: recentChange.id } },
        [recentChange],
      );
    }
    if (rng.chance(0.4)) {
      go(r.time + rng.logNormal(30 * MIN, 0.8));
      comment(agent, rng.pick(workNotes), 'internal');
    }
    // A few tickets stall and become the old backlog every desk has.
    if (rng.chance(0.02)) return;
    agent = work(st, requester, agent, def.resolutionMs * rng.logNormal(0.45, 0.7), 0.3);
    comment(
      agent,
      'A fix has been applied. Please try again and let us know the result.',
      'public',
    );
    go(r.time + MIN);
    const resolve = () =>
      move(agent, 'resolved', {
        resolution: { code: rng.weighted(resolutionCodes), notes: `${rng.pick(bank.fixes)}.` },
      });
    resolve();
    if (rng.chance(0.06)) {
      go(r.time + rng.logNormal(20 * HOUR, 0.8));
      comment(requester, 'Unfortunately it is happening again, exactly as before.', 'public');
      go(r.time + MIN);
      move(requester, 'in_progress');
      go(later(r.time, def.resolutionMs * rng.logNormal(0.1, 0.6)));
      resolve();
    }
    close(st, requester, agent, s.autoCloseDays);
  } catch (e) {
    if (e !== STOP) throw e;
  }
};

const isoDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export const requestStory = (
  s: StoryContext,
  createdAt: number,
  requester: User,
  bank: CategoryBank,
  item: CatalogItem,
): void => {
  const { rng, org } = s;
  const priority = rng.weighted<Priority>([
    [3, 20],
    [4, 60],
    [5, 20],
  ]);
  const st = storyKit(s, priority);
  const { r, go, later, staffOf, comment, move, def } = st;
  const [impact, urgency] = rng.pick(levelsFor[priority]);
  const desk = org.queueByName.get('Service Desk')!;
  try {
    go(createdAt);
    r.run('request.create', rng.chance(0.8) ? requester : rng.pick(staffOf(desk.id).members), {
      id: seededUuidV7(rng, createdAt),
      title: item.name,
      description: requestDescription(rng, bank, item.name),
      impact,
      urgency,
      requesterId: requester.id,
      catalogItemId: item.id,
      requestFields: {
        justification: rng.pick(['New starter', 'Role change', 'Replacement', 'Project need']),
        neededBy: isoDate(createdAt + rng.int(7, 30) * 24 * HOUR),
      },
    });
    const queueId = r.ticket().queueId;
    if (r.ticket().state === 'approval') {
      go(later(createdAt, rng.logNormal(4 * HOUR, 0.9)));
      const decision = rng.chance(0.9) ? 'approved' : 'rejected';
      r.run('request.approve', rng.pick(staffOf(queueId).leads), {
        ticketId: r.ticket().id,
        decision,
        comment:
          decision === 'approved' ? 'Approved.' : 'Not justified; please talk to your manager.',
      });
      if (decision === 'rejected') return;
    }
    go(later(createdAt, def.responseMs * rng.logNormal(0.3, 0.8)));
    let agent = rng.pick(staffOf(queueId).members);
    r.setFields(agent, { assigneeId: agent.id });
    if (r.ticket().state === 'new') {
      go(r.time + MIN);
      move(agent, 'in_progress');
    }
    go(r.time + MIN);
    comment(agent, 'Thanks, we have started working on your request.', 'public');
    agent = work(st, requester, agent, def.resolutionMs * rng.logNormal(0.4, 0.6), 0.15);
    comment(agent, 'Your request has been fulfilled.', 'public');
    go(r.time + MIN);
    move(agent, 'fulfilled');
    if (rng.chance(0.02)) {
      go(r.time + rng.logNormal(20 * HOUR, 0.8));
      move(requester, 'in_progress');
      go(later(r.time, def.resolutionMs * rng.logNormal(0.1, 0.6)));
      move(agent, 'fulfilled');
    }
    close(st, requester, agent, s.autoCloseDays);
  } catch (e) {
    if (e !== STOP) throw e;
  }
};
