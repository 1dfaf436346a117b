import { tzOffset } from '@date-fns/tz';

/**
 * Wall-clock arithmetic in an IANA time zone, done with UTC maths plus the zone's
 * offset from Intl. Nothing here reads the process time zone (no local-time Date
 * getters), so a laptop in Auckland and a hub in UTC compute the same instants.
 *
 * A "day number" is the count of days since 1970-01-01 of a *local* calendar date,
 * which makes weekday and ISO-date lookups plain integer maths.
 */
export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** Offset of the zone from UTC at an instant, in ms (positive east of Greenwich). */
export const zoneOffsetMs = (timeZone: string, instantMs: number): number => {
  const minutes = tzOffset(timeZone, new Date(instantMs));
  if (Number.isNaN(minutes)) throw new RangeError(`unknown time zone: ${timeZone}`);
  return minutes * MINUTE_MS;
};

/** The local calendar date (as a day number) that an instant falls on in the zone. */
export const localDayOf = (timeZone: string, instantMs: number): number =>
  Math.floor((instantMs + zoneOffsetMs(timeZone, instantMs)) / DAY_MS);

/** 0 = Sunday … 6 = Saturday; 1970-01-01 (day 0) was a Thursday. */
export const weekdayOfDay = (day: number): number => (((day + 4) % 7) + 7) % 7;

/** 'YYYY-MM-DD' of a day number. */
export const isoDateOfDay = (day: number): string =>
  new Date(day * DAY_MS).toISOString().slice(0, 10);

/** Day number of a 'YYYY-MM-DD' string (assumed valid). */
export const dayOfIsoDate = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;

/**
 * The instant at which the wall clock in `timeZone` shows `minuteOfDay` on local
 * day `day` (minuteOfDay may be 1440, meaning midnight at the end of the day).
 *
 * DST rules, the same as Temporal's "compatible" disambiguation:
 * - a wall time that happens twice (autumn fold) maps to the earlier instant;
 * - a wall time that never happens (spring gap) is pushed forward by the gap,
 *   so 01:30 on the London spring-forward day means 02:30 BST.
 * Zones change offset at most once in any two-day window, so looking at the
 * offsets a day before and a day after gives every candidate.
 */
export const zonedWallToUtc = (timeZone: string, day: number, minuteOfDay: number): number => {
  const wall = day * DAY_MS + minuteOfDay * MINUTE_MS;
  const offBefore = zoneOffsetMs(timeZone, wall - DAY_MS);
  const offAfter = zoneOffsetMs(timeZone, wall + DAY_MS);
  const early = wall - offBefore;
  const late = wall - offAfter;
  const earlyOk = zoneOffsetMs(timeZone, early) === offBefore;
  const lateOk = zoneOffsetMs(timeZone, late) === offAfter;
  if (earlyOk && lateOk) return Math.min(early, late);
  if (earlyOk) return early;
  if (lateOk) return late;
  // In the gap: keep the pre-transition offset, which lands after the jump.
  return early;
};

/** Wall-clock fields of an instant in the zone (for labels such as report months). */
export const zonedParts = (
  timeZone: string,
  instantMs: number,
): { year: number; month: number; day: number; minuteOfDay: number } => {
  const shifted = new Date(instantMs + zoneOffsetMs(timeZone, instantMs));
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    minuteOfDay: shifted.getUTCHours() * 60 + shifted.getUTCMinutes(),
  };
};

export const weekdays = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof weekdays)[number];

export const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes since midnight of a validated 'HH:MM' ('24:00' = 1440, end of day). */
export const minutesOfHhmm = (hhmm: string): number => {
  if (hhmm === '24:00') return 1440;
  const m = HHMM.exec(hhmm);
  if (!m) throw new RangeError(`not a HH:MM time: ${hhmm}`);
  return Number(m[1]) * 60 + Number(m[2]);
};
