import type { Priority } from '../priority';
import type { Ticket } from '../ticket';
import { localDayOf, zonedWallToUtc } from '../calendar-zone';
import type { CategoryBank } from './phrases-categories';
import { seededUuidV7 } from './prng';
import {
  HOUR,
  levelsFor,
  MIN,
  resolutionCodes,
  STOP,
  storyKit,
  type StoryContext,
} from './stories';
import {
  backoutPlan,
  changeDescription,
  changeTitle,
  implementationPlan,
  incidentTitle,
  problemDescription,
} from './text';

/**
 * Problem and change management around the incidents: problems gather recurring
 * incidents of one category (caused_by links) and go through root-cause analysis to a
 * known error; changes run their CAB path into a maintenance window. Their durations
 * are days and weeks of wall time, not SLA business hours.
 */
const DAY = 24 * HOUR;

export const problemStory = (
  s: StoryContext,
  createdAt: number,
  bank: CategoryBank,
  incidents: readonly Ticket[],
): void => {
  const { rng, org } = s;
  const priority = rng.weighted<Priority>([
    [2, 20],
    [3, 50],
    [4, 30],
  ]);
  const { r, go, staffOf, move } = storyKit(s, priority);
  const [impact, urgency] = rng.pick(levelsFor[priority]);
  const queue = org.queueByName.get(bank.queue)!;
  const owner = rng.pick(staffOf(queue.id).leads);
  try {
    go(createdAt);
    r.run('problem.create', owner, {
      id: seededUuidV7(rng, createdAt),
      title: `Recurring: ${incidentTitle(rng, bank)}`,
      description: problemDescription(rng, bank, incidents.length),
      queueId: queue.id,
      category: bank.name,
      impact,
      urgency,
    });
    for (const incident of incidents) {
      go(r.time + MIN);
      const to = { kind: 'ticket', id: incident.id };
      r.run('ticket.link', owner, { fromId: r.ticket().id, kind: 'caused_by', to }, [incident]);
    }
    const analyst = rng.pick(staffOf(queue.id).members);
    go(r.time + rng.logNormal(4 * HOUR, 0.8));
    r.setFields(owner, { assigneeId: analyst.id });
    go(r.time + rng.logNormal(DAY, 0.8));
    move(analyst, 'assessed');
    go(r.time + rng.logNormal(3 * DAY, 0.8));
    move(analyst, 'root_cause_analysis');
    go(r.time + rng.logNormal(5 * DAY, 0.8));
    r.setFields(analyst, { rootCause: `${rng.pick(bank.fixes)} removes the cause.` });
    go(r.time + HOUR);
    move(analyst, 'known_error', { workaround: `Until the fix: ${rng.pick(bank.tried)}.` });
    go(r.time + rng.logNormal(15 * DAY, 0.8));
    move(analyst, 'resolved', {
      resolution: { code: rng.weighted(resolutionCodes), notes: `${rng.pick(bank.fixes)}.` },
    });
    go(r.time + rng.logNormal(5 * DAY, 0.6));
    move(owner, 'closed');
  } catch (e) {
    if (e !== STOP) throw e;
  }
};

/** 20:00 local time `daysAhead` days after `from`: the usual evening window. */
const eveningWindow = (s: StoryContext, from: number, daysAhead: number): number =>
  zonedWallToUtc(s.timeZone, localDayOf(s.timeZone, from) + daysAhead, 20 * 60);

export const changeStory = (s: StoryContext, createdAt: number, bank: CategoryBank): void => {
  const { rng, org } = s;
  const kind = rng.weighted([
    ['standard', 50],
    ['normal', 40],
    ['emergency', 10],
  ] as const);
  const priority: Priority = kind === 'emergency' ? 2 : rng.pick([3, 4] as const);
  const { r, go, staffOf, move } = storyKit(s, priority);
  const [impact, urgency] = rng.pick(levelsFor[priority]);
  const queue = org.queueByName.get(bank.queue)!;
  const owner = rng.pick(staffOf(queue.id).members);
  const managers = org.agents.filter((a) => a.roles.includes('change_manager'));
  const start =
    kind === 'emergency'
      ? Math.round(createdAt + rng.logNormal(3 * HOUR, 0.5))
      : eveningWindow(s, createdAt, rng.int(2, 10));
  const end = start + rng.int(1, 4) * HOUR;
  const title = changeTitle(rng, bank);
  try {
    go(createdAt);
    r.run('change.create', owner, {
      id: seededUuidV7(rng, createdAt),
      title,
      description: changeDescription(rng, bank, title),
      queueId: queue.id,
      category: bank.name,
      impact,
      urgency,
      assigneeId: owner.id,
      changeKind: kind,
      risk: rng.weighted([
        ['low', 50],
        ['medium', 35],
        ['high', 15],
      ] as const),
      plannedStart: start,
      plannedEnd: end,
      backoutPlan: backoutPlan(rng),
      implementationPlan: implementationPlan(rng, title),
    });
    if (kind === 'normal') {
      go(r.time + rng.logNormal(4 * HOUR, 0.7));
      move(owner, 'assess');
    }
    if (kind !== 'standard') {
      go(r.time + (kind === 'emergency' ? 10 * MIN : rng.logNormal(DAY, 0.6)));
      move(owner, 'authorize');
      const rejected = kind === 'normal' && rng.chance(0.07);
      for (const manager of rng.chance(0.5) ? [rng.pick(managers)] : managers.slice(0, 2)) {
        go(r.time + (kind === 'emergency' ? 20 * MIN : rng.logNormal(DAY, 0.6)));
        r.run('change.approve', manager, {
          ticketId: r.ticket().id,
          decision: rejected ? 'rejected' : 'approved',
          comment: rejected
            ? 'Too risky in this window; resubmit with a tested backout.'
            : 'Approved by CAB.',
          emergency: kind === 'emergency',
        });
      }
      if (rejected) {
        go(r.time + HOUR);
        move(owner, 'cancelled');
        return;
      }
    }
    go(r.time + HOUR);
    move(owner, 'scheduled');
    if (rng.chance(0.03)) {
      go(r.time + DAY);
      move(owner, 'cancelled');
      return;
    }
    go(start);
    move(owner, 'implement');
    go(end);
    move(owner, 'review');
    go(r.time + rng.logNormal(DAY, 0.6));
    move(owner, 'closed');
  } catch (e) {
    if (e !== STOP) throw e;
  }
};
