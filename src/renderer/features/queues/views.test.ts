import { describe, expect, it } from 'vitest';
import { actors } from '../../../shared/domain/test-fixtures';
import { type QueueRow } from './row-model';
import { H, ids, T0, queueRow } from './testing';
import {
  countViews,
  emptyFilters,
  facetsOf,
  isFiltered,
  rowsToScan,
  selectRows,
  type ViewBase,
  type ViewContext,
  type ViewFilters,
  type ViewSort,
} from './views';

const row = queueRow;
const names: Record<string, string> = { [ids.agentA]: 'Ana Agent', [ids.agentB]: 'Ben Bauer' };
const ctx = (now = T0 + H, actor = actors.agentA): ViewContext => ({
  actor,
  now,
  nameOf: (id) => names[id] ?? 'Someone',
});
const pick = (
  rows: QueueRow[],
  base: ViewBase,
  f: Partial<ViewFilters> = {},
  sort: ViewSort = { key: 'sla', dir: 'asc' },
  c = ctx(),
) => selectRows(rows, base, { ...emptyFilters, ...f }, sort, c).map((r) => r.label);

const desk = [
  row({ n: 1, priority: 2, assigneeId: ids.agentA, title: 'VPN down for sales' }),
  row({ n: 2, priority: 4, assigneeId: ids.agentA, state: 'resolved', title: 'Printer jam' }),
  row({ n: 3, priority: 1, title: 'Email outage', category: 'Email' }),
  row({ n: 4, priority: 3, state: 'on_hold', title: 'Laptop order', assigneeId: ids.agentB }),
  row({ n: 5, priority: 2, queueId: ids.queueB, title: 'Firewall rule' }),
  row({ n: 6, priority: 5, type: 'problem', number: 'PRB0000006', title: 'Recurring VPN drops' }),
];

