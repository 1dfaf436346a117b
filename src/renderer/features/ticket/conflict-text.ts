import { conflictCodes, type Conflict } from '../../../shared/domain/conflict';
import type { Ticket } from '../../../shared/domain/ticket';
import { sameValue } from '../../../shared/sync/merge';
import { fieldLabel, formatDateTime, formatFieldValue } from './format';
import type { Directory } from './use-ticket-data';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** Hub messages name people by id ("closed by 0190…"); people read names. */
export const withNames = (message: string, dir: Pick<Directory, 'users'>): string =>
  message.replace(UUID, (id) => dir.users.get(id.toLowerCase())?.displayName ?? id);

export const isFieldConflict = (c: Conflict): boolean =>
  c.field !== null && (c.code === conflictCodes.overwritten || c.code === conflictCodes.notApplied);

const rejectionTitles: Record<string, string> = {
  TRANSITION_CONFLICT: 'Your state change was not applied',
  FORBIDDEN: 'Your change was refused',
  GUARD_FAILED: 'Your change could not be applied',
  INVALID_TRANSITION: 'Your state change was not applied',
  VALIDATION: 'Your change was not accepted',
  NOT_FOUND: 'Your change was not applied',
};

/**
 * When the value that won was written. A conflict's `at` is the time of the
 * mutation that caused it: for an overwritten edit that is the winner's, but
 * for an edit that was not applied it is the loser's own (maybe days old, made
 * offline), so the winner's time comes from the ticket's field history.
 */
export const theirTime = (c: Conflict, ticket?: Pick<Ticket, 'events'>): number => {
  if (c.code !== conflictCodes.notApplied || !ticket) return c.at;
  const won = [...ticket.events]
    .reverse()
    .find(
      (e) =>
        e.kind === 'field' &&
        e.field === c.field &&
        e.by === c.theirsBy &&
        sameValue(e.to, c.theirs),
    );
  return won?.at ?? c.at;
};

/** The sentence the banner shows for one conflict (`ticket`: the one it concerns, for times). */
export const describeConflict = (
  c: Conflict,
  dir: Pick<Directory, 'users' | 'userName' | 'queues' | 'cis'>,
  ticket?: Pick<Ticket, 'events'>,
): { title: string; text: string } => {
  if (isFieldConflict(c)) {
    const field = c.field!;
    const verb = c.code === conflictCodes.overwritten ? 'was overwritten' : 'lost';
    const by = c.theirsBy ? dir.userName(c.theirsBy) : 'someone';
    const prep = c.code === conflictCodes.overwritten ? 'by' : 'to a change by';
    const when = formatDateTime(theirTime(c, ticket));
    return {
      title: `Your change to the ${fieldLabel(field)} ${verb} ${prep} ${by} at ${when}`,
      text: `yours ‘${formatFieldValue(field, c.mine, dir)}’, theirs ‘${formatFieldValue(field, c.theirs, dir)}’`,
    };
  }
  return {
    title: rejectionTitles[c.code] ?? 'Your change was not applied',
    text: withNames(c.message, dir),
  };
};
