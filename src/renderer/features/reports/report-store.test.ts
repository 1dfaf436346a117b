import { afterEach, describe, expect, it, vi } from 'vitest';
import type { OutpostDb } from '../../db/database';
import type { Timers } from '../queues/row-store';
import { storeWith } from '../queues/testing';
import { createReportStore, type ReportStore, type ReportView } from './report-store';
import { H, QA, reportTicket, reportTickets } from './testing';

/**
 * When the report store computes: on opening, again once changes settle
 * (a timer the test fires by hand), never after the screen has left, and
 * how it reports a failure and recovers.
 */
const now = Date.UTC(2025, 5, 20, 12);
let db: OutpostDb;
afterEach(() => db?.close());

const manualTimers = () => {
  const pending = new Map<number, () => void>();
  let id = 0;
  const timers: Timers = {
    setTimeout: (fn) => (pending.set(++id, fn), id),
    clearTimeout: (h) => void pending.delete(h as number),
  };
  const fire = () => {
    const fns = [...pending.values()];
    pending.clear();
    for (const fn of fns) fn();
  };
  return { timers, pending, fire };
};

/** Resolves with the first view that passes `test` (checked now and on every change). */
const until = (store: ReportStore, test: (v: ReportView) => boolean): Promise<ReportView> =>
  new Promise((resolve) => {
    if (test(store.view())) return resolve(store.view());
    const off = store.subscribe(() => {
      if (!test(store.view())) return;
      off();
      resolve(store.view());
    });
  });

const setup = async () => {
  db = await storeWith(reportTickets(now), now);
  const t = manualTimers();
  let clock = now;
  const store = createReportStore(db, { now: () => clock, timeZone: 'UTC', timers: t.timers });
  return { store, ...t, setClock: (ms: number) => (clock = ms) };
};

describe('report store', () => {
  it('computes when the screen opens, showing progress, and again after changes settle', async () => {
    const s = await setup();
    const seen: ReportView[] = [];
    const off = s.store.subscribe(() => seen.push(s.store.view()));
    expect(s.store.view()).toMatchObject({ busy: true, run: null });
    const first = await until(s.store, (v) => !v.busy && v.run !== null);
    expect(first.run!.facts).toHaveLength(8);
    expect(seen.some((v) => v.progress?.total === 8 && v.run === null)).toBe(true);

    s.setClock(now + H);
    await db.tickets.put(reportTicket(now, { n: 9, ago: H, queueId: QA }));
    await vi.waitFor(() => expect(s.pending.size).toBe(1));
    s.fire();
    const next = await until(s.store, (v) => !v.busy && v.run !== first.run);
    expect(next.run!.facts).toHaveLength(9);
    expect(next.run!.asOf).toBe(now + H);
    off();
  });

  it('stops following changes once the screen has left', async () => {
    const s = await setup();
    const off = s.store.subscribe(() => undefined);
    const first = await until(s.store, (v) => !v.busy && v.run !== null);
    off();
    await db.tickets.put(reportTicket(now, { n: 9, ago: H, queueId: QA }));
    await db.tickets.put(reportTicket(now, { n: 10, ago: H, queueId: QA }));
    expect(s.pending.size).toBe(0);
    expect(s.store.view().run).toBe(first.run);
  });

  it('says why it failed, keeps the last report, and recovers on refresh', async () => {
    const s = await setup();
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const reads = vi.spyOn(db.tickets, 'bulkGet');
    // The queue rows load first and fail with their own message.
    reads.mockRejectedValueOnce(new Error('The disk is full'));
    const off = s.store.subscribe(() => undefined);
    const failed = await until(s.store, (v) => !v.busy && v.error !== null);
    expect(failed).toMatchObject({
      error: 'The local tickets could not be read: The disk is full',
      run: null,
    });
    s.store.refresh();
    const ok = await until(s.store, (v) => !v.busy && v.run !== null);
    expect(ok.error).toBeNull();
    expect(ok.run!.facts).toHaveLength(8);

    // A changed ticket is read whole for the report: that read fails now.
    await db.tickets.put(reportTicket(now, { n: 9, ago: H, queueId: QA }));
    await vi.waitFor(() => expect(s.pending.size).toBe(1));
    reads.mockRejectedValueOnce(new Error('The disk is full'));
    s.fire();
    const shown = await until(s.store, (v) => !v.busy && v.error !== null);
    expect(shown.error).toBe(
      'The tickets on this device could not be read for the report: The disk is full',
    );
    expect(shown.run).toBe(ok.run);
    s.store.refresh();
    const last = await until(s.store, (v) => !v.busy && v.error === null);
    expect(last.run!.facts).toHaveLength(9);
    off();
  });
});
