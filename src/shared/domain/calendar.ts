import { z } from 'zod';
import { idSchema, type CalendarId } from '../ids';
import { HHMM, minutesOfHhmm, weekdays } from './calendar-zone';
import { isDateOnly } from './time';

export { minutesOfHhmm, weekdays, type Weekday } from './calendar-zone';

/**
 * Business calendars (DOMAIN.md "Service level management"): the working hours of
 * each weekday in one IANA time zone, minus holidays. SLA targets are measured in
 * the business time of a calendar; the maths lives in calendar-business.ts.
 */
export const calendarIdSchema = idSchema<CalendarId>('calendarId');

const startSchema = z
  .string({ error: 'start must be a string' })
  .regex(HHMM, { error: 'start must be a time HH:MM between 00:00 and 23:59' });
const endSchema = z
  .string({ error: 'end must be a string' })
  .refine((s) => s === '24:00' || HHMM.test(s), {
    error: 'end must be a time HH:MM between 00:01 and 24:00',
  });

const isWellFormed = (i: { start: string; end: string }): boolean =>
  HHMM.test(i.start) && (i.end === '24:00' || HHMM.test(i.end));

/** One working interval of a weekday; messages name the weekday (week.mon). */
const workIntervalSchema = (field: string) =>
  z
    .object(
      { start: startSchema, end: endSchema },
      { error: `${field} must hold working intervals {start, end}` },
    )
    // Zod still runs this when a field failed; a malformed field is reported once, there.
    .refine((i) => !isWellFormed(i) || minutesOfHhmm(i.end) > minutesOfHhmm(i.start), {
      error: (iss) => {
        const i = iss.input as { start: string; end: string };
        return `${field} working interval ${i.start}-${i.end} must end after it starts`;
      },
    });
export type WorkInterval = { start: string; end: string };

/** One weekday's intervals, returned sorted; overlaps are rejected (touching is fine). */
const dayIntervalsSchema = (day: string) => {
  const field = `week.${day}`;
  return z
    .array(workIntervalSchema(field), { error: `${field} must be a list of working intervals` })
    .max(24, { error: `${field} may have at most 24 working intervals` })
    .transform((list) => [...list].sort((a, b) => minutesOfHhmm(a.start) - minutesOfHhmm(b.start)))
    .superRefine((list, ctx) => {
      for (let i = 1; i < list.length; i++) {
        const prev = list[i - 1]!;
        const cur = list[i]!;
        if (minutesOfHhmm(cur.start) < minutesOfHhmm(prev.end)) {
          ctx.addIssue({
            code: 'custom',
            path: [i],
            message: `${field} working interval ${cur.start}-${cur.end} overlaps ${prev.start}-${prev.end}`,
          });
        }
      }
    });
};

export const weekSchema = z
  .object(
    {
      sun: dayIntervalsSchema('sun'),
      mon: dayIntervalsSchema('mon'),
      tue: dayIntervalsSchema('tue'),
      wed: dayIntervalsSchema('wed'),
      thu: dayIntervalsSchema('thu'),
      fri: dayIntervalsSchema('fri'),
      sat: dayIntervalsSchema('sat'),
    },
    { error: `week must be an object with the working intervals of ${weekdays.join(', ')}` },
  )
  .refine((w) => weekdays.some((d) => w[d].length > 0), {
    // Without any working time a due date could never be reached.
    error: 'week must have at least one working interval',
  });
export type Week = z.infer<typeof weekSchema>;

/** A holiday: a real date between 2000 and 2199, like every other date the desk stores. */
export const holidaySchema = z
  .string({ error: 'holidays must list dates YYYY-MM-DD' })
  .refine(isDateOnly, {
    error: (iss) =>
      `holidays must list real dates YYYY-MM-DD between 2000 and 2199; ${String(iss.input)} is not one`,
  });

/** True when Intl knows the IANA zone; numeric offsets are refused because they ignore DST. */
export const isIanaTimeZone = (tz: string): boolean => {
  if (!/^[A-Za-z]/.test(tz)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

export const timeZoneSchema = z
  .string({ error: 'timeZone must be a string' })
  .refine(isIanaTimeZone, {
    error: (iss) => `timeZone ${String(iss.input)} is not an IANA time zone such as Europe/London`,
  });

export const calendarSchema = z.object({
  id: calendarIdSchema,
  name: z
    .string({ error: 'name must be a string' })
    .trim()
    .min(1, { error: 'name must not be empty' })
    .max(80, { error: 'name must have at most 80 characters' }),
  timeZone: timeZoneSchema,
  week: weekSchema,
  holidays: z
    .array(holidaySchema, { error: 'holidays must be a list of dates' })
    .max(5000, { error: 'holidays may list at most 5000 dates' })
    .transform((list) => [...new Set(list)].sort()),
});
export type Calendar = z.infer<typeof calendarSchema>;

const allDay: WorkInterval[] = [{ start: '00:00', end: '24:00' }];
const nineToFive: WorkInterval[] = [{ start: '09:00', end: '17:00' }];

/** Fixed ids so every client and the hub refer to the built-in calendars alike. */
export const CALENDAR_24X7_ID = '00000000-0000-7000-8000-000000000247' as CalendarId;
export const CALENDAR_BUSINESS_ID = '00000000-0000-7000-8000-000000000905' as CalendarId;

/** Round the clock, no holidays: business time equals elapsed time. */
export const calendar24x7: Calendar = Object.freeze({
  id: CALENDAR_24X7_ID,
  name: '24×7',
  timeZone: 'UTC',
  week: {
    sun: allDay,
    mon: allDay,
    tue: allDay,
    wed: allDay,
    thu: allDay,
    fri: allDay,
    sat: allDay,
  },
  holidays: [],
});

/** The default business calendar: Monday–Friday 09:00–17:00 in the given zone. */
export const businessHoursCalendar = (
  timeZone: string,
  holidays: string[] = [],
  id: CalendarId = CALENDAR_BUSINESS_ID,
): Calendar =>
  calendarSchema.parse({
    id,
    name: 'Business hours',
    timeZone,
    week: {
      sun: [],
      mon: nineToFive,
      tue: nineToFive,
      wed: nineToFive,
      thu: nineToFive,
      fri: nineToFive,
      sat: [],
    },
    holidays,
  });

export {
  addBusinessMs,
  businessIntervals,
  businessMsBetween,
  isBusinessTime,
  standardBusinessDayMs,
} from './calendar-business';
