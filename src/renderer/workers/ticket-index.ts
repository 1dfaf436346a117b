import SearchableMap from 'minisearch/SearchableMap';
import { ALIVE, commentPrint, DocTable, OPEN, type DocColumns } from './doc-table';
import {
  ticketPrint,
  wordsNeeded,
  type IndexDocument,
  type IndexHit,
  type SearchOptions,
} from './index-document';
import {
  DEFAULT_BUFFER_LIMIT,
  FREQ_BITS,
  MAX_DOCS,
  packFreq,
  Postings,
  withoutEmptyTerms,
  type PostingsData,
} from './postings';
import { countTerms, labelTerm, numberForms, queryTokens } from './search-text';
import { topDocs } from './top-docs';

const FREQ_MASK = (1 << FREQ_BITS) - 1;

export interface SerializedIndex extends DocColumns {
  format: typeof FORMAT;
  terms: string;
  postings: PostingsData;
}

const FORMAT = 'outpost-ticket-index/1';
const CLOSED_STATES = new Set(['resolved', 'fulfilled', 'closed', 'cancelled', 'rejected']);

// Ranking weights: a number match beats a title match beats body text.
const W_NUMBER = 6;
const W_TITLE = 2.5;
const W_BODY = 1;
const W_COMMENTS = 0.8;
const K1 = 1.2;
const B = 0.75;

/**
 * Full-text index of tickets: number, title, description and comments, with
 * prefix matching for the word being typed, typo tolerance (MiniSearch's
 * radix tree gives prefix and fuzzy term lookup) and every word required.
 * Tickets are added, replaced and removed one at a time; nothing is rebuilt.
 */
export class TicketIndex {
  /** Prefix and typo lookups. */
  private dict = new SearchableMap<number>();
  /** Exact lookups: a hash map is many times faster than walking the tree. */
  private ids = new Map<string, number>();
  private termText: string[] = [];
  private postings = new Postings();
  private docs = new DocTable();
  // Per-query scratch, reused so a keystroke allocates little.
  private weights = new Float32Array(0);
  private marks = new Int32Array(0);
  private tokenScore = new Float32Array(0);
  private total = new Float32Array(0);
  private counts = new Uint8Array(0);
  private best: Int32Array[] = [];
  private stamp = 0;

  /**
   * While a whole store is being indexed, merges wait for a buffer half the
   * size of the merged part (merging costs the whole index each time); a
   * query then scans a larger buffer, which only matters during the build.
   */
  bulkLoading = false;

  constructor(private readonly bufferLimit = DEFAULT_BUFFER_LIMIT) {}

  private get mergeAt(): number {
    return this.bulkLoading
      ? Math.max(this.bufferLimit, this.postings.merged / 2)
      : this.bufferLimit;
  }

  get size(): number {
    return this.docs.size;
  }

  has(id: string): boolean {
    return this.docs.docOf(id) !== undefined;
  }

  /** Ids of every indexed ticket. */
  idList(): string[] {
    return this.docs.liveIds();
  }

  /** Comments indexed with a ticket (0 when it is not indexed). */
  commentCount(id: string): number {
    const doc = this.docs.docOf(id);
    return doc === undefined ? 0 : this.docs.counts[doc]!;
  }

  /** The fingerprints a ticket was indexed with, or null. */
  printsOf(id: string): { print: number; cprint: number } | null {
    const doc = this.docs.docOf(id);
    return doc === undefined
      ? null
      : { print: this.docs.prints[doc]!, cprint: this.docs.cprints[doc]! };
  }

  /** Adds or replaces a ticket; false when it was already indexed as it is. */
  upsert(d: IndexDocument): boolean {
    const print = ticketPrint(d);
    const cprint = commentPrint(d.comments.map((c) => c.id));
    const was = this.printsOf(d.id);
    if (was && was.print === print && was.cprint === cprint) return false;
    this.remove(d.id);
    if (this.docs.numbers >= MAX_DOCS - 1) this.merge();
    const title = new Map<string, number>();
    const body = new Map<string, number>();
    const comments = new Map<string, number>();
    countTerms(d.title, title);
    let length = countTerms(d.description, body);
    for (const c of d.comments) length += countTerms(c.body, comments);
    const doc = this.docs.add(d.id, {
      print,
      cprint,
      comments: d.comments.length,
      open: !CLOSED_STATES.has(d.state),
      length,
    });
    const number = labelTerm(d.label);
    const all = new Set([number, ...title.keys(), ...body.keys(), ...comments.keys()]);
    for (const term of all) {
      const freq = packFreq(
        term === number,
        title.get(term) ?? 0,
        body.get(term) ?? 0,
        comments.get(term) ?? 0,
      );
      this.postings.add(this.termId(term), doc, freq);
    }
    if (this.postings.pending >= this.mergeAt) this.merge();
    return true;
  }

  remove(id: string): boolean {
    return this.docs.kill(id);
  }

