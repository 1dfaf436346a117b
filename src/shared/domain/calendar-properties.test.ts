import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  addBusinessMs,
  businessIntervals,
  businessMsBetween,
  calendarSchema,
  isBusinessTime,
  weekdays,
  type Calendar,
} from './calendar';

// Zones with unusual rules: half-hour offsets, 30-minute DST (Lord Howe),
// DST at midnight (Santiago), southern-hemisphere DST (Auckland).
const zones = [
  'UTC',
  'Europe/London',
  'America/New_York',
  'Pacific/Auckland',
  'Asia/Kolkata',
  'Australia/Lord_Howe',
  'America/Santiago',
];

const hhmm = (m: number): string =>
  m === 1440
    ? '24:00'
    : `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** 0–3 intervals per day from sorted distinct boundaries on a 15-minute grid. */
const dayArb = fc.uniqueArray(fc.integer({ min: 0, max: 96 }), { maxLength: 6 }).map((bs) => {
  const sorted = [...bs].sort((a, b) => a - b);
  const out: Array<{ start: string; end: string }> = [];
  for (let i = 0; i + 1 < sorted.length; i += 2) {
    out.push({ start: hhmm(sorted[i]! * 15), end: hhmm(sorted[i + 1]! * 15) });
  }
  return out;
});

const FROM = Date.UTC(2020, 0, 1);
const TO = Date.UTC(2030, 0, 1);
const DAY = 86_400_000;

const calendarArb: fc.Arbitrary<Calendar> = fc
  .record({
    timeZone: fc.constantFrom(...zones),
    days: fc.array(dayArb, { minLength: 7, maxLength: 7 }),
    holidays: fc.array(fc.integer({ min: 0, max: (TO - FROM) / DAY }), { maxLength: 40 }),
  })
  .filter((r) => r.days.some((d) => d.length > 0))
  .map((r) =>
    calendarSchema.parse({
      id: '0190a1b2-0000-7000-8000-000000000002',
      name: 'Generated',
      timeZone: r.timeZone,
      week: Object.fromEntries(weekdays.map((d, i) => [d, r.days[i]])),
      holidays: r.holidays.map((d) => new Date(FROM + d * DAY).toISOString().slice(0, 10)),
    }),
  );

const instantArb = fc.integer({ min: FROM, max: TO });
const spanArb = fc.integer({ min: 0, max: 45 * DAY });

describe('business time properties', () => {
  it('splitting a span anywhere gives the same total', () => {
    fc.assert(
      fc.property(
        calendarArb,
        instantArb,
        spanArb,
        fc.double({ min: 0, max: 1, noNaN: true }),
        (cal, a, len, f) => {
          const c = a + len;
          const b = a + Math.floor(len * f);
          expect(businessMsBetween(cal, a, c)).toBe(
            businessMsBetween(cal, a, b) + businessMsBetween(cal, b, c),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never counts more than the wall time and matches the listed intervals', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, spanArb, (cal, a, len) => {
        const total = businessMsBetween(cal, a, a + len);
        expect(total).toBeGreaterThanOrEqual(0);
        expect(total).toBeLessThanOrEqual(len);
        const ivs = businessIntervals(cal, a, a + len);
        expect(ivs.reduce((s, i) => s + (i.end - i.start), 0)).toBe(total);
        for (let i = 1; i < ivs.length; i++) expect(ivs[i]!.start).toBeGreaterThan(ivs[i - 1]!.end);
      }),
      { numRuns: 200 },
    );
  });

  it('addBusinessMs inverts businessMsBetween', () => {
    fc.assert(
      fc.property(
        calendarArb,
        instantArb,
        fc.integer({ min: 0, max: 200 * 3_600_000 }),
        (cal, s, d) => {
          const due = addBusinessMs(cal, s, d);
          expect(due).toBeGreaterThanOrEqual(s);
          expect(businessMsBetween(cal, s, due)).toBe(d);
        },
      ),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(calendarArb, instantArb, spanArb, (cal, s, len) => {
        const e = s + len;
        const back = addBusinessMs(cal, s, businessMsBetween(cal, s, e));
        // The earliest instant with that much business time: e itself when e is in working time.
        expect(back).toBeLessThanOrEqual(e);
        expect(businessMsBetween(cal, back, e)).toBe(0);
        if (len > 0 && isBusinessTime(cal, e - 1) && businessMsBetween(cal, s, e) > 0)
          expect(back).toBe(e);
      }),
      { numRuns: 300 },
    );
  });
});

describe('independence from the process time zone', () => {
  // Typed locally: the web tsconfig (which also checks src/shared) has no node types.
  const env = (globalThis as unknown as { process: { env: Record<string, string | undefined> } })
    .process.env;
  const saved = env.TZ;
  afterEach(() => {
    if (saved === undefined) delete env.TZ;
    else env.TZ = saved;
  });

  const compute = (cal: Calendar, s: number, len: number, d: number): [number, number] => [
    businessMsBetween(cal, s, s + len),
    addBusinessMs(cal, s, d),
  ];

  it('gives identical results under TZ=UTC and TZ=Pacific/Auckland', () => {
    fc.assert(
      fc.property(
        calendarArb,
        instantArb,
        spanArb,
        fc.integer({ min: 0, max: 100 * 3_600_000 }),
        (cal, s, len, d) => {
          env.TZ = 'UTC';
          // A fresh copy of the calendar so no memo carries over between the two runs.
          const inUtc = compute(structuredClone(cal), s, len, d);
          expect(new Date(0).getTimezoneOffset()).toBe(0);
          env.TZ = 'Pacific/Auckland';
          const inAuckland = compute(structuredClone(cal), s, len, d);
          expect(new Date(0).getTimezoneOffset()).toBe(-720);
          expect(inAuckland).toEqual(inUtc);
        },
      ),
      { numRuns: 100 },
    );
  });
});
