import type { UserId } from '../ids';
import { compareHlc, type Hlc } from './hlc';

/**
 * Field-level last-writer-wins (SYNC.md "Merge rules"). The winner is the write with
 * the greater HLC; the node id inside the stamp breaks ties, so plain string order is
 * total and every replica picks the same winner whatever order writes arrive in.
 *
 * A write is *concurrent* when its author had not seen the current value
 * (incoming.base ≠ current stamp). Then the value that lost — whichever side it is —
 * is reported with its author so the conflict log can show it to them. An incoming
 * write that loses is always reported (its author's edit did not take effect).
 */
export interface FieldStamp {
  hlc: Hlc;
  by: UserId;
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

export const mergeField = <T>(
  current: CurrentField<T>,
  incoming: IncomingField<T>,
): MergeResult<T> => {
  const cur = current.stamp ?? null;
  const concurrent = incoming.base !== (cur?.hlc ?? null);
  const incomingWins = cur === null || compareHlc(incoming.hlc, cur.hlc) > 0;
  const differ = !sameValue(current.value, incoming.value);

  if (incomingWins) {
    const lost: LostWrite<T> | null =
      concurrent && differ && cur !== null
        ? { value: current.value, by: cur.by, hlc: cur.hlc, side: 'current' }
        : null;
    return {
      value: incoming.value,
      stamp: { hlc: incoming.hlc, by: incoming.by },
      changed: true,
      lost,
      winnerBy: incoming.by,
    };
  }
  // Equal stamps are the same write delivered twice: nothing to do, nothing lost.
  // Any other losing write is reported even if it claims to have seen the current
  // value (possible only after clock clamping), so no edit disappears silently.
  const duplicate = cur !== null && compareHlc(incoming.hlc, cur.hlc) === 0;
  const lost: LostWrite<T> | null =
    !duplicate && differ
      ? { value: incoming.value, by: incoming.by, hlc: incoming.hlc, side: 'incoming' }
      : null;
  return { value: current.value, stamp: cur, changed: false, lost, winnerBy: cur?.by ?? null };
};
