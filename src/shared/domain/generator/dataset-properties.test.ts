import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commentSchema } from '../comment';
import { linkSchema } from '../link';
import { ticketSchema } from '../ticket';
import { worklogEntrySchema } from '../worklog';
import { createDataset, type DatasetOptions } from './dataset';
import type { GeneratedTicket } from './runner';

/**
 * The generator over many seeds, presents and spans, at small sizes (a small
 * organisation keeps each run to a few milliseconds): whatever the options, it makes
 * valid records, the same ones for the same options, in creation order, and nothing
 * dated after the present it was given.
 */

const DAY = 86_400_000;

const optionsArb: fc.Arbitrary<DatasetOptions> = fc.record({
  seed: fc.oneof(fc.integer(), fc.string({ maxLength: 12 })),
  tickets: fc.integer({ min: 1, max: 12 }),
  nowMs: fc.integer({ min: Date.UTC(2021, 0, 1), max: Date.UTC(2035, 0, 1) }),
  spanDays: fc.integer({ min: 1, max: 60 }),
  agents: fc.constant(25),
  requesters: fc.constant(20),
  timeZone: fc.constantFrom('Europe/London', 'America/New_York', 'Pacific/Auckland', 'UTC'),
});

const generate = (o: DatasetOptions): GeneratedTicket[] => [...createDataset(o).tickets()];

/** Every instant a generated ticket carries. */
const instants = (g: GeneratedTicket): number[] => [
  g.ticket.createdAt,
  g.ticket.updatedAt,
  ...g.ticket.events.map((e) => e.at),
  ...g.comments.map((c) => c.createdAt),
  ...g.worklogs.map((w) => w.createdAt),
  ...g.links.map((l) => l.createdAt),
];

describe('generator properties', () => {
  it('makes valid records, the same for the same options, in creation order, none after now', () => {
    fc.assert(
      fc.property(optionsArb, (o) => {
        const tickets = generate(o);
        expect(tickets).toHaveLength(o.tickets);
        expect(JSON.stringify(generate(o))).toBe(JSON.stringify(tickets));
        let previous = o.nowMs - o.spanDays! * DAY;
        for (const g of tickets) {
          const parsed = ticketSchema.safeParse(g.ticket);
          expect(parsed.success ? null : parsed.error.issues[0]).toBeNull();
          for (const c of g.comments) expect(commentSchema.parse(c)).toEqual(c);
          for (const w of g.worklogs) expect(worklogEntrySchema.parse(w)).toEqual(w);
          for (const l of g.links) expect(linkSchema.parse(l)).toEqual(l);
          expect(g.ticket.createdAt).toBeGreaterThanOrEqual(previous);
          previous = g.ticket.createdAt;
          expect(Math.max(...instants(g))).toBeLessThanOrEqual(o.nowMs);
        }
      }),
      { numRuns: 20 },
    );
  });

  it('makes different tickets for different seeds', () => {
    fc.assert(
      fc.property(optionsArb, fc.integer(), (o, other) => {
        fc.pre(other !== o.seed);
        const titles = (seed: number | string) =>
          generate({ ...o, seed, tickets: 5 }).map(
            (g) => `${g.ticket.title}|${g.ticket.createdAt}`,
          );
        expect(titles(other)).not.toEqual(titles(o.seed));
      }),
      { numRuns: 6 },
    );
  });
});
