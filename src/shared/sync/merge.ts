import type { UserId } from '../ids';
import { compareHlc, type Hlc } from './hlc';

/**
 * Field-level last-writer-wins (SYNC.md "Merge rules"). The winner is the write with
 * the greater HLC; the node id inside the stamp breaks ties, so plain string order is
 * total and every replica picks the same winner whatever order writes arrive in.
 *
 * A write is *concurrent* when its author had not seen the current value
 * (incoming.base ≠ current stamp). Then the value that lost — whichever side it is —
 * is reported with its authors so the conflict log can show it to each of them. An
 * incoming write that loses is always reported (its author's edit did not take effect).
 *
 * Several people may set the same value without seeing each other's edit. The stamp
 * keeps one of them in `by`; the others become `coAuthors`, so that if the value is
 * later overwritten by a concurrent edit, every one of them is told, not only `by`.
 */
export interface FieldStamp {
  hlc: Hlc;
  by: UserId;
  /**
   * Others who wrote this same value without having seen this stamp; absent when
   * none (stored stamps and older clients have no such key, which reads the same).
   */
  coAuthors?: UserId[];
}

export interface CurrentField<T> {
  value: T;
  stamp?: FieldStamp | null;
}

export interface IncomingField<T> {
  value: T;
  hlc: Hlc;
  by: UserId;
  /** The stamp the author last saw for this field; null when it had none. */
  base: Hlc | null;
}

export interface LostWrite<T> {
  value: T;
  by: UserId | null;
  /** Everyone who wrote the lost value: `by` first, then the stamp's co-authors. */
  authors: UserId[];
  hlc: Hlc | null;
  /** 'incoming': the new write lost; 'current': the stored value was overwritten. */
  side: 'incoming' | 'current';
}

export interface MergeResult<T> {
  value: T;
  stamp: FieldStamp | null;
  /** True when the stored value or stamp must be replaced. */
  changed: boolean;
  /** The value that lost a concurrent write with a different value, else null. */
  lost: LostWrite<T> | null;
  winnerBy: UserId | null;
}

/** Structural equality for JSON-like field values (arrays of tags, null, primitives). */
export const sameValue = (a: unknown, b: unknown): boolean => {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) =>
    sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
};

/** Everyone a stamp stands for: its writer, then its co-authors. */
export const stampAuthors = (stamp: FieldStamp): UserId[] => [
  stamp.by,
  ...(stamp.coAuthors ?? []).filter((a) => a !== stamp.by),
];

/** A stamp with these co-authors (sorted, without `by`); no key at all when there are none. */
const withCoAuthors = (hlc: Hlc, by: UserId, coAuthors: readonly UserId[]): FieldStamp => {
  const others = [...new Set(coAuthors)].filter((a) => a !== by).sort();
  return others.length ? { hlc, by, coAuthors: others } : { hlc, by };
};

export const mergeField = <T>(
  current: CurrentField<T>,
  incoming: IncomingField<T>,
): MergeResult<T> => {
  const cur = current.stamp ?? null;
  const concurrent = incoming.base !== (cur?.hlc ?? null);
  const order = cur === null ? 1 : compareHlc(incoming.hlc, cur.hlc);
  const differ = !sameValue(current.value, incoming.value);

  if (order > 0) {
    // The winner takes over the stamp. If its author had not seen the current value
    // and wrote the same one, the current authors' edits live on in it: keep them as
    // co-authors. An author who saw the stamp replaced their edits knowingly.
    const inherited = concurrent && !differ && cur !== null ? stampAuthors(cur) : [];
    const lost: LostWrite<T> | null =
      concurrent && differ && cur !== null
        ? {
            value: current.value,
            by: cur.by,
            authors: stampAuthors(cur),
            hlc: cur.hlc,
            side: 'current',
          }
        : null;
    return {
      value: incoming.value,
      stamp: withCoAuthors(incoming.hlc, incoming.by, inherited),
      changed: true,
      lost,
      winnerBy: incoming.by,
    };
  }
  const unchanged = { value: current.value, stamp: cur, changed: false, lost: null };
  const winnerBy = cur?.by ?? null;
  // Equal stamps are the same write delivered twice: nothing to do, nothing lost.
  if (order === 0 || cur === null) return { ...unchanged, winnerBy };
  // Any other losing write is reported even if it claims to have seen the current
  // value (possible only after clock clamping), so no edit disappears silently.
  if (differ) {
    const lost: LostWrite<T> = {
      value: incoming.value,
      by: incoming.by,
      authors: [incoming.by],
      hlc: incoming.hlc,
      side: 'incoming',
    };
    return { ...unchanged, lost, winnerBy };
  }
  // An older write of the value that stands: its author must be told too if the value
  // is overwritten later, so they join the stamp (the stamp itself stays the winner's).
  if (stampAuthors(cur).includes(incoming.by)) return { ...unchanged, winnerBy };
  const stamp = withCoAuthors(cur.hlc, cur.by, [...(cur.coAuthors ?? []), incoming.by]);
  return { ...unchanged, stamp, changed: true, winnerBy };
};
