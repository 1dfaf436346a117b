import type { Calendar } from './calendar';
import {
  isoDateOfDay,
  localDayOf,
  MINUTE_MS,
  minutesOfHhmm,
  weekdayOfDay,
  weekdays,
  zonedWallToUtc,
} from './calendar-zone';

/**
 * Business-time maths over a Calendar. Work proceeds a day at a time: each local
 * day's working intervals are turned into UTC instants once (DST handled by
 * zonedWallToUtc) and then intersected with the span asked for, so a year-long
 * span costs a few hundred small steps, not half a million minutes.
 */

type Prepared = {
  /** Working intervals per weekday (0 = Sunday) as [startMinute, endMinute] pairs. */
  week: ReadonlyArray<ReadonlyArray<readonly [number, number]>>;
  holidays: ReadonlySet<string>;
  roundTheClock: boolean;
  /** Local day number → flat [start, end, start, end…] instants; a pure memo. */
  days: Map<number, readonly number[]>;
};

// Keyed by the calendar object itself so the memo vanishes with the calendar.
const prepared = new WeakMap<Calendar, Prepared>();

const prepare = (cal: Calendar): Prepared => {
  let p = prepared.get(cal);
  if (p) return p;
  const week = weekdays.map((d) =>
    cal.week[d].map((i) => [minutesOfHhmm(i.start), minutesOfHhmm(i.end)] as const),
  );
  if (week.every((d) => d.length === 0)) {
    throw new RangeError(`calendar ${cal.name} has no working hours: business time can never pass`);
  }
  p = {
    week,
    holidays: new Set(cal.holidays),
    roundTheClock:
      cal.holidays.length === 0 &&
      week.every((d) => d.length === 1 && d[0]![0] === 0 && d[0]![1] === 1440),
    days: new Map(),
  };
  prepared.set(cal, p);
  return p;
};

const intervalsOfDay = (cal: Calendar, p: Prepared, day: number): readonly number[] => {
  const cached = p.days.get(day);
  if (cached) return cached;
  const out: number[] = [];
  if (!p.holidays.has(isoDateOfDay(day))) {
    for (const [s, e] of p.week[weekdayOfDay(day)]!) {
      const from = zonedWallToUtc(cal.timeZone, day, s);
      const to = zonedWallToUtc(cal.timeZone, day, e);
      // A working interval that fell wholly into a DST gap has no real time.
      if (to > from) out.push(from, to);
    }
  }
  p.days.set(day, out);
  return out;
};

/**
 * Business milliseconds between two instants (0 when end ≤ start).
 * Additive: between(a, c) = between(a, b) + between(b, c) for a ≤ b ≤ c.
 */
export const businessMsBetween = (cal: Calendar, startMs: number, endMs: number): number => {
  if (!(endMs > startMs)) return 0;
  const p = prepare(cal);
  if (p.roundTheClock) return endMs - startMs;
  let total = 0;
  // One day of slack either side covers zones whose DST fold sits at midnight.
  const last = localDayOf(cal.timeZone, endMs) + 1;
  for (let day = localDayOf(cal.timeZone, startMs) - 1; day <= last; day++) {
    const iv = intervalsOfDay(cal, p, day);
    for (let i = 0; i < iv.length; i += 2) {
      const from = Math.max(iv[i]!, startMs);
      const to = Math.min(iv[i + 1]!, endMs);
      if (to > from) total += to - from;
    }
  }
  return total;
};

/**
 * The earliest instant at which `durationMs` of business time has passed since
 * `startMs` (startMs itself for a zero duration). Inverse of businessMsBetween:
 * businessMsBetween(cal, s, addBusinessMs(cal, s, d)) === d.
 */
export const addBusinessMs = (cal: Calendar, startMs: number, durationMs: number): number => {
  if (!(durationMs > 0)) return startMs;
  const p = prepare(cal);
  if (p.roundTheClock) return startMs + durationMs;
  let left = durationMs;
  // prepare() guarantees a working weekday, and holidays are a finite list, so this ends.
  for (let day = localDayOf(cal.timeZone, startMs) - 1; ; day++) {
    const iv = intervalsOfDay(cal, p, day);
    for (let i = 0; i < iv.length; i += 2) {
      const to = iv[i + 1]!;
      if (to <= startMs) continue;
      const from = Math.max(iv[i]!, startMs);
      if (left <= to - from) return from + left;
      left -= to - from;
    }
  }
};

/** The working intervals (UTC instants) that overlap [startMs, endMs), clipped to it. */
export const businessIntervals = (
  cal: Calendar,
  startMs: number,
  endMs: number,
): Array<{ start: number; end: number }> => {
  const out: Array<{ start: number; end: number }> = [];
  if (!(endMs > startMs)) return out;
  const p = prepare(cal);
  const last = localDayOf(cal.timeZone, endMs) + 1;
  for (let day = localDayOf(cal.timeZone, startMs) - 1; day <= last; day++) {
    const iv = intervalsOfDay(cal, p, day);
    for (let i = 0; i < iv.length; i += 2) {
      const from = Math.max(iv[i]!, startMs);
      const to = Math.min(iv[i + 1]!, endMs);
      if (to > from) {
        const prev = out[out.length - 1];
        // Midnight-spanning shifts (…-24:00 then 00:00-…) read as one interval.
        if (prev && prev.end === from) prev.end = to;
        else out.push({ start: from, end: to });
      }
    }
  }
  return out;
};

/** Whether the instant lies inside working time (interval starts count, ends do not). */
export const isBusinessTime = (cal: Calendar, instantMs: number): boolean =>
  businessMsBetween(cal, instantMs, instantMs + 1) === 1;

/**
 * The length of one "business day" of the calendar: the working time of its
 * longest weekday, ignoring DST (Mon–Fri 09:00–17:00 gives 8 h). SLA targets
 * written in business days ("3 business days") are that many of these.
 */
export const standardBusinessDayMs = (cal: Calendar): number =>
  Math.max(
    ...weekdays.map((d) =>
      cal.week[d].reduce(
        (sum, i) => sum + (minutesOfHhmm(i.end) - minutesOfHhmm(i.start)) * MINUTE_MS,
        0,
      ),
    ),
  );
