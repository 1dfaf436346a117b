import { conflictCodes, type Conflict } from '../../../shared/domain/conflict';
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

/** The sentence the banner shows for one conflict. */
export const describeConflict = (
  c: Conflict,
  dir: Pick<Directory, 'users' | 'userName' | 'queues' | 'cis'>,
): { title: string; text: string } => {
  if (isFieldConflict(c)) {
    const field = c.field!;
    const verb = c.code === conflictCodes.overwritten ? 'was overwritten' : 'lost';
    const by = c.theirsBy ? dir.userName(c.theirsBy) : 'someone';
    const prep = c.code === conflictCodes.overwritten ? 'by' : 'to a change by';
    return {
      title: `Your change to ${fieldLabel(field)} ${verb} ${prep} ${by} at ${formatDateTime(c.at)}`,
      text: `yours ‘${formatFieldValue(field, c.mine, dir)}’, theirs ‘${formatFieldValue(field, c.theirs, dir)}’`,
    };
  }
  return {
    title: rejectionTitles[c.code] ?? 'Your change was not applied',
    text: withNames(c.message, dir),
  };
};