  private termId(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.termText.length;
      this.termText.push(term);
      this.ids.set(term, id);
      this.dict.set(term, id);
    }
    return id;
  }

  /** Folds pending entries in and forgets removed tickets (renumbering the rest densely). */
  merge(): void {
    this.postings.merge(this.termText.length, this.docs.compact());
  }

  /** Pending entries or removed tickets still taking space. */
  get needsMerge(): boolean {
    return this.postings.pending > 0 || this.docs.dead > 0;
  }

  private scratch(): void {
    const docs = this.docs.numbers;
    if (this.marks.length < docs) {
      const size = Math.max(docs, this.marks.length * 2, 1024);
      this.marks = new Int32Array(size);
      this.tokenScore = new Float32Array(size);
      this.total = new Float32Array(size);
      this.counts = new Uint8Array(size);
      this.best = [];
      this.stamp = 0;
    }
    if (this.weights.length < this.termText.length) {
      this.weights = new Float32Array(Math.max(this.termText.length, this.weights.length * 2));
    }
  }

  /** Candidate terms of one query word with how well each matches (1 = exactly). */
  private candidates(term: string, partial: boolean): Map<number, number> {
    const out = new Map<number, number>();
    const exact = this.ids.get(term);
    if (exact !== undefined) out.set(exact, 1);
    if (partial) {
      for (const [t, id] of this.dict.atPrefix(term)) {
        if (!out.has(id)) out.set(id, 0.7 + 0.25 * (term.length / t.length));
      }
    }
    // Codes and numbers are typed exactly; typo matching them only adds noise.
    if (term.length >= 5 && !/\d/.test(term)) {
      const distance = term.length >= 9 ? 2 : 1;
      for (const [, [id, d]] of this.dict.fuzzyGet(term, distance)) {
        const q = d === 0 ? 1 : 0.6 - 0.15 * (d - 1);
        if ((out.get(id) ?? 0) < q) out.set(id, q);
      }
    }
    return out;
  }

  private idf(termId: number): number {
    const n = Math.max(1, this.docs.size);
    const df = Math.min(n, Math.max(1, this.postings.mergedCount(termId)));
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  search(query: string, options: SearchOptions = {}): IndexHit[] {
    const limit = options.limit ?? 20;
    const tokens = queryTokens(query);
    this.scratch();
    const exact = this.exactNumbers(query, options);
    if (tokens.length === 0) return exact.slice(0, limit);
    const some = options.match === 'some';
    const lists = tokens.map((t) => this.candidates(t.term, t.partial));
    if (!some && lists.some((l) => l.size === 0)) return exact.slice(0, limit);
    // Rarest word first: later words only revisit documents that matched so far.
    const order = lists
      .map((l, i) => ({ l, i, cost: this.cost(l) }))
      .filter((o) => o.l.size > 0)
      .sort((a, b) => a.cost - b.cost);
    // Marks say which step last matched a document; stamps only grow, so
    // marks left by earlier queries never look current.
    if (this.stamp > 0x7fff0000) {
      this.marks.fill(0);
      this.stamp = 0;
    }
    const base = this.stamp;
    this.stamp += tokens.length + 1;
    while (this.best.length < tokens.length) this.best.push(new Int32Array(this.marks.length));
    const touched: number[] = [];
    const matchedBy = some ? tokens.map(() => new Set<number>()) : null;
    order.forEach(({ l, i }, step) =>
      this.scoreWord(l, step, base, this.best[i]!, touched, options, matchedBy?.[i] ?? null),
    );
    const needed = wordsNeeded(tokens.length);
    const qualifies = some
      ? (doc: number) => this.counts[doc]! >= needed
      : (doc: number) => this.marks[doc] === base + tokens.length;
    const top = topDocs(touched, this.total, qualifies, limit + exact.length, (doc) =>
      Boolean(options.exclude?.has(this.docs.ids[doc]!)),
    );
    if (some) for (const doc of touched) this.counts[doc] = 0;
    const exactIds = new Set(exact.map((h) => h.id));
    const hits: IndexHit[] = [];
    for (const doc of top) {
      if (exactIds.has(this.docs.ids[doc]!)) continue;
      const terms: string[] = [];
      tokens.forEach((_, i) => {
        if (!matchedBy || matchedBy[i]!.has(doc)) terms.push(this.termText[this.best[i]![doc]!]!);
      });
      hits.push({ id: this.docs.ids[doc]!, score: this.total[doc]!, exactNumber: false, terms });
    }
    return [...exact, ...hits].slice(0, limit);
  }

  private cost(candidates: Map<number, number>): number {
    let n = 0;
    for (const id of candidates.keys()) n += this.postings.mergedCount(id);
    return n;
  }

  /**
   * Scores one query word: every document that matched the words before it
   * (all documents for the first) and has one of the word's candidate terms
   * gets its best term's score added. The loops are inline on purpose: this
   * runs for every entry of every candidate term, on every keystroke.
   */
  private scoreWord(
    candidates: Map<number, number>,
    step: number,
    base: number,
    best: Int32Array,
    touched: number[],
    options: SearchOptions,
    /** 'some' searches: collects the documents this word matched. */
    matchedBy: Set<number> | null,
  ): void {
    const { marks, tokenScore, total, weights, counts } = this;
    const { flags, lengths } = this.docs;
    const { offsets, entries, bufTerm, bufEntry, bufLen } = this.postings.raw();
    const avgLength = this.docs.size ? this.docs.lengthSum / this.docs.size : 1;
    const required = options.openOnly ? ALIVE | OPEN : ALIVE;
    const matched = base + step + 1;
    for (const [id, q] of candidates) weights[id] = q * this.idf(id);
    const score = (termId: number, doc: number, f: number) => {
      const mark = marks[doc]!;
      if (!matchedBy && mark !== matched && (step === 0 ? mark > base : mark !== base + step)) {
        return;
      }
      if ((flags[doc]! & required) !== required) return;
      const norm = K1 * (1 - B + (B * lengths[doc]!) / avgLength);
      const title = (f >> 1) & 3;
      const body = (f >> 3) & 15;
      const comments = (f >> 7) & 7;
      const s =
        weights[termId]! *
        (W_NUMBER * (f & 1) +
          (W_TITLE * title * (K1 + 1)) / (title + K1) +
          (W_BODY * body * (K1 + 1)) / (body + norm) +
          (W_COMMENTS * comments * (K1 + 1)) / (comments + norm));
      if (mark !== matched) {
        marks[doc] = matched;
        tokenScore[doc] = s;
        best[doc] = termId;
        if (matchedBy) {
          matchedBy.add(doc);
          if (counts[doc]!++ === 0) {
            total[doc] = 0;
            touched.push(doc);
          }
        } else if (step === 0) {
          total[doc] = 0;
          touched.push(doc);
        }
      } else if (s > tokenScore[doc]!) {
        tokenScore[doc] = s;
        best[doc] = termId;
      }
    };
    for (const t of candidates.keys()) {
      if (t + 1 >= offsets.length) continue;
      for (let k = offsets[t]!, end = offsets[t + 1]!; k < end; k++) {
        const e = entries[k]!;
        score(t, e >>> FREQ_BITS, e & FREQ_MASK);
      }
    }
    for (let k = 0; k < bufLen; k++) {
      const t = bufTerm[k]!;
      if (weights[t]! > 0) score(t, bufEntry[k]! >>> FREQ_BITS, bufEntry[k]! & FREQ_MASK);
    }
    for (const id of candidates.keys()) weights[id] = 0;
    for (const doc of touched) if (marks[doc] === matched) total[doc]! += tokenScore[doc]!;
  }

  /** Tickets whose number the whole query names ("INC0001234", "inc 1234", "1234"). */
  private exactNumbers(query: string, options: SearchOptions): IndexHit[] {
    const out: IndexHit[] = [];
    const required = options.openOnly ? ALIVE | OPEN : ALIVE;
    for (const form of numberForms(query)) {
      const termId = this.ids.get(form);
      if (termId === undefined) continue;
      this.postings.forTerm(termId, (doc, f) => {
        if (!(f & 1) || (this.docs.flags[doc]! & required) !== required) return;
        const id = this.docs.ids[doc]!;
        if (options.exclude?.has(id) || out.some((h) => h.id === id)) return;
        out.push({ id, score: Number.POSITIVE_INFINITY, exactNumber: true, terms: [form] });
      });
    }
    return out;
  }

  serialize(): SerializedIndex {
    if (this.needsMerge) this.merge();
    // Terms whose tickets all went away are dropped from the saved copy.
    const { postings, terms } = withoutEmptyTerms(this.postings.data(), this.termText);
    return {
      format: FORMAT,
      terms: terms.join('\n'),
      postings,
      ...this.docs.columns(),
    };
  }

  /** Rebuilds the in-memory index from a saved copy; null when the copy is not one. */
  static load(s: SerializedIndex, bufferLimit?: number): TicketIndex | null {
    if (s.format !== FORMAT) return null;
    const terms = s.terms === '' ? [] : s.terms.split('\n');
    const docs = DocTable.fromColumns(s);
    if (!docs || s.postings.offsets.length !== terms.length + 1) return null;
    const index = new TicketIndex(bufferLimit);
    terms.forEach((t, i) => index.dict.set(t, i));
    index.ids = new Map(terms.map((t, i) => [t, i]));
    index.termText = terms;
    index.postings = new Postings(s.postings);
    index.docs = docs;
    return index;
  }

  /** Approximate bytes of the typed arrays (the dictionary and id map come on top). */
  bytes(): number {
    return this.postings.bytes() + this.docs.bytes();
  }
}
