/**
 * The per-ticket columns of the index, by document number: id, fingerprints
 * (to tell whether a stored ticket changed), comment count, flags and text
 * length. Typed arrays keep 100k tickets to a couple of megabytes.
 */
export const ALIVE = 1;
export const OPEN = 2;

type U32 = Uint32Array<ArrayBufferLike>;
type U16 = Uint16Array<ArrayBufferLike>;
type U8 = Uint8Array<ArrayBufferLike>;

export interface DocColumns {
  ids: string;
  fingerprints: U32;
  commentPrints: U32;
  commentCounts: U16;
  flags: U8;
  lengths: U16;
}

/** FNV-1a: a cheap fingerprint to tell whether an indexed ticket changed. */
export const fnv1a = (text: string, seed = 0x811c9dc5): number => {
  let h = seed;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
};

/** The comments' fingerprint from the xor of their ids' hashes and their count. */
export const foldCommentPrint = (xor: number, count: number): number =>
  (xor ^ Math.imul(count, 0x9e3779b1)) >>> 0;

/** Order-independent: comments arrive in any order, and are never edited. */
export const commentPrint = (commentIds: readonly string[]): number => {
  let x = 0;
  for (const id of commentIds) x ^= fnv1a(id);
  return foldCommentPrint(x, commentIds.length);
};

const grow = <A extends U32 | U16 | U8>(a: A, n: number, make: (size: number) => A): A => {
  if (n <= a.length) return a;
  const b = make(Math.max(n, a.length * 2, 256));
  b.set(a);
  return b;
};

export class DocTable {
  ids: string[] = [];
  prints: U32 = new Uint32Array(0);
  cprints: U32 = new Uint32Array(0);
  counts: U16 = new Uint16Array(0);
  flags: U8 = new Uint8Array(0);
  lengths: U16 = new Uint16Array(0);
  private byId = new Map<string, number>();
  /** Sum of the live documents' lengths, for length normalisation. */
  lengthSum = 0;
  /** Removed documents still holding a number (and entries) until the next merge. */
  dead = 0;

  /** Live documents. */
  get size(): number {
    return this.byId.size;
  }

  /** Document numbers in use, dead ones included. */
  get numbers(): number {
    return this.ids.length;
  }

  docOf(id: string): number | undefined {
    return this.byId.get(id);
  }

  liveIds(): string[] {
    return [...this.byId.keys()];
  }

  add(
    id: string,
    p: { print: number; cprint: number; comments: number; open: boolean; length: number },
  ): number {
    const doc = this.ids.length;
    const n = doc + 1;
    this.ids.push(id);
    this.prints = grow(this.prints, n, (s) => new Uint32Array(s));
    this.cprints = grow(this.cprints, n, (s) => new Uint32Array(s));
    this.counts = grow(this.counts, n, (s) => new Uint16Array(s));
    this.flags = grow(this.flags, n, (s) => new Uint8Array(s));
    this.lengths = grow(this.lengths, n, (s) => new Uint16Array(s));
    this.prints[doc] = p.print;
    this.cprints[doc] = p.cprint;
    this.counts[doc] = Math.min(p.comments, 0xffff);
    this.flags[doc] = ALIVE | (p.open ? OPEN : 0);
    this.lengths[doc] = Math.min(p.length, 0xffff);
    this.lengthSum += this.lengths[doc]!;
    this.byId.set(id, doc);
    return doc;
  }

  kill(id: string): boolean {
    const doc = this.byId.get(id);
    if (doc === undefined) return false;
    this.byId.delete(id);
    this.flags[doc] = 0;
    this.lengthSum -= this.lengths[doc]!;
    this.dead++;
    return true;
  }

  /** Drops dead documents; returns old number → new number (-1 for dropped), order kept. */
  compact(): Int32Array {
    const count = this.ids.length;
    const renumber = new Int32Array(count);
    let next = 0;
    for (let doc = 0; doc < count; doc++) renumber[doc] = this.flags[doc]! & ALIVE ? next++ : -1;
    const ids = new Array<string>(next);
    const prints = new Uint32Array(next);
    const cprints = new Uint32Array(next);
    const counts = new Uint16Array(next);
    const flags = new Uint8Array(next);
    const lengths = new Uint16Array(next);
    for (let doc = 0; doc < count; doc++) {
      const to = renumber[doc]!;
      if (to < 0) continue;
      ids[to] = this.ids[doc]!;
      prints[to] = this.prints[doc]!;
      cprints[to] = this.cprints[doc]!;
      counts[to] = this.counts[doc]!;
      flags[to] = this.flags[doc]!;
      lengths[to] = this.lengths[doc]!;
    }
    Object.assign(this, { ids, prints, cprints, counts, flags, lengths, dead: 0 });
    this.byId = new Map(ids.map((id, doc) => [id, doc]));
    return renumber;
  }

  /** The columns as saved (call compact first so every number is live). */
  columns(): DocColumns {
    const n = this.ids.length;
    return {
      ids: this.ids.join(' '),
      fingerprints: this.prints.slice(0, n),
      commentPrints: this.cprints.slice(0, n),
      commentCounts: this.counts.slice(0, n),
      flags: this.flags.slice(0, n),
      lengths: this.lengths.slice(0, n),
    };
  }

  static fromColumns(c: DocColumns): DocTable | null {
    const ids = c.ids === '' ? [] : c.ids.split(' ');
    const n = ids.length;
    if (
      c.fingerprints.length !== n ||
      c.commentPrints.length !== n ||
      c.commentCounts.length !== n ||
      c.flags.length !== n ||
      c.lengths.length !== n
    ) {
      return null;
    }
    const t = new DocTable();
    t.ids = ids;
    t.prints = c.fingerprints;
    t.cprints = c.commentPrints;
    t.counts = c.commentCounts;
    t.flags = c.flags;
    t.lengths = c.lengths;
    t.byId = new Map(ids.map((id, doc) => [id, doc]));
    for (let doc = 0; doc < n; doc++) t.lengthSum += c.lengths[doc]!;
    return t;
  }

  bytes(): number {
    return (
      this.prints.byteLength +
      this.cprints.byteLength +
      this.counts.byteLength +
      this.flags.byteLength +
      this.lengths.byteLength
    );
  }
}
