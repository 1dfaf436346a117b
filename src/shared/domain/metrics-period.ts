import { zonedParts } from './calendar-zone';
import { groupKey, monthKey, yearMonth, type Grouping, type TicketFacts } from './metrics';

/**
 * Report periods (a "last 30 days") over metrics.ts facts. A period holds the
 * tickets created or resolved in it, ends included: MTTR then covers everything
 * resolved in it however old, and SLA attainment also counts tickets opened in it
 * that have already breached.
 */

export const createdIn = (f: TicketFacts, fromMs: number, toMs: number): boolean =>
  f.createdAt >= fromMs && f.createdAt <= toMs;

export const resolvedIn = (f: TicketFacts, fromMs: number, toMs: number): boolean =>
  f.resolvedAt !== null && f.resolvedAt >= fromMs && f.resolvedAt <= toMs;

/** Whether a ticket counts in a period's figures. */
export const inPeriod = (f: TicketFacts, fromMs: number, toMs: number): boolean =>
  createdIn(f, fromMs, toMs) || resolvedIn(f, fromMs, toMs);

/** Every month from that of `fromMs` to that of `toMs` in the zone, oldest first (a chart's axis). */
export const monthKeysBetween = (fromMs: number, toMs: number, timeZone: string): string[] => {
  if (fromMs > toMs) return [];
  const last = monthKey(toMs, timeZone);
  let { year, month } = zonedParts(timeZone, fromMs);
  const keys = [yearMonth(year, month)];
  while (keys[keys.length - 1]! < last) {
    month = month === 12 ? 1 : month + 1;
    if (month === 1) year++;
    keys.push(yearMonth(year, month));
  }
  return keys;
};

export type BacklogCell = { key: string; total: number; cells: Record<string, number> };

/** Open tickets counted by two groupings (queue × priority): a row per first key, sorted. */
export const backlogBy = (
  facts: readonly TicketFacts[],
  rows: Grouping,
  cols: Grouping,
): BacklogCell[] => {
  const table = new Map<string, BacklogCell>();
  for (const f of facts) {
    if (!f.open) continue;
    const row = groupKey(f, rows);
    if (row === null) continue;
    let cell = table.get(row);
    if (!cell) table.set(row, (cell = { key: row, total: 0, cells: {} }));
    cell.total++;
    const col = groupKey(f, cols);
    if (col !== null) cell.cells[col] = (cell.cells[col] ?? 0) + 1;
  }
  return [...table.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
};
