import { z } from 'zod';
import type { Brand } from '../ids';
import { MAX_TIME, MIN_TIME } from '../domain/time';

/**
 * Hybrid logical clock stamps (SYNC.md "Merge rules"):
 * `${wallMs padded to 15}-${counter padded to 6}-${nodeId}`. Fixed-width numbers make
 * plain string comparison equal time order, with the node id (the client id) as the
 * final tie-break, so stamps can be compared and indexed as strings everywhere.
 *
 * The clock is a value passed in and returned (no module-level state), so a client
 * persists it in the same transaction as the data it stamped.
 */
export type Hlc = Brand<string, 'Hlc'>;

export interface HlcClock {
  readonly wallMs: number;
  readonly counter: number;
  readonly nodeId: string;
}

export interface ParsedHlc {
  wallMs: number;
  counter: number;
  nodeId: string;
}

const WALL_DIGITS = 15;
const COUNTER_DIGITS = 6;
const MAX_COUNTER = 10 ** COUNTER_DIGITS - 1;
const NODE_RE = /^[A-Za-z0-9_-]{1,64}$/;
const HLC_RE = /^(\d{15})-(\d{6})-(.+)$/;

export class HlcError extends Error {
  override readonly name = 'HlcError';
}

export type ParseHlcResult = { ok: true; value: ParsedHlc } | { ok: false; message: string };

/** Parses a stamp, explaining what is wrong with a malformed one. */
export const parseHlc = (stamp: string): ParseHlcResult => {
  if (typeof stamp !== 'string') return { ok: false, message: 'HLC stamp must be a string' };
  const m = HLC_RE.exec(stamp);
  if (!m) {
    return {
      ok: false,
      message: `HLC stamp "${stamp.slice(0, 80)}" must look like 000001700000000-000000-<nodeId>`,
    };
  }
  const wallMs = Number(m[1]);
  const nodeId = m[3]!;
  if (wallMs < MIN_TIME || wallMs >= MAX_TIME) {
    return { ok: false, message: `HLC stamp wall time ${wallMs} is outside 2000..2200` };
  }
  if (!NODE_RE.test(nodeId)) {
    return {
      ok: false,
      message: `HLC node id "${nodeId.slice(0, 80)}" must be 1-64 letters, digits, _ or -`,
    };
  }
  return { ok: true, value: { wallMs, counter: Number(m[2]), nodeId } };
};

const parseOrThrow = (stamp: string): ParsedHlc => {
  const r = parseHlc(stamp);
  if (!r.ok) throw new HlcError(r.message);
  return r.value;
};

export const formatHlc = (p: ParsedHlc): Hlc => {
  if (!Number.isInteger(p.wallMs) || p.wallMs < 0 || p.wallMs >= 10 ** WALL_DIGITS) {
    throw new HlcError(`HLC wall time ${p.wallMs} is not a valid epoch-milliseconds value`);
  }
  if (!Number.isInteger(p.counter) || p.counter < 0 || p.counter > MAX_COUNTER) {
    throw new HlcError(`HLC counter ${p.counter} is out of range 0..${MAX_COUNTER}`);
  }
  if (!NODE_RE.test(p.nodeId)) throw new HlcError(`HLC node id "${p.nodeId}" is invalid`);
  return `${String(p.wallMs).padStart(WALL_DIGITS, '0')}-${String(p.counter).padStart(
    COUNTER_DIGITS,
    '0',
  )}-${p.nodeId}` as Hlc;
};

export const hlcSchema = z
  .string({ error: 'hlc must be a string' })
  .superRefine((s, ctx) => {
    const r = parseHlc(s);
    if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message });
  })
  .transform((s) => s as Hlc);

export const isHlc = (s: unknown): s is Hlc => typeof s === 'string' && parseHlc(s).ok;

/** A fresh clock for a node; its first stamp will carry the current wall time. */
export const hlcInit = (nodeId: string, wallMs = 0): HlcClock => {
  if (!NODE_RE.test(nodeId)) throw new HlcError(`HLC node id "${nodeId}" is invalid`);
  return { wallMs, counter: 0, nodeId };
};

/**
 * Advances (wall, counter). When the counter would overflow, the wall time moves one
 * millisecond ahead instead of failing: order is preserved and nothing is rejected.
 */
const bump = (wallMs: number, counter: number): { wallMs: number; counter: number } =>
  counter >= MAX_COUNTER ? { wallMs: wallMs + 1, counter: 0 } : { wallMs, counter: counter + 1 };

/** A broken injected clock must fail loudly, not mint stamps that sort nowhere. */
const wallOf = (nowMs: number): number => {
  if (!Number.isFinite(nowMs)) throw new HlcError(`current time ${nowMs} is not a finite number`);
  return Math.floor(nowMs);
};

/** A stamp for a local event, later than every stamp this clock has issued or seen. */
export const hlcNow = (clock: HlcClock, nowMs: number): { clock: HlcClock; stamp: Hlc } => {
  const now = wallOf(nowMs);
  const next = now > clock.wallMs ? { wallMs: now, counter: 0 } : bump(clock.wallMs, clock.counter);
  const c: HlcClock = { ...next, nodeId: clock.nodeId };
  return { clock: c, stamp: formatHlc(c) };
};

/**
 * Merges a remote stamp into the clock so later local stamps sort after it. Callers
 * clamp untrusted far-future stamps first (hlcClamp) so one skewed peer can't drag
 * every clock into the future.
 */
export const hlcReceive = (clock: HlcClock, remoteStamp: string, nowMs: number): HlcClock => {
  const remote = parseOrThrow(remoteStamp);
  const now = wallOf(nowMs);
  const wallMs = Math.max(clock.wallMs, remote.wallMs, now);
  let counter: number;
  if (wallMs === clock.wallMs && wallMs === remote.wallMs) {
    counter = Math.max(clock.counter, remote.counter) + 1;
  } else if (wallMs === clock.wallMs) counter = clock.counter + 1;
  else if (wallMs === remote.wallMs) counter = remote.counter + 1;
  else counter = 0;
  const next = counter > MAX_COUNTER ? { wallMs: wallMs + 1, counter: 0 } : { wallMs, counter };
  return { ...next, nodeId: clock.nodeId };
};

/**
 * A stamp whose wall time lies beyond now + tolerance (a laptop clock days ahead) is
 * pulled back to now + tolerance rather than rejected: the edit is kept, it just
 * can't win every future conflict. `clamped` tells the hub to record that it did.
 */
export const hlcClamp = (
  stamp: string,
  nowMs: number,
  toleranceMs: number,
): { stamp: Hlc; clamped: boolean } => {
  const p = parseOrThrow(stamp);
  const limit = wallOf(nowMs + toleranceMs);
  if (p.wallMs <= limit) return { stamp: stamp as Hlc, clamped: false };
  return { stamp: formatHlc({ ...p, wallMs: limit }), clamped: true };
};

export const compareHlc = (a: string, b: string): -1 | 0 | 1 => (a < b ? -1 : a > b ? 1 : 0);

export const hlcWallTime = (stamp: string): number => parseOrThrow(stamp).wallMs;

export const hlcNodeId = (stamp: string): string => parseOrThrow(stamp).nodeId;
