import { z } from 'zod';

/**
 * Times are epoch milliseconds. A value before 2000 or after 2200 is never a real
 * service-desk time: it is a unit mix-up (seconds vs ms) or a broken clock, so it is
 * rejected at the boundary instead of silently skewing SLA clocks and reports.
 */
export const MIN_TIME = Date.UTC(2000, 0, 1);
export const MAX_TIME = Date.UTC(2200, 0, 1);

export const isPlausibleTime = (ms: number): boolean =>
  Number.isInteger(ms) && ms >= MIN_TIME && ms < MAX_TIME;

/** An epoch-milliseconds schema whose every error message names `field`. */
export const epochMsSchema = (field: string) =>
  z
    .number({ error: `${field} must be a time in epoch milliseconds (a finite number)` })
    .int({ error: `${field} must be whole epoch milliseconds` })
    .min(MIN_TIME, {
      error: `${field} must not be before 2000-01-01 (epoch milliseconds expected)`,
    })
    .max(MAX_TIME - 1, { error: `${field} must be before 2200-01-01` });

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date 'YYYY-MM-DD' (no 2023-02-30) between 2000 and 2199. */
export const isDateOnly = (s: string): boolean => {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 2000 || y >= 2200) return false;
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
};

/** A calendar date 'YYYY-MM-DD' (no time zone: a worklog's day as the agent saw it). */
export const dateOnlySchema = (field: string) =>
  z
    .string({ error: `${field} must be a date YYYY-MM-DD` })
    .refine(isDateOnly, { error: `${field} must be a real date YYYY-MM-DD between 2000 and 2199` });
