import { canWorkQueue } from '../../../src/shared/domain/access';
import type { Actor } from '../../../src/shared/domain/actor';
import { categoryBanks } from '../../../src/shared/domain/generator/phrases-categories';
import {
  publicReplies,
  workNotes,
  worklogNotes,
} from '../../../src/shared/domain/generator/phrases-common';
import type { Rng } from '../../../src/shared/domain/generator/prng';
import {
  fill,
  incidentDescription,
  incidentTitle,
} from '../../../src/shared/domain/generator/text';
import { isTerminal } from '../../../src/shared/domain/states';
import type { Ticket } from '../../../src/shared/domain/ticket';
import { availableTransitions } from '../../../src/shared/domain/workflow/transitions';
import { baseFor } from '../../../src/shared/sync/mutations/set-fields';

/**
 * The edits an agent makes in a working day, as sync mutations: pure code
 * shared by the Chromium push benchmark and the Node load generator. Texts
 * come from the data generator's phrase banks, so bodies have real sizes.
 */
export type MixKind = 'create' | 'setFields' | 'comment' | 'logWork' | 'transition';

/** Roughly what an agent's outbox holds after an offline morning. */
export const AGENT_MIX: ReadonlyArray<readonly [MixKind, number]> = [
  ['create', 10],
  ['setFields', 40],
  ['comment', 25],
  ['logWork', 10],
  ['transition', 15],
];

export interface MixInput {
  rng: Rng;
  actor: Actor;
  /** Tickets this agent currently sees (its local copy). */
  tickets: readonly Ticket[];
  /** People tickets may be assigned to. */
  assignees: readonly string[];
  now: number;
  newId(): string;
}

export interface PlannedMutation {
  kind: MixKind;
  name: string;
  version: number;
  args: Record<string, unknown>;
}

const workable = (m: MixInput): Ticket[] =>
  m.tickets.filter((t) => !isTerminal(t.state) && canWorkQueue(m.actor, t.queueId));

function create(m: MixInput): PlannedMutation {
  const bank = m.rng.pick(categoryBanks);
  const title = incidentTitle(m.rng, bank);
  return {
    kind: 'create',
    name: 'incident.create',
    version: 1,
    args: {
      id: m.newId(),
      title,
      description: incidentDescription(m.rng, bank, title),
      queueId: m.rng.pick(m.actor.queueIds),
      category: bank.name,
      impact: m.rng.int(1, 3),
      urgency: m.rng.int(1, 3),
      requesterId: m.actor.userId,
    },
  };
}

function setFields(m: MixInput, t: Ticket): PlannedMutation {
  const roll = m.rng.int(0, 3);
  const fields: Record<string, unknown> =
    roll === 0
      ? { assigneeId: m.rng.pick(m.assignees) }
      : roll === 1
        ? { impact: m.rng.int(1, 3), urgency: m.rng.int(1, 3) }
        : roll === 2
          ? { category: m.rng.pick(categoryBanks).name }
          : {
              title: `${t.title.replace(/ \(follow-up \d+\)$/, '')} (follow-up ${m.rng.int(1, 99)})`,
            };
  return {
    kind: 'setFields',
    name: 'ticket.setFields',
    version: 1,
    args: { ticketId: t.id, fields, base: baseFor(t, fields) },
  };
}

function transition(m: MixInput, t: Ticket): PlannedMutation | null {
  const options = availableTransitions(t, m.actor);
  if (options.length === 0) return null;
  const to = m.rng.pick(options);
  return {
    kind: 'transition',
    name: 'ticket.transition',
    version: 1,
    args: {
      ticketId: t.id,
      from: t.state,
      to: to.to,
      ...(to.needs.includes('holdReason') && { holdReason: 'awaiting_caller' }),
      ...(to.needs.includes('resolution') && {
        resolution: { code: 'fixed', notes: fill(m.rng, m.rng.pick(workNotes)) },
      }),
      ...(to.needs.includes('workaround') && { workaround: 'Restart the client and retry' }),
    },
  };
}

/** The next edit this agent makes, or a create when it sees nothing it may work. */
export function nextMutation(m: MixInput): PlannedMutation {
  const kind = m.rng.weighted(AGENT_MIX);
  const open = workable(m);
  if (kind === 'create' || open.length === 0) return create(m);
  const t = m.rng.pick(open);
  switch (kind) {
    case 'setFields':
      return setFields(m, t);
    case 'comment': {
      const internal = m.rng.chance(0.6);
      return {
        kind,
        name: 'ticket.addComment',
        version: 1,
        args: {
          id: m.newId(),
          ticketId: t.id,
          body: fill(m.rng, m.rng.pick(internal ? workNotes : publicReplies)),
          visibility: internal ? 'internal' : 'public',
        },
      };
    }
    case 'logWork':
      return {
        kind,
        name: 'ticket.logWork',
        version: 1,
        args: {
          id: m.newId(),
          ticketId: t.id,
          minutes: m.rng.int(5, 90),
          workDate: new Date(m.now).toISOString().slice(0, 10),
          note: fill(m.rng, m.rng.pick(worklogNotes)),
        },
      };
    case 'transition':
      return transition(m, t) ?? setFields(m, t);
  }
}
