import fc from 'fast-check';
import type { Fault, FaultTarget } from './test-client';

/**
 * One step of a convergence run. Client indexes (`c`) and ticket indexes
 * (`t`, `u`) are taken modulo what exists when the step runs, so any
 * generated sequence is meaningful and shrinks well.
 */
export type Action =
  | { kind: 'create'; c: number; queue: number; impact: 1 | 2 | 3 }
  | {
      kind: 'edit';
      c: number;
      t: number;
      field: 'title' | 'impact' | 'urgency' | 'category';
      v: number;
    }
  /** Several devices edit one field of one ticket, then all sync at once. */
  | {
      kind: 'contend';
      cs: number[];
      t: number;
      field: 'title' | 'impact' | 'urgency' | 'category';
      v: number;
      race: boolean;
    }
  /**
   * A morning in the field: device `c`, its clock `skewDays` off, edits one
   * ticket offline several times with minutes between the edits, then syncs.
   */
  | {
      kind: 'fieldwork';
      c: number;
      t: number;
      skewDays: number;
      edits: { field: 'title' | 'impact' | 'urgency' | 'category'; v: number; gap: number }[];
    }
  | { kind: 'move'; c: number; t: number; queue: number }
  | { kind: 'assign'; c: number; t: number; u: number }
  | { kind: 'transition'; c: number; t: number; to: number }
  | { kind: 'comment'; c: number; t: number; internal: boolean }
  | { kind: 'work'; c: number; t: number; minutes: number }
  | { kind: 'attach'; c: number; t: number; size: number }
  | { kind: 'link'; c: number; t: number; u: number }
  | { kind: 'sync'; c: number }
  /** Several clients sync at the same time (one Promise.all). */
  | { kind: 'syncMany'; cs: number[] }
  | { kind: 'offline'; c: number }
  | { kind: 'online'; c: number }
  | { kind: 'fault'; c: number; fault: Exclude<Fault, 'none'>; on: FaultTarget }
  | { kind: 'replay'; c: number; back: number }
  | { kind: 'skew'; c: number; days: number }
  | { kind: 'advance'; minutes: number }
  /** Client `c` goes offline and the world moves on for days (past the session lifetime). */
  | { kind: 'away'; c: number; days: number }
  | { kind: 'kill'; c: number }
  | { kind: 'wipe'; c: number }
  | { kind: 'restart'; i: number }
  | { kind: 'crash'; c: number; after: number }
  | { kind: 'access'; u: number; queues: number[] }
  | { kind: 'compact' };

const client = fc.nat(9);
const ticket = fc.nat(20);
const field = fc.constantFrom(
  'title' as const,
  'impact' as const,
  'urgency' as const,
  'category' as const,
);
const act = <K extends Action['kind'], R extends Record<string, fc.Arbitrary<unknown>>>(
  kind: K,
  weight: number,
  fields: R,
) => ({ weight, arbitrary: fc.record({ kind: fc.constant(kind), ...fields }) });

export const actionArb = fc.oneof(
  act('create', 6, {
    c: client,
    queue: fc.nat(2),
    impact: fc.constantFrom(1 as const, 2 as const, 3 as const),
  }),
  act('edit', 6, {
    c: client,
    t: ticket,
    field,
    v: fc.nat(20),
  }),
  act('contend', 3, {
    cs: fc.uniqueArray(client, { minLength: 2, maxLength: 4 }),
    t: ticket,
    field,
    v: fc.nat(20),
    race: fc.boolean(),
  }),
  act('fieldwork', 2, {
    c: client,
    t: ticket,
    skewDays: fc.integer({ min: -3, max: 3 }),
    edits: fc.array(fc.record({ field, v: fc.nat(20), gap: fc.integer({ min: 1, max: 90 }) }), {
      minLength: 2,
      maxLength: 5,
    }),
  }),
  act('move', 2, { c: client, t: ticket, queue: fc.nat(2) }),
  act('assign', 2, { c: client, t: ticket, u: fc.nat(3) }),
  act('transition', 6, { c: client, t: ticket, to: fc.nat(4) }),
  act('comment', 5, { c: client, t: ticket, internal: fc.boolean() }),
  act('work', 2, { c: client, t: ticket, minutes: fc.integer({ min: 1, max: 240 }) }),
  act('attach', 1, { c: client, t: ticket, size: fc.integer({ min: 0, max: 5_000_000 }) }),
  act('link', 1, { c: client, t: ticket, u: ticket }),
  act('sync', 7, { c: client }),
  act('syncMany', 3, { cs: fc.uniqueArray(client, { minLength: 2, maxLength: 6 }) }),
  act('offline', 3, { c: client }),
  act('online', 3, { c: client }),
  act('fault', 5, {
    c: client,
    fault: fc.constantFrom(
      'drop-request' as const,
      'drop-response' as const,
      'duplicate' as const,
      'concurrent' as const,
      'concurrent' as const,
    ),
    on: fc.constantFrom(
      'push' as const,
      'push' as const,
      'pull' as const,
      'bootstrap' as const,
      'any' as const,
    ),
  }),
  act('replay', 1, { c: client, back: fc.nat(5) }),
  act('skew', 1, { c: client, days: fc.integer({ min: -3, max: 3 }) }),
  act('advance', 2, { minutes: fc.integer({ min: 1, max: 600 }) }),
  act('away', 1, { c: client, days: fc.integer({ min: 1, max: 30 }) }),
  act('kill', 1, { c: client }),
  act('wipe', 1, { c: client }),
  act('restart', 1, { i: fc.nat(1) }),
  act('crash', 1, { c: client, after: fc.integer({ min: 1, max: 3 }) }),
  act('access', 1, {
    u: fc.nat(3),
    queues: fc.array(fc.nat(2), { minLength: 1, maxLength: 3 }),
  }),
  act('compact', 1, {}),
) as fc.Arbitrary<Action>;
