import type { AgeBucket, Rate } from '../../../shared/domain/metrics';
import { priorities, priorityLabel, type Priority } from '../../../shared/domain/priority';

/** Labels, number formats and chart colours of the Reports screen. */

/** A chart colour: a theme palette and shade, used as a CSS variable. */
export interface ChartColor {
  palette: string;
  shade: number;
}
export const cssColor = (c: ChartColor): string => `var(--mantine-color-${c.palette}-${c.shade})`;

// Shade 7 and darker of every palette reach 3:1 against white (report-words.test.ts),
// the least WCAG asks of chart marks; neighbouring segments are split by a white gap.
export const priorityColors: Record<Priority, ChartColor> = {
  1: { palette: 'red', shade: 8 },
  2: { palette: 'orange', shade: 7 },
  3: { palette: 'yellow', shade: 7 },
  4: { palette: 'blue', shade: 7 },
  5: { palette: 'gray', shade: 7 },
};
export const priorityKeys = priorities.map((p) => `P${p}`);
export const priorityOfKey = (key: string): Priority => Number(key.slice(1)) as Priority;
export const priorityKeyLabel = (key: string): string => priorityLabel(priorityOfKey(key));

export const ageLabels: Record<AgeBucket, string> = {
  '<1d': 'Under 1 day',
  '1-3d': '1–3 days',
  '3-7d': '3–7 days',
  '7-30d': '7–30 days',
  '>30d': 'Over 30 days',
};
/** Older is darker: the tail of the backlog stands out. */
export const ageColors: Record<AgeBucket, ChartColor> = {
  '<1d': { palette: 'accent', shade: 6 },
  '1-3d': { palette: 'accent', shade: 7 },
  '3-7d': { palette: 'accent', shade: 8 },
  '7-30d': { palette: 'accent', shade: 9 },
  '>30d': { palette: 'red', shade: 8 },
};

export const barColor: ChartColor = { palette: 'accent', shade: 7 };
export const createdColor: ChartColor = { palette: 'violet', shade: 7 };
export const resolvedColor: ChartColor = { palette: 'green', shade: 8 };
export const p90Color: ChartColor = { palette: 'dark', shade: 6 };
export const responseColor: ChartColor = { palette: 'teal', shade: 7 };
export const resolutionColor: ChartColor = { palette: 'accent', shade: 7 };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * Business time in hours and minutes ("26h 30m"), never days: a business
 * day is the calendar's working hours, not 24, so "1d" would mislead.
 */
export const formatBusiness = (ms: number | null): string => {
  if (ms === null) return '—';
  if (ms < MINUTE) return '<1m';
  const h = Math.floor(ms / HOUR);
  const m = Math.floor((ms % HOUR) / MINUTE);
  if (h === 0) return `${m}m`;
  if (h >= 100 || m === 0) return `${h}h`;
  return `${h}h ${m}m`;
};

export const formatPercent = (r: Rate): string =>
  r.rate === null ? '—' : `${Math.round(r.rate * 100)}%`;

/** "130 of 150 decided", or why there is no figure. */
export const rateDetail = (r: Rate, of: string): string =>
  r.of === 0
    ? `Nothing ${of} yet`
    : `${r.count.toLocaleString()} of ${r.of.toLocaleString()} ${of}`;

export const count = (n: number, one: string, many = `${one}s`): string =>
  `${n.toLocaleString()} ${n === 1 ? one : many}`;

/** 'Mar 2025' for '2025-03'. */
export const monthLabel = (key: string): string => {
  const [y, m] = key.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, 1)).toLocaleDateString('en-GB', {
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
};

export const categoryLabel = (key: string): string => (key === '(none)' ? 'No category' : key);
