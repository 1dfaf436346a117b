import type { ClientId, TicketId } from '../../ids';
import { formatHlc } from '../../sync/hlc';
import { mutationCtx, runMutation } from '../../sync/mutations';
import type { User } from '../accounts';
import type { Comment } from '../comment';
import type { Link } from '../link';
import type { DomainSettings } from '../settings';
import type { Ticket } from '../ticket';
import type { WorklogEntry } from '../worklog';
import { actorOf } from './people';

/** One step of a generated history: what `npm run seed` replays on a hub. */
export type GeneratedMutation = {
  name: string;
  version: number;
  userId: User['id'];
  args: Record<string, unknown>;
  hlc: string;
};

/** One generated ticket with the children its history produced (links it made included). */
export type GeneratedTicket = {
  ticket: Ticket;
  comments: Comment[];
  worklogs: WorklogEntry[];
  links: Link[];
  /** The mutations that produced it, in order, so a hub can rebuild it through its own rules. */
  mutations: GeneratedMutation[];
};

/**
 * Builds one ticket's history by running the app's real mutations, so the events,
 * stamps and children are exactly what the app would have recorded. Steps happen at
 * increasing times; a step planned after `now` ends the story there, which leaves
 * recent tickets open in whatever state they had reached.
 */
export interface TicketRunner {
  /** The time of the last step. */
  readonly time: number;
  /** Moves to `at` (at least a second after the last step); false once past now. */
  advance(at: number): boolean;
  /**
   * Runs `name@1` as `user` at the current time; a refusal is a generator bug and throws.
   * `others` are further tickets the mutation reads (the other end of a link).
   */
  run(name: string, user: User, args: Record<string, unknown>, others?: readonly Ticket[]): void;
  /** ticket.setFields with the stamps the author saw, so it never conflicts. */
  setFields(user: User, fields: Record<string, unknown>): void;
  ticket(): Ticket;
  result(): GeneratedTicket;
}

const NODE = 'seed';

export const ticketRunner = (
  settings: DomainSettings,
  startMs: number,
  nowMs: number,
): TicketRunner => {
  let time = startMs - 1000;
  let ticket: Ticket | null = null;
  const comments: Comment[] = [];
  const worklogs: WorklogEntry[] = [];
  const links: Link[] = [];
  const mutations: GeneratedMutation[] = [];

  const current = (): Ticket => {
    if (!ticket) throw new Error('generator: no ticket has been created yet');
    return ticket;
  };

  const run: TicketRunner['run'] = (name, user, args, others = []) => {
    const hlc = formatHlc({ wallMs: time, counter: 0, nodeId: NODE });
    const ctx = mutationCtx({ actor: actorOf(user), clientId: NODE as ClientId, hlc, settings });
    const tickets = new Map<TicketId, Ticket>(others.map((o) => [o.id, o]));
    if (ticket) tickets.set(ticket.id, ticket);
    const out = runMutation(name, 1, args, { tickets, articles: new Map(), cis: new Map() }, ctx);
    if (!out.ok) {
      throw new Error(
        `generator: ${name} by ${user.username} was refused: ${out.error.code} ${out.error.message}`,
      );
    }
    mutations.push({ name, version: 1, userId: user.id, args, hlc });
    for (const e of out.effects) {
      // Only this runner's ticket: others were loaded to be read, not to be replaced.
      if (e.type === 'put' && e.entity === 'ticket' && (!ticket || e.value.id === ticket.id))
        ticket = e.value;
      else if (e.type === 'insert' && e.entity === 'comment') comments.push(e.value);
      else if (e.type === 'insert' && e.entity === 'worklog') worklogs.push(e.value);
      else if (e.type === 'insert' && e.entity === 'link') links.push(e.value);
    }
  };

  return {
    get time() {
      return time;
    },
    advance(at) {
      const next = Math.max(Math.round(at), time + 1000);
      if (next > nowMs) return false;
      time = next;
      return true;
    },
    run,
    setFields(user, fields) {
      const t = current();
      const base = Object.fromEntries(
        Object.keys(fields).map((k) => [k, t.stamps[k]?.hlc ?? null]),
      );
      run('ticket.setFields', user, { ticketId: t.id, fields, base });
    },
    ticket: current,
    result: () => ({ ticket: current(), comments, worklogs, links, mutations }),
  };
};
