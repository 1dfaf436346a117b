import { conflictCodes, type Conflict } from '../../../shared/domain/conflict';
import type { Ticket } from '../../../shared/domain/ticket';
import { sameValue } from '../../../shared/sync/merge';
import { capitalise, fieldLabel, formatDateTime, formatFieldValue } from './format';
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

/** Keys of mutation args that hold ids, codes, dates or stamps: nothing a person typed. */
const notTyped = new Set([
  'id',
  'ticketId',
  'articleId',
  'ciId',
  'parentId',
  'queueId',
  'assigneeId',
  'requesterId',
  'catalogItemId',
  'userId',
  'fromId',
  'base',
  'hlc',
  'from',
  'to',
  'code',
  'kind',
  'type',
  'state',
  'holdReason',
  'changeKind',
  'risk',
  'decision',
  'visibility',
  'workDate',
  'mime',
  'sha256',
]);
const ONLY_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The text a person typed into a mutation's args, each piece with the label of its field. */
export const typedTextOf = (args: unknown): Array<{ label: string; text: string }> => {
  const out: Array<{ label: string; text: string }> = [];
  const walk = (v: unknown, key: string | null, depth: number): void => {
    if (typeof v === 'string') {
      if (key !== null && v.trim() !== '' && !ONLY_UUID.test(v)) {
        out.push({ label: fieldLabel(key), text: v });
      }
      return;
    }
    if (depth > 4 || typeof v !== 'object' || v === null) return;
    if (Array.isArray(v)) {
      for (const x of v) walk(x, key, depth + 1);
      return;
    }
    for (const [k, x] of Object.entries(v)) if (!notTyped.has(k)) walk(x, k, depth + 1);
  };
  walk(args, null, 0);
  return out;
};

/**
 * What "Copy my text" puts on the clipboard for an edit the hub never got: the
 * typed text alone when there is one piece, labelled pieces when there are
 * several, and the whole edit as JSON when none is text (so nothing is out of reach).
 */
export const copyableText = (args: unknown): string => {
  const parts = typedTextOf(args);
  if (parts.length === 1) return parts[0]!.text;
  if (parts.length > 1) return parts.map((p) => `${capitalise(p.label)}:\n${p.text}`).join('\n\n');
  return JSON.stringify(args, null, 2) ?? '';
};

const editNames: Record<string, string> = {
  'ticket.addComment': 'comment',
  'ticket.logWork': 'work log entry',
  'ticket.transition': 'state change',
};

/** "Your change to the description", "Your comment", "Your new ticket": a too-large edit. */
export const tooLargeSubject = (c: Pick<Conflict, 'mutation' | 'mine'>): string => {
  const name = c.mutation.replace(/@\d+$/, '');
  const fields = (c.mine as { fields?: unknown } | null)?.fields;
  if (typeof fields === 'object' && fields !== null && Object.keys(fields).length > 0) {
    const labels = Object.keys(fields).map(fieldLabel);
    const list =
      labels.length === 1 ? labels[0] : `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}`;
    return `Your change to the ${list}`;
  }
  if (editNames[name]) return `Your ${editNames[name]}`;
  if (name === 'kb.create') return 'Your new article';
  if (name === 'ci.create') return 'Your new configuration item';
  if (name.endsWith('.create')) return 'Your new ticket';
  return 'Your change';
};
