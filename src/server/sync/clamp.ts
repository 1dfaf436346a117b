import { formatHlc, hlcClamp, hlcNodeId, parseHlc, type Hlc } from '../../shared/sync/hlc';
import type { DbExecutor } from '../storage/schema';

/** A laptop clock may run this far ahead before the hub pulls its stamps back. */
export const HLC_TOLERANCE_MS = 60_000;

/** The largest HLC counter (6 digits, see shared/sync/hlc.ts). */
const MAX_COUNTER = 999_999;

/**
 * The stamp the hub applies a mutation with (SYNC.md: clamp, don't reject).
 * A stamp beyond hub time + tolerance is pulled back to that time; its
 * counter becomes the mutation id, so a device's edits made hours apart on a
 * clock days ahead keep the order they were made in instead of collapsing
 * onto one stamp, where the later edit would look like a redelivery of the
 * earlier one and be dropped without a trace.
 */
export function hubStamp(
  hlc: string,
  mutationId: number,
  hubNow: number,
): { stamp: Hlc; clamped: boolean } {
  const c = hlcClamp(hlc, hubNow, HLC_TOLERANCE_MS);
  if (!c.clamped) return c;
  const p = parseHlc(c.stamp);
  if (!p.ok) return c;
  return {
    stamp: formatHlc({ ...p.value, counter: Math.min(Math.max(mutationId, 0), MAX_COUNTER) }),
    clamped: true,
  };
}

type Bases = Record<string, string | null>;

const basesOf = (args: unknown): Bases | null => {
  if (typeof args !== 'object' || args === null) return null;
  const base = (args as { base?: unknown }).base;
  return typeof base === 'object' && base !== null ? (base as Bases) : null;
};

/**
 * A device that edits a field again before its first edit was pushed names
 * its own, unclamped stamp as the value it saw. If the hub clamped that
 * earlier edit, the name is rewritten to the stamp the hub stored, so the
 * second edit is an ordinary follow-up, not a concurrent edit that would
 * send its author a conflict with themselves. Other stamps pass unchanged.
 */
export async function ownClampedBases(
  db: DbExecutor,
  clientId: string,
  hlc: string,
  args: unknown,
  /** False when the client is known to have no clamped mutation: nothing to look up. */
  clientHasClamped = true,
): Promise<unknown> {
  const base = basesOf(args);
  if (!clientHasClamped || !base || !parseHlc(hlc).ok) return args;
  const node = hlcNodeId(hlc);
  const own = [
    ...new Set(
      Object.values(base).filter(
        (s): s is string => typeof s === 'string' && parseHlc(s).ok && hlcNodeId(s) === node,
      ),
    ),
  ];
  if (own.length === 0) return args;
  const rows = await db
    .selectFrom('mutation_results')
    .select(['mutation_id', 'applied_at', 'clamped_from'])
    .where('client_id', '=', clientId)
    .where('clamped_from', 'in', own)
    .execute();
  if (rows.length === 0) return args;
  const stored = new Map(
    rows.map((r) => [
      r.clamped_from!,
      hubStamp(r.clamped_from!, Number(r.mutation_id), Number(r.applied_at)).stamp,
    ]),
  );
  const rewritten = Object.fromEntries(
    Object.entries(base).map(([field, s]) => [field, (s !== null && stored.get(s)) || s]),
  );
  return { ...(args as object), base: rewritten };
}
