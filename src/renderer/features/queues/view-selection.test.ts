import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { actors } from '../../../shared/domain/test-fixtures';
import type { Priority } from '../../../shared/domain/priority';
import type { QueueId, UserId } from '../../../shared/ids';
import { ChangeJournal } from './change-journal';
import { type QueueRow } from './row-model';
import type { QueueRowStore } from './row-store';
import { H, ids, T0, type TicketSpec, queueRow } from './testing';
import { ViewSelection } from './view-selection';
import {
  emptyFilters,
  patchRows,
  selectRows,
  type SortKey,
  type ViewBase,
  type ViewContext,
  type ViewFilters,
  type ViewSort,
} from './views';

const row = queueRow;
const names: Record<string, string> = { [ids.agentA]: 'Ana Agent', [ids.agentB]: 'Ben Bauer' };
const ctx: ViewContext = {
  actor: actors.agentA,
  now: T0 + 2 * H,
  nameOf: (id) => names[id] ?? 'Someone',
};

/** A ticket as the edits below vary it: few distinct values, so sort keys tie often. */
const specArb = (n: number): fc.Arbitrary<TicketSpec> =>
  fc.record({
    n: fc.constant(n),
    title: fc.constantFrom('VPN down', 'Printer jam', 'printer jam', 'Email'),
    priority: fc.constantFrom<Priority>(1, 2, 3, 4, 5),
    state: fc.constantFrom('new', 'in_progress', 'on_hold', 'resolved'),
    queueId: fc.constantFrom<QueueId>(ids.queueA, ids.queueB),
    assigneeId: fc.constantFrom<UserId | null>(null, ids.agentA, ids.agentB),
    at: fc.integer({ min: 0, max: 3 }).map((m) => m * 30),
  });

const bases: ViewBase[] = [
  { kind: 'queue', queueId: ids.queueA },
  { kind: 'mine' },
  { kind: 'unassigned' },
  { kind: 'breaching' },
  { kind: 'type', type: 'incident' },
];
const sortKeys: SortKey[] = ['number', 'title', 'priority', 'state', 'assignee', 'sla', 'updated'];

describe('patching a view after some rows changed', () => {
  it('gives the same rows in the same order as selecting from every row', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 30 }).chain((ns) =>
          fc.tuple(
            fc.tuple(...Array.from({ length: 30 }, (_, i) => specArb(i + 1))),
            // Edits: a new version of some tickets, or their removal.
            fc.tuple(
              ...ns.map((n) => fc.option(specArb(n), { nil: undefined }).map((s) => ({ n, s }))),
            ),
          ),
        ),
        fc.constantFrom(...bases),
        fc.constantFrom(...sortKeys),
        fc.constantFrom<'asc' | 'desc'>('asc', 'desc'),
        fc.record({ openOnly: fc.boolean(), text: fc.constantFrom('', 'printer', '00000') }),
        ([specs, edits], base, key, dir, f) => {
          const sort: ViewSort = { key, dir };
          const filters: ViewFilters = { ...emptyFilters, ...f };
          const all = new Map(specs.map((s) => [row(s).id, row(s)]));
          const before = selectRows(all.values(), base, filters, sort, ctx);
          const changed = new Set<string>();
          for (const { n, s } of edits) {
            const id = row({ n }).id;
            changed.add(id);
            if (s) all.set(id, row({ ...s, n }));
            else all.delete(id);
          }
          const patched = patchRows(before, changed, all, base, filters, sort, ctx);
          const full = selectRows(all.values(), base, filters, sort, ctx);
          expect(patched.map((r) => r.label)).toEqual(full.map((r) => r.label));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('change journal', () => {
  it('lists the ids changed at a version or later, and nothing it cannot vouch for', () => {
    const j = new ChangeJournal(4);
    j.note('a', 1);
    j.note('b', 2);
    j.note('a', 3);
    expect([...j.since(2)!].sort()).toEqual(['a', 'b']);
    expect([...j.since(3)!]).toEqual(['a']);
    expect(j.since(4)!.size).toBe(0);
    j.forget(4);
    expect(j.since(4)).toBeNull();
    expect(j.since(5)!.size).toBe(0);
    // Past the limit: whatever it held is no longer listed.
    for (const id of ['c', 'd', 'e', 'f', 'g']) j.note(id, 6);
    expect(j.since(6)).toBeNull();
    expect([...j.since(7)!]).toEqual([]);
  });
});

/** A store over a plain map of open rows, counting the passes over all its rows. */
const fakeStore = (rows: Map<string, QueueRow>, journal: ChangeJournal) => {
  const values = vi.spyOn(rows, 'values');
  const store = {
    rows,
    openRows: rows,
    changedSince: (v: number) => journal.since(v),
  } as unknown as QueueRowStore;
  return { store, fullPasses: () => values.mock.calls.length };
};

describe('a view selection', () => {
  const base: ViewBase = { kind: 'queue', queueId: ids.queueA };
  const sort: ViewSort = { key: 'sla', dir: 'asc' };
  const rows = new Map(
    Array.from({ length: 50 }, (_, i) =>
      row({ n: i + 1, priority: ((i % 5) + 1) as Priority }),
    ).map((r) => [r.id, r]),
  );

  it('patches after an edit instead of reading every row, and reads them all when it must', () => {
    const journal = new ChangeJournal();
    const { store, fullPasses } = fakeStore(rows, journal);
    const sel = new ViewSelection();
    const first = sel.rows(store, 1, base, emptyFilters, sort, ctx);
    expect(fullPasses()).toBe(1);
    // An edit moves ticket 7 to the other queue.
    const moved = row({ n: 7, queueId: ids.queueB });
    rows.set(moved.id, moved);
    journal.note(moved.id, 1);
    const second = sel.rows(store, 2, base, emptyFilters, sort, ctx);
    expect(fullPasses()).toBe(1);
    expect(second).toHaveLength(first.length - 1);
    expect(second.map((r) => r.label)).toEqual(
      selectRows(rows.values(), base, emptyFilters, sort, ctx).map((r) => r.label),
    );
    // Another sort, or a store that cannot say what changed: every row again.
    sel.rows(store, 2, base, emptyFilters, { key: 'number', dir: 'asc' }, ctx);
    expect(fullPasses()).toBe(3);
    journal.forget(2);
    sel.rows(store, 3, base, emptyFilters, { key: 'number', dir: 'asc' }, ctx);
    expect(fullPasses()).toBe(4);
  });
});
