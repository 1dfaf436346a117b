import { z } from 'zod';
import { DERIVED_SLA_VERSION, type SlaPhaseLocal } from '../../db/derived-sla-fields';
import { intern, isOpenState, type QueueRow } from './row-model';
import type { Priority } from '../../../shared/domain/priority';
import type { TicketType } from '../../../shared/domain/states';

/**
 * The queue rows saved as one value in the local cache, column by column.
 * Reading 100k ticket rows back out of IndexedDB costs seconds (every row
 * is a separate record with its whole history); one columnar value of the
 * compact rows comes back in a fraction of that, and whatever was written
 * since is found through the `localSeq` index.
 */
export const SNAPSHOT_KEY = 'queues.rows';
/** Bump when QueueRow or this layout changes: an old snapshot is then ignored. */
export const SNAPSHOT_VERSION = 1;

const phases: readonly SlaPhaseLocal[] = ['none', 'running', 'paused', 'stopped'];
const types: readonly TicketType[] = ['incident', 'request', 'problem', 'change'];

export interface RowSnapshot {
  version: number;
  derivedVersion: number;
  /** Rows written up to this local write counter are in the snapshot. */
  seq: number;
  count: number;
  strings: string[];
  id: string[];
  label: string[];
  title: string[];
  type: Uint8Array;
  queue: Uint32Array;
  state: Uint32Array;
  priority: Uint8Array;
  /** Index into strings + 1; 0 = unassigned. */
  assignee: Uint32Array;
  requester: Uint32Array;
  category: Uint32Array;
  createdAt: Float64Array;
  updatedAt: Float64Array;
  phase: Uint8Array;
  /** NaN stands for null. */
  slaDueAt: Float64Array;
  slaWarnAt: Float64Array;
  slaBreachAt: Float64Array;
  slaSoonAt: Float64Array;
  slaResponseDueAt: Float64Array;
  rowSeq: Float64Array;
}

// Checked as a whole, not per element: 100k elements would cost more than the rest of the load.
const stringColumn = z.custom<string[]>(
  (v) => Array.isArray(v) && (v.length === 0 || typeof v[0] === 'string'),
);

const typed = <T>(ctor: { new (...a: never[]): T }) =>
  z.custom<T>((v) => v instanceof (ctor as unknown as abstract new () => unknown));

/** What a stored value must look like before we trust it (a damaged cache is rebuilt). */
const snapshotSchema = z.object({
  version: z.literal(SNAPSHOT_VERSION),
  derivedVersion: z.literal(DERIVED_SLA_VERSION),
  seq: z.number(),
  count: z.number().int().nonnegative(),
  strings: z.array(z.string()),
  id: stringColumn,
  label: stringColumn,
  title: stringColumn,
  type: typed(Uint8Array),
  queue: typed(Uint32Array),
  state: typed(Uint32Array),
  priority: typed(Uint8Array),
  assignee: typed(Uint32Array),
  requester: typed(Uint32Array),
  category: typed(Uint32Array),
  createdAt: typed(Float64Array),
  updatedAt: typed(Float64Array),
  phase: typed(Uint8Array),
  slaDueAt: typed(Float64Array),
  slaWarnAt: typed(Float64Array),
  slaBreachAt: typed(Float64Array),
  slaSoonAt: typed(Float64Array),
  slaResponseDueAt: typed(Float64Array),
  rowSeq: typed(Float64Array),
});

const num = (v: number | null) => (v === null ? Number.NaN : v);
const orNull = (v: number) => (Number.isNaN(v) ? null : v);

