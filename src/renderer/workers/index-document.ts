import type { Comment } from '../../shared/domain/comment';
import { ticketLabel, type Ticket } from '../../shared/domain/ticket';
import { fnv1a } from './doc-table';

/** A ticket as the search index takes it in. */
export interface IndexDocument {
  id: string;
  /** INC0001234, or the provisional label until the hub numbers it. */
  label: string;
  type: string;
  state: string;
  title: string;
  description: string;
  comments: readonly { id: string; body: string }[];
}

export interface IndexHit {
  id: string;
  score: number;
  /** The query matched this ticket's number exactly. */
  exactNumber: boolean;
  /** Indexed terms that matched, one per query word (for highlighting). */
  terms: string[];
}

export interface SearchOptions {
  limit?: number;
  /** Only tickets still being worked (not resolved, closed, cancelled…). */
  openOnly?: boolean;
  /** Leave these tickets out (the one being edited). */
  exclude?: ReadonlySet<string>;
  /**
   * 'all' (default): every word must match, as in a search box. 'some': most
   * words are enough, best matches first, for "is this the same issue?"
   * suggestions where a new title rarely repeats an old one word for word.
   */
  match?: 'all' | 'some';
}

/** Words a 'some' search needs a ticket to match. */
export const wordsNeeded = (words: number): number =>
  words <= 2 ? words : Math.max(2, Math.ceil(words * 0.4));

/** Fingerprint of a ticket's indexed fields: unchanged means no re-indexing. */
export const ticketPrint = (d: Omit<IndexDocument, 'comments'>): number =>
  fnv1a(`${d.label}\u0000${d.type}\u0000${d.state}\u0000${d.title}\u0000${d.description}`);

/** A ticket's indexed fields, without its comments. */
const fieldsOf = (t: Ticket): Omit<IndexDocument, 'comments'> => ({
  id: t.id,
  label: ticketLabel(t),
  type: t.type,
  state: t.state,
  title: t.title,
  description: t.description,
});

/** A ticket and its comments as the index takes them in. */
export const documentOf = (t: Ticket, comments: readonly Comment[]): IndexDocument => ({
  ...fieldsOf(t),
  comments: comments.map((c) => ({ id: c.id, body: c.body })),
});

/** The fingerprint of a ticket's indexed fields, read off the ticket. */
export const printOf = (t: Ticket): number => ticketPrint(fieldsOf(t));
