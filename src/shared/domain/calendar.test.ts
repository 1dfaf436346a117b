import { describe, expect, it } from 'vitest';
import {
  addBusinessMs,
  businessHoursCalendar,
  businessIntervals,
  businessMsBetween,
  calendar24x7,
  calendarSchema,
  isBusinessTime,
  standardBusinessDayMs,
  type Calendar,
} from './calendar';
import { zonedParts, zonedWallToUtc, dayOfIsoDate } from './calendar-zone';

const H = 3_600_000;
const M = 60_000;
const t = (iso: string): number => Date.parse(iso);
const iso = (ms: number): string => new Date(ms).toISOString();

const CAL_ID = '0190a1b2-0000-7000-8000-000000000001';

/** A calendar that works only on the listed weekdays, round the clock. */
const weekendDesk = (timeZone: string, hours = [{ start: '00:00', end: '24:00' }]): Calendar =>
  calendarSchema.parse({
    id: CAL_ID,
    name: 'Weekend desk',
    timeZone,
    week: { sun: hours, mon: [], tue: [], wed: [], thu: [], fri: [], sat: [] },
    holidays: [],
  });

describe('calendar schema', () => {
  const base = {
    id: CAL_ID,
    name: 'UK office',
    timeZone: 'Europe/London',
    week: {
      sun: [],
      mon: [{ start: '09:00', end: '17:00' }],
      tue: [],
      wed: [],
      thu: [],
      fri: [],
      sat: [],
    },
    holidays: ['2025-12-25'],
  };
  const issues = (input: unknown): string[] => {
    const r = calendarSchema.safeParse(input);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  it('accepts a valid calendar, sorting intervals and de-duplicating holidays', () => {
    const cal = calendarSchema.parse({
      ...base,
      week: {
        ...base.week,
        tue: [
          { start: '13:00', end: '17:00' },
          { start: '08:00', end: '13:00' },
        ],
      },
      holidays: ['2025-12-26', '2025-12-25', '2025-12-26'],
    });
    expect(cal.week.tue.map((i) => i.start)).toEqual(['08:00', '13:00']);
    expect(cal.holidays).toEqual(['2025-12-25', '2025-12-26']);
  });

  it('names the field and the problem for each bad input', () => {
    expect(issues({ ...base, timeZone: 'Europe/Londn' })).toEqual([
      'timeZone: timeZone Europe/Londn is not an IANA time zone such as Europe/London',
    ]);
    expect(issues({ ...base, timeZone: '+01:00' })[0]).toMatch(
      /^timeZone: .*not an IANA time zone/,
    );
    expect(issues({ ...base, holidays: ['2025-02-30', '2025-2-1', '2024-02-29'] })).toEqual([
      'holidays.0: holidays must list real dates YYYY-MM-DD between 2000 and 2199; 2025-02-30 is not one',
      'holidays.1: holidays must list real dates YYYY-MM-DD between 2000 and 2199; 2025-2-1 is not one',
    ]);
    expect(
      issues({ ...base, week: { ...base.week, mon: [{ start: '17:00', end: '09:00' }] } }),
    ).toEqual(['week.mon.0: week.mon working interval 17:00-09:00 must end after it starts']);
    expect(
      issues({
        ...base,
        week: {
          ...base.week,
          mon: [
            { start: '09:00', end: '12:30' },
            { start: '12:00', end: '17:00' },
          ],
        },
      }),
    ).toEqual(['week.mon.1: week.mon working interval 12:00-17:00 overlaps 09:00-12:30']);
    expect(
      issues({ ...base, week: { ...base.week, mon: [{ start: '9:00', end: '24:01' }] } }),
    ).toEqual([
      'week.mon.0.start: start must be a time HH:MM between 00:00 and 23:59',
      'week.mon.0.end: end must be a time HH:MM between 00:01 and 24:00',
    ]);
    expect(issues({ ...base, week: { ...base.week, mon: [] } })).toEqual([
      'week: week must have at least one working interval',
    ]);
    expect(issues({ ...base, name: '  ' })).toEqual(['name: name must not be empty']);
  });

  it('treats touching intervals as valid and 24:00 as the end of the day', () => {
    expect(
      issues({
        ...base,
        week: {
          ...base.week,
          mon: [
            { start: '00:00', end: '12:00' },
            { start: '12:00', end: '24:00' },
          ],
        },
      }),
    ).toEqual([]);
  });

  it('takes only real holidays between 2000 and 2199, like every other date', () => {
    const holiday = (d: string) => calendarSchema.safeParse({ ...base, holidays: [d] }).success;
    expect(holiday('2024-02-29')).toBe(true);
    expect(holiday('2199-12-31')).toBe(true);
    expect(holiday('2023-02-29')).toBe(false);
    expect(holiday('2025-13-01')).toBe(false);
    expect(holiday('20250101')).toBe(false);
    expect(holiday('1999-12-25')).toBe(false);
    expect(holiday('2200-01-01')).toBe(false);
  });
});

describe('business time in the default Mon–Fri 09:00–17:00 calendar', () => {
  const london = businessHoursCalendar('Europe/London', ['2025-12-25', '2025-12-26']);

  it('skips a weekend', () => {
    // Fri 10 Jan 2025 16:00 GMT → Mon 13 Jan 10:00 GMT: Fri 16–17 (1 h) + Mon 09–10 (1 h) = 2 h.
    expect(businessMsBetween(london, t('2025-01-10T16:00:00Z'), t('2025-01-13T10:00:00Z'))).toBe(
      2 * H,
    );
    // 2 h from Fri 16:00 is Mon 10:00, not Sat 02:00.
    expect(iso(addBusinessMs(london, t('2025-01-10T16:00:00Z'), 2 * H))).toBe(
      '2025-01-13T10:00:00.000Z',
    );
  });

  it('skips holidays', () => {
    // Wed 24 Dec 16:00 → Mon 29 Dec 10:00: Wed 1 h, Thu 25 + Fri 26 holidays, weekend, Mon 1 h = 2 h.
    expect(businessMsBetween(london, t('2025-12-24T16:00:00Z'), t('2025-12-29T10:00:00Z'))).toBe(
      2 * H,
    );
    // Without the holidays the same span holds Wed 1 h + Thu 8 h + Fri 8 h + Mon 1 h = 18 h.
    const noHolidays = businessHoursCalendar('Europe/London');
    expect(
      businessMsBetween(noHolidays, t('2025-12-24T16:00:00Z'), t('2025-12-29T10:00:00Z')),
    ).toBe(18 * H);
    // 3 business hours from Wed 16:00: 1 h on Wed, then Mon 09:00 + 2 h = Mon 11:00 GMT.
    expect(iso(addBusinessMs(london, t('2025-12-24T16:00:00Z'), 3 * H))).toBe(
      '2025-12-29T11:00:00.000Z',
    );
  });

  it('counts nothing outside working hours and clips at both ends', () => {
    expect(businessMsBetween(london, t('2025-01-11T00:00:00Z'), t('2025-01-12T23:59:00Z'))).toBe(0);
    // Tue 08:00 → Tue 09:30: only 09:00–09:30 counts.
    expect(businessMsBetween(london, t('2025-01-14T08:00:00Z'), t('2025-01-14T09:30:00Z'))).toBe(
      30 * M,
    );
    expect(businessMsBetween(london, t('2025-01-14T12:00:00Z'), t('2025-01-14T11:00:00Z'))).toBe(0);
    // Starting before opening, the clock starts at 09:00.
    expect(iso(addBusinessMs(london, t('2025-01-14T06:00:00Z'), 15 * M))).toBe(
      '2025-01-14T09:15:00.000Z',
    );
    // Exactly a full day ends at 17:00 the same day, not at 09:00 the next.
    expect(iso(addBusinessMs(london, t('2025-01-14T09:00:00Z'), 8 * H))).toBe(
      '2025-01-14T17:00:00.000Z',
    );
    expect(addBusinessMs(london, 123, 0)).toBe(123);
  });

  it('follows London across the March change (clocks go forward on Sun 30 Mar 2025)', () => {
    // Fri 28 Mar 16:00 GMT (16:00Z) → Mon 31 Mar 10:00 BST (09:00Z): 1 h + 1 h = 2 h,
    // although 65 wall hours pass. Monday opens at 09:00 BST = 08:00Z.
    expect(businessMsBetween(london, t('2025-03-28T16:00:00Z'), t('2025-03-31T09:00:00Z'))).toBe(
      2 * H,
    );
    expect(iso(addBusinessMs(london, t('2025-03-28T16:00:00Z'), 2 * H))).toBe(
      '2025-03-31T09:00:00.000Z',
    );
    expect(businessIntervals(london, t('2025-03-31T00:00:00Z'), t('2025-04-01T00:00:00Z'))).toEqual(
      [{ start: t('2025-03-31T08:00:00Z'), end: t('2025-03-31T16:00:00Z') }],
    );
  });

  it('follows London across the October change (clocks go back on Sun 26 Oct 2025)', () => {
    // Fri 24 Oct 16:00 BST (15:00Z) → Mon 27 Oct 10:00 GMT (10:00Z): 1 h + 1 h = 2 h.
    expect(businessMsBetween(london, t('2025-10-24T15:00:00Z'), t('2025-10-27T10:00:00Z'))).toBe(
      2 * H,
    );
    expect(iso(addBusinessMs(london, t('2025-10-24T15:00:00Z'), 2 * H))).toBe(
      '2025-10-27T10:00:00.000Z',
    );
  });

  it('follows New York across its changes (9 Mar and 2 Nov 2025)', () => {
    const ny = businessHoursCalendar('America/New_York');
    // Fri 7 Mar 16:00 EST (21:00Z) → Mon 10 Mar 10:00 EDT (14:00Z): 1 h + 1 h.
    expect(businessMsBetween(ny, t('2025-03-07T21:00:00Z'), t('2025-03-10T14:00:00Z'))).toBe(2 * H);
    // From Friday's close (17:00 EST = 22:00Z), 30 min lands on Mon 09:30 EDT = 13:30Z
    // (Friday opened at 14:00Z; Monday opens an hour earlier in UTC).
    expect(iso(addBusinessMs(ny, t('2025-03-07T22:00:00Z'), 30 * M))).toBe(
      '2025-03-10T13:30:00.000Z',
    );
    // Fri 31 Oct 16:00 EDT (20:00Z) + 2 h → Mon 3 Nov 10:00 EST = 15:00Z.
    expect(iso(addBusinessMs(ny, t('2025-10-31T20:00:00Z'), 2 * H))).toBe(
      '2025-11-03T15:00:00.000Z',
    );
  });

  it('gives one business day as 8 hours', () => {
    expect(standardBusinessDayMs(london)).toBe(8 * H);
    expect(standardBusinessDayMs(calendar24x7)).toBe(24 * H);
  });

  it('handles a full year quickly enough to be called per ticket', () => {
    // 2024 had 262 weekdays × 8 h and these holidays fall on weekdays: (262 − 2) × 8 = 2080 h.
    const cal = businessHoursCalendar('Europe/London', ['2024-12-25', '2024-12-26']);
    expect(businessMsBetween(cal, t('2024-01-01T00:00:00Z'), t('2025-01-01T00:00:00Z'))).toBe(
      2080 * H,
    );
    expect(iso(addBusinessMs(cal, t('2024-01-01T00:00:00Z'), 2080 * H))).toBe(
      '2024-12-31T17:00:00.000Z',
    );
  });

  it('tells whether an instant is working time', () => {
    expect(isBusinessTime(london, t('2025-01-14T09:00:00Z'))).toBe(true);
    expect(isBusinessTime(london, t('2025-01-14T17:00:00Z'))).toBe(false);
    expect(isBusinessTime(london, t('2025-12-25T10:00:00Z'))).toBe(false);
  });
});

describe('round-the-clock intervals across DST', () => {
  it('a London Sunday has 23 h in March and 25 h in October', () => {
    const cal = weekendDesk('Europe/London');
    // Sun 30 Mar 2025 runs from 00:00 GMT (00:00Z) to midnight BST (23:00Z) = 23 h.
    expect(businessMsBetween(cal, t('2025-03-29T12:00:00Z'), t('2025-03-31T12:00:00Z'))).toBe(
      23 * H,
    );
    // Sun 26 Oct 2025 runs from 00:00 BST (25 Oct 23:00Z) to midnight GMT (27 Oct 00:00Z) = 25 h.
    expect(businessMsBetween(cal, t('2025-10-25T12:00:00Z'), t('2025-10-27T12:00:00Z'))).toBe(
      25 * H,
    );
    expect(iso(addBusinessMs(cal, t('2025-10-25T12:00:00Z'), 25 * H))).toBe(
      '2025-10-27T00:00:00.000Z',
    );
  });

  it('measures wall-clock hours that straddle the gap and the fold as real time', () => {
    // New York, Sun 9 Mar 2025, 00:00–06:00 local: 00:00 EST = 05:00Z, 06:00 EDT = 10:00Z → 5 h.
    const ny = weekendDesk('America/New_York', [{ start: '00:00', end: '06:00' }]);
    expect(businessMsBetween(ny, t('2025-03-08T00:00:00Z'), t('2025-03-10T00:00:00Z'))).toBe(5 * H);
    // London, Sun 26 Oct 2025, 00:00–06:00: 00:00 BST = 25 Oct 23:00Z, 06:00 GMT = 06:00Z → 7 h.
    const ldn = weekendDesk('Europe/London', [{ start: '00:00', end: '06:00' }]);
    expect(businessMsBetween(ldn, t('2025-10-25T00:00:00Z'), t('2025-10-27T00:00:00Z'))).toBe(
      7 * H,
    );
  });

  it('the 24×7 calendar is plain elapsed time', () => {
    expect(businessMsBetween(calendar24x7, 1000, 5000)).toBe(4000);
    expect(addBusinessMs(calendar24x7, 1000, 4000)).toBe(5000);
    expect(businessIntervals(calendar24x7, 0, 3 * 86_400_000)).toEqual([
      { start: 0, end: 3 * 86_400_000 },
    ]);
  });
});

describe('zone helpers', () => {
  it('maps wall times to instants with compatible DST rules', () => {
    const day = dayOfIsoDate('2025-03-30');
    // 01:30 does not exist in London that day; it is read as 02:30 BST = 01:30Z.
    expect(iso(zonedWallToUtc('Europe/London', day, 90))).toBe('2025-03-30T01:30:00.000Z');
    // 01:30 happens twice on 26 Oct; the first (BST) one is chosen = 00:30Z.
    expect(iso(zonedWallToUtc('Europe/London', dayOfIsoDate('2025-10-26'), 90))).toBe(
      '2025-10-26T00:30:00.000Z',
    );
    expect(iso(zonedWallToUtc('Pacific/Auckland', dayOfIsoDate('2025-01-15'), 9 * 60))).toBe(
      '2025-01-14T20:00:00.000Z',
    );
  });

  it('reads wall-clock parts in the zone', () => {
    expect(zonedParts('Pacific/Auckland', t('2025-01-31T12:00:00Z'))).toEqual({
      year: 2025,
      month: 2,
      day: 1,
      minuteOfDay: 60,
    });
  });

  it('refuses a calendar without any working hours at use time', () => {
    const broken = {
      ...calendar24x7,
      week: { sun: [], mon: [], tue: [], wed: [], thu: [], fri: [], sat: [] },
    };
    expect(() => addBusinessMs(broken, 0, H)).toThrow(/has no working hours/);
  });
});