describe('queue views', () => {
  it('"My work" holds my open tickets, most urgent SLA first', () => {
    expect(pick(desk, { kind: 'mine' })).toEqual(['INC0000001']);
    expect(pick(desk, { kind: 'mine' }, { openOnly: false })).toEqual(['INC0000001', 'INC0000002']);
  });

  it('"Unassigned" holds open tickets without an owner in queues I work', () => {
    // #5 is in a queue agent A does not work; #6 is a problem in queue A.
    expect(pick(desk, { kind: 'unassigned' })).toEqual(['INC0000003', 'PRB0000006']);
    expect(pick(desk, { kind: 'unassigned' }, {}, undefined, ctx(T0 + H, actors.admin))).toEqual([
      'INC0000003',
      'INC0000005',
      'PRB0000006',
    ]);
  });

  it('a queue view holds that queue; a type view that type', () => {
    expect(pick(desk, { kind: 'queue', queueId: ids.queueB })).toEqual(['INC0000005']);
    expect(pick(desk, { kind: 'type', type: 'problem' })).toEqual(['PRB0000006']);
  });

  it('"Breaching soon" holds breached tickets and those within 4 business hours of due', () => {
    // At 10:00 Monday: P1 (4 h round the clock, created 09:00) has 3 h left; P2s have 7 h.
    expect(pick(desk, { kind: 'breaching' })).toEqual(['INC0000003']);
    // At 14:00 the P2 of my queue has 3 business hours left; #5 is not in my queues.
    expect(pick(desk, { kind: 'breaching' }, {}, undefined, ctx(T0 + 5 * H))).toEqual([
      'INC0000003',
      'INC0000001',
    ]);
  });

  it('filters by state, priority, assignee, category, SLA state and text', () => {
    const all = { kind: 'type', type: 'incident' } as const;
    expect(pick(desk, all, { states: ['on_hold'] })).toEqual(['INC0000004']);
    expect(pick(desk, all, { priorities: [1, 2] })).toEqual([
      'INC0000003',
      'INC0000001',
      'INC0000005',
    ]);
    expect(pick(desk, all, { assignees: ['none'] })).toEqual(['INC0000003', 'INC0000005']);
    expect(pick(desk, all, { assignees: [ids.agentB] })).toEqual(['INC0000004']);
    expect(pick(desk, all, { categories: ['Email'] })).toEqual(['INC0000003']);
    expect(pick(desk, all, { sla: ['paused'] })).toEqual(['INC0000004']);
    expect(pick(desk, all, { sla: ['met'], openOnly: false })).toEqual(['INC0000002']);
    expect(pick(desk, all, { text: 'vpn' })).toEqual(['INC0000001']);
    expect(pick(desk, all, { text: ' 0005 ' })).toEqual(['INC0000005']);
    // The SLA state is read at the time asked: by Tuesday the P1 is breached.
    expect(
      pick(desk, all, { sla: ['breached'] }, undefined, ctx(T0 + 30 * H)).includes('INC0000003'),
    ).toBe(true);
  });

  it('sorts repeated and mixed-case titles and names as a plain string comparison would', () => {
    const titles = ['VPN down', 'vpn down', 'Printer jam', 'printer', 'Zebra', 'ändern', 'VPN'];
    const many = Array.from({ length: 60 }, (_, i) =>
      row({
        n: i + 1,
        title: titles[(i * 3) % titles.length]!,
        priority: ((i % 4) + 1) as 1 | 2 | 3 | 4,
        assigneeId: i % 3 === 0 ? null : i % 3 === 1 ? ids.agentA : ids.agentB,
      }),
    );
    const all = { kind: 'type', type: 'incident' } as const;
    const reference = (key: (r: QueueRow) => string, dir: 1 | -1) =>
      many.map(key).sort((a, b) => (a < b ? -dir : a > b ? dir : 0));
    const everything = { ...emptyFilters, openOnly: false };
    const sorted = (key: ViewSort['key'], dir: ViewSort['dir']) =>
      selectRows(many, all, everything, { key, dir }, ctx());
    const titleKey = (r: QueueRow) => r.title.toLowerCase();
    const assigneeKey = (r: QueueRow) =>
      r.assigneeId ? names[r.assigneeId]!.toLowerCase() : '\uffff';
    for (const dir of ['asc', 'desc'] as const) {
      const sign = dir === 'asc' ? 1 : -1;
      const byTitle = sorted('title', dir);
      expect(byTitle.map(titleKey)).toEqual(reference(titleKey, sign));
      expect(sorted('assignee', dir).map(assigneeKey)).toEqual(reference(assigneeKey, sign));
      // Equal titles keep the tie order (SLA due, then number) in both directions.
      const vpn = byTitle.filter((r) => titleKey(r) === 'vpn down');
      const again = selectRows(vpn, all, everything, { key: 'sla', dir: 'asc' }, ctx());
      expect(vpn.map((r) => r.label)).toEqual(again.map((r) => r.label));
    }
  });

  it('sorts by every column in both directions, ties by SLA then number', () => {
    const all = { kind: 'type', type: 'incident' } as const;
    const by = (key: ViewSort['key'], dir: ViewSort['dir'] = 'asc') =>
      pick(desk, all, { openOnly: false }, { key, dir });
    expect(by('number')).toEqual([
      'INC0000001',
      'INC0000002',
      'INC0000003',
      'INC0000004',
      'INC0000005',
    ]);
    expect(by('number', 'desc')[0]).toBe('INC0000005');
    expect(by('title')).toEqual([
      'INC0000003',
      'INC0000005',
      'INC0000004',
      'INC0000002',
      'INC0000001',
    ]);
    expect(by('priority')).toEqual([
      'INC0000003',
      'INC0000001',
      'INC0000005',
      'INC0000004',
      'INC0000002',
    ]);
    expect(by('priority', 'desc')).toEqual([
      'INC0000002',
      'INC0000004',
      'INC0000001',
      'INC0000005',
      'INC0000003',
    ]);
    // Running clocks by due time; then paused; then finished.
    expect(by('sla')).toEqual([
      'INC0000003',
      'INC0000001',
      'INC0000005',
      'INC0000004',
      'INC0000002',
    ]);
    // Assignee by display name, unassigned last.
    expect(by('assignee').slice(0, 3)).toEqual(['INC0000001', 'INC0000002', 'INC0000004']);
    expect(by('state')).toEqual([
      'INC0000003',
      'INC0000001',
      'INC0000005',
      'INC0000004',
      'INC0000002',
    ]);
    const updated = [
      row({ n: 7, updatedAt: T0 + 5 * H }),
      row({ n: 8, updatedAt: T0 + 9 * H }),
      row({ n: 9, updatedAt: T0 + 2 * H }),
    ];
    expect(pick(updated, all, {}, { key: 'updated', dir: 'desc' })).toEqual([
      'INC0000008',
      'INC0000007',
      'INC0000009',
    ]);
  });

  it('counts open tickets per view for the sidebar', () => {
    const c = countViews(desk, ctx(T0 + 5 * H));
    expect(c.mine).toBe(1);
    expect(c.unassigned).toBe(2);
    expect(c.breaching).toBe(2);
    expect(c.queues.get(ids.queueA)).toBe(4);
    expect(c.queues.get(ids.queueB)).toBe(1);
    expect(c.types).toEqual({ incident: 4, request: 0, problem: 1, change: 0 });
  });

  it('lists the values present in a view for its filter menus', () => {
    const f = facetsOf(desk, { kind: 'type', type: 'incident' }, true, ctx());
    expect([...f.states.entries()]).toEqual([
      ['new', 3],
      ['on_hold', 1],
    ]);
    expect(f.assignees.get('none')).toBe(2);
    expect(f.sla.get('paused')).toBe(1);
  });

  it('finds the same rows in the open rows alone wherever it looks only there', () => {
    const source = {
      rows: new Map(desk.map((r) => [r.id, r])),
      openRows: new Map(desk.filter((r) => r.open).map((r) => [r.id, r])),
    };
    const bases: ViewBase[] = [
      { kind: 'mine' },
      { kind: 'queue', queueId: ids.queueA },
      { kind: 'unassigned' },
      { kind: 'breaching' },
      { kind: 'type', type: 'incident' },
    ];
    const c = ctx(T0 + 5 * H);
    for (const base of bases) {
      for (const openOnly of [true, false]) {
        const f = { ...emptyFilters, openOnly };
        const sort: ViewSort = { key: 'number', dir: 'asc' };
        const scanned = [...rowsToScan(source, base, openOnly)];
        expect(selectRows(scanned, base, f, sort, c)).toEqual(selectRows(desk, base, f, sort, c));
        expect(scanned.length).toBe(openOnly || base.kind === 'breaching' ? 5 : 6);
      }
    }
    expect(countViews(source.openRows.values(), c)).toEqual(countViews(desk, c));
  });

  it('knows when filters narrow a view', () => {
    expect(isFiltered(emptyFilters)).toBe(false);
    expect(isFiltered({ ...emptyFilters, text: '  ' })).toBe(false);
    expect(isFiltered({ ...emptyFilters, openOnly: false })).toBe(true);
    expect(isFiltered({ ...emptyFilters, priorities: [1] })).toBe(true);
  });
});
