import { ticketsByIds } from '../db/ticket-packs';
import type { Comment } from '../../shared/domain/comment';
import type { Priority } from '../../shared/domain/priority';
import type { TicketType } from '../../shared/domain/states';
import { ticketLabel, type Ticket } from '../../shared/domain/ticket';
import { childrenOf } from '../db/child-packs';
import type { OutpostDb } from '../db/database';
import { queryTokens } from './search-text';
import { highlight, opening, snippet, termMatcher, type Segment } from './snippet';
import type { IndexHit } from './index-document';

/** One row of search results, ready to show (text comes as highlighted segments). */
export interface SearchResult {
  id: string;
  label: string;
  type: TicketType;
  state: string;
  priority: Priority;
  title: Segment[];
  /** Where the matched words are: the description, or one comment. */
  snippet: { source: 'description' | 'comment'; segments: Segment[] } | null;
  exactNumber: boolean;
}

/**
 * Turns index hits into rows from the current records. Rows are read at
 * query time, so a result always shows the ticket as it is now, even when
 * the index has not caught up with the latest edit yet.
 */
export async function buildResults(
  db: OutpostDb,
  query: string,
  hits: readonly IndexHit[],
): Promise<SearchResult[]> {
  if (hits.length === 0) return [];
  const partial = queryTokens(query)
    .filter((t) => t.partial)
    .map((t) => t.term);
  const tickets = await ticketsByIds(
    db,
    hits.map((h) => h.id),
  );
  const present = tickets.filter((t): t is Ticket => t !== undefined);
  const results: SearchResult[] = [];
  const needComments: { result: SearchResult; hit: IndexHit; ticket: Ticket }[] = [];
  hits.forEach((hit, i) => {
    const ticket = tickets[i];
    if (!ticket) return;
    const match = termMatcher(hit.terms, partial);
    const inDescription = snippet(ticket.description, match);
    const result: SearchResult = {
      id: ticket.id,
      label: ticketLabel(ticket),
      type: ticket.type,
      state: ticket.state,
      priority: ticket.priority,
      title: highlight(ticket.title, match),
      snippet: inDescription ? { source: 'description', segments: inDescription } : null,
      exactNumber: hit.exactNumber,
    };
    results.push(result);
    if (!inDescription) needComments.push({ result, hit, ticket });
  });
  if (needComments.length > 0 && present.length > 0) {
    const comments = await childrenOf(
      db,
      'comments',
      needComments.map((n) => n.ticket.id),
    );
    const byTicket = new Map<string, Comment[]>();
    for (const c of comments) {
      const list = byTicket.get(c.ticketId) ?? [];
      list.push(c);
      byTicket.set(c.ticketId, list);
    }
    for (const { result, hit, ticket } of needComments) {
      const match = termMatcher(hit.terms, partial);
      // Newest first: the latest comment that mentions the words is the likeliest one meant.
      const list = (byTicket.get(ticket.id) ?? []).sort((a, b) => b.createdAt - a.createdAt);
      let found: Segment[] | null = null;
      for (const c of list) {
        found = snippet(c.body, match);
        if (found) break;
      }
      if (found) result.snippet = { source: 'comment', segments: found };
      else {
        const start = opening(ticket.description, match);
        result.snippet = start ? { source: 'description', segments: start } : null;
      }
    }
  }
  return results;
}
