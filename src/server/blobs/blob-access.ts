import { canSeeTicket, canWorkQueue } from '../../shared/domain/access';
import type { Actor } from '../../shared/domain/actor';
import type { QueueId } from '../../shared/ids';
import type { BlobDb } from './blob-tables';

export interface VisibleAttachment {
  ticketId: string;
  name: string;
}

interface ChildRow {
  ticket_id: string;
  internal: number;
  data: string;
}

const attachmentOf = (row: ChildRow, sha256: string): { name: string } | null => {
  try {
    const a = JSON.parse(row.data) as { sha256?: unknown; name?: unknown };
    return a.sha256 === sha256 && typeof a.name === 'string' ? { name: a.name } : null;
  } catch {
    return null;
  }
};

/**
 * The first attachment with this content on a ticket the actor may see (the
 * same rule that decides which tickets sync to them), or null. Blob bytes are
 * only as visible as the tickets that reference them: a hash alone must not
 * be a way to read someone else's file.
 *
 * `ticketId` is the client's hint (the ticket it is showing): one indexed
 * lookup. Without it every attachment row naming the hash is considered.
 */
export async function findVisibleAttachment(
  db: BlobDb,
  actor: Actor,
  sha256: string,
  ticketId: string | null,
): Promise<VisibleAttachment | null> {
  let q = db
    .selectFrom('ticket_children')
    .select(['ticket_id', 'internal', 'data'])
    .where('entity', '=', 'attachment');
  // The hash is validated as 64 hex digits before it gets here: safe inside LIKE.
  q = ticketId ? q.where('ticket_id', '=', ticketId) : q.where('data', 'like', `%${sha256}%`);
  const rows = await q.limit(ticketId ? 10_000 : 1_000).execute();
  for (const row of rows) {
    const found = attachmentOf(row, sha256);
    if (!found) continue;
    const ticket = await db
      .selectFrom('tickets')
      .select(['queue_id', 'requester_id'])
      .where('id', '=', row.ticket_id)
      .executeTakeFirst();
    if (!ticket) continue;
    const queueId = ticket.queue_id as QueueId;
    if (!canSeeTicket(actor, { requesterId: ticket.requester_id, queueId })) continue;
    if (row.internal === 1 && !canWorkQueue(actor, queueId)) continue;
    return { ticketId: row.ticket_id, name: found.name };
  }
  return null;
}