export const encodeRows = (rows: Iterable<QueueRow>, count: number): RowSnapshot => {
  const strings: string[] = [];
  const index = new Map<string, number>();
  const code = (s: string) => {
    let i = index.get(s);
    if (i === undefined) {
      i = strings.length;
      strings.push(s);
      index.set(s, i);
    }
    return i;
  };
  const s: RowSnapshot = {
    version: SNAPSHOT_VERSION,
    derivedVersion: DERIVED_SLA_VERSION,
    seq: 0,
    count,
    strings,
    id: new Array<string>(count),
    label: new Array<string>(count),
    title: new Array<string>(count),
    type: new Uint8Array(count),
    queue: new Uint32Array(count),
    state: new Uint32Array(count),
    priority: new Uint8Array(count),
    assignee: new Uint32Array(count),
    requester: new Uint32Array(count),
    category: new Uint32Array(count),
    createdAt: new Float64Array(count),
    updatedAt: new Float64Array(count),
    phase: new Uint8Array(count),
    slaDueAt: new Float64Array(count),
    slaWarnAt: new Float64Array(count),
    slaBreachAt: new Float64Array(count),
    slaSoonAt: new Float64Array(count),
    slaResponseDueAt: new Float64Array(count),
    rowSeq: new Float64Array(count),
  };
  let i = 0;
  for (const r of rows) {
    if (i >= count) break;
    s.id[i] = r.id;
    s.label[i] = r.label;
    s.title[i] = r.title;
    s.type[i] = types.indexOf(r.type);
    s.queue[i] = code(r.queueId);
    s.state[i] = code(r.state);
    s.priority[i] = r.priority;
    s.assignee[i] = r.assigneeId === null ? 0 : code(r.assigneeId) + 1;
    s.requester[i] = code(r.requesterId);
    s.category[i] = code(r.category);
    s.createdAt[i] = r.createdAt;
    s.updatedAt[i] = r.updatedAt;
    s.phase[i] = phases.indexOf(r.slaPhase);
    s.slaDueAt[i] = num(r.slaDueAt);
    s.slaWarnAt[i] = num(r.slaWarnAt);
    s.slaBreachAt[i] = num(r.slaBreachAt);
    s.slaSoonAt[i] = num(r.slaSoonAt);
    s.slaResponseDueAt[i] = num(r.slaResponseDueAt);
    s.rowSeq[i] = r.seq;
    if (r.seq > s.seq) s.seq = r.seq;
    i++;
  }
  s.count = i;
  return s;
};

/** The rows of a stored snapshot, or null when it is missing, old or damaged. */
export const decodeRows = (value: unknown): { rows: QueueRow[]; seq: number } | null => {
  const parsed = snapshotSchema.safeParse(value);
  if (!parsed.success) return null;
  const s = parsed.data as RowSnapshot;
  const n = s.count;
  const columns = [s.id, s.label, s.title, s.type, s.queue, s.state, s.priority, s.rowSeq];
  if (columns.some((c) => c.length < n)) return null;
  const str = s.strings.map(intern);
  const rows = new Array<QueueRow>(n);
  for (let i = 0; i < n; i++) {
    const state = str[s.state[i]!]!;
    const a = s.assignee[i]!;
    rows[i] = {
      id: s.id[i]!,
      label: s.label[i]!,
      title: s.title[i]!,
      type: types[s.type[i]!] ?? 'incident',
      queueId: str[s.queue[i]!]!,
      state,
      open: isOpenState(state),
      priority: s.priority[i] as Priority,
      assigneeId: a === 0 ? null : str[a - 1]!,
      requesterId: str[s.requester[i]!]!,
      category: str[s.category[i]!]!,
      createdAt: s.createdAt[i]!,
      updatedAt: s.updatedAt[i]!,
      slaPhase: phases[s.phase[i]!] ?? 'none',
      slaDueAt: orNull(s.slaDueAt[i]!),
      slaWarnAt: orNull(s.slaWarnAt[i]!),
      slaBreachAt: orNull(s.slaBreachAt[i]!),
      slaSoonAt: orNull(s.slaSoonAt[i]!),
      slaResponseDueAt: orNull(s.slaResponseDueAt[i]!),
      seq: s.rowSeq[i]!,
    };
  }
  return { rows, seq: s.seq };
};
