import { conflictFromRejection, type Conflict } from '../../shared/domain/conflict';
import type { DomainError } from '../../shared/domain/errors';
import type { Actor } from '../../shared/domain/actor';
import type { DomainSettings } from '../../shared/domain/settings';
import type { ConflictId, ClientId, TicketId, UserId } from '../../shared/ids';
import { hlcWallTime, parseHlc, type Hlc } from '../../shared/sync/hlc';
import { derivedId } from '../../shared/sync/mutations/derived-id';
import { readsFor, runMutation } from '../../shared/sync/mutations/index';
import {
  emptyLoaded,
  mutationKey,
  type Effect,
  type Loaded,
} from '../../shared/sync/mutations/types';
import type { PushedMutation } from '../../shared/sync/protocol';
import type { HubDatabase } from '../storage/database';
import type { DbExecutor } from '../storage/schema';
import type { PendingChange } from './change-log';
import { hubStamp, ownClampedBases } from './clamp';
import { createdTicketType, type PushBatch } from './push-batch';
import { loadForMutation, writeEffects } from './record-store';

/**
 * One mutation applied by the hub, as a push, the seed and the hub's own
 * jobs (auto-close) apply it: the rules of src/shared run against the
 * locked rows, and a refusal becomes a conflict record for its author.
 */

/** The ticket a mutation concerned, for the conflict shown to its author. */
const ticketOf = (name: string, args: unknown): TicketId | null => {
  if (typeof args !== 'object' || args === null) return null;
  const a = args as Record<string, unknown>;
  if (typeof a.ticketId === 'string') return a.ticketId as TicketId;
  if (createdTicketType(name) && typeof a.id === 'string') {
    return a.id as TicketId;
  }
  return null;
};

const rejectionConflict = (
  clientId: ClientId,
  actor: Actor,
  m: Pick<PushedMutation, 'id' | 'name' | 'version' | 'args'>,
  error: DomainError,
  at: number,
): Conflict =>
  conflictFromRejection({
    id: derivedId<ConflictId>('rejected', clientId, String(m.id)),
    userId: actor.userId as UserId,
    ticketId: ticketOf(m.name, m.args),
    mutation: mutationKey(m.name, m.version),
    args: m.args,
    error,
    at,
  });

export interface ApplyInput {
  actor: Actor;
  clientId: ClientId;
  settings: DomainSettings;
  mutation: Pick<PushedMutation, 'id' | 'name' | 'version' | 'args' | 'hlc'>;
  hubNow: number;
  /**
   * Whether the client may have clamped mutations on record (default true);
   * false spares the lookup of its own clamped stamps (see ownClampedBases).
   */
  clientHasClamped?: boolean;
  /** PostgreSQL: the push batch whose transaction this is (see PushBatch). */
  batch?: PushBatch | null;
}

/**
 * The hub's authoritative apply, inside the caller's transaction: clamp the
 * stamp, load what the mutation reads (locked), run the shared rules and
 * write the effects, or, when they refuse, record a conflict for the author.
 * Returns the change rows to log; the caller appends them last.
 */
export async function applyMutation(
  trx: DbExecutor,
  dialect: HubDatabase['dialect'],
  input: ApplyInput,
): Promise<{
  result: { ok: true; effects: Effect[] } | { ok: false; error: DomainError };
  changes: PendingChange[];
  clampedFrom: string | null;
}> {
  const { actor, clientId, settings, mutation: m, hubNow } = input;
  const parsed = parseHlc(m.hlc);
  let result: { ok: true; effects: Effect[] } | { ok: false; error: DomainError };
  let stamp: Hlc | null = null;
  let clampedFrom: string | null = null;
  let loaded: Loaded = emptyLoaded();
  if (!parsed.ok) {
    result = {
      ok: false,
      error: { code: 'VALIDATION', message: `hlc: ${parsed.message}`, field: 'hlc' },
    };
  } else {
    const c = hubStamp(m.hlc, m.id, hubNow);
    stamp = c.stamp;
    if (c.clamped) clampedFrom = m.hlc;
    const args = await ownClampedBases(
      trx,
      clientId,
      m.hlc,
      m.args,
      input.clientHasClamped ?? true,
    );
    const reads = readsFor(m.name, m.version, args);
    if (!reads.ok) {
      result = reads;
    } else {
      loaded = await loadForMutation(trx, dialect, reads.refs, input.batch);
      result = runMutation(m.name, m.version, args, loaded, {
        actor,
        clientId,
        hlc: stamp,
        now: hlcWallTime(stamp),
        settings,
      });
    }
  }
  const at = stamp ? hlcWallTime(stamp) : hubNow;
  const effects: Effect[] = result.ok
    ? result.effects
    : [{ type: 'conflict', value: rejectionConflict(clientId, actor, m, result.error, at) }];
  const changes = await writeEffects(trx, effects, loaded, input.batch);
  return { result, changes, clampedFrom };
}
