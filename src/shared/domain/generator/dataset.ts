import type { Queue, User } from '../accounts';
import { businessHoursCalendar, calendar24x7, type Calendar } from '../calendar';
import { localDayOf, weekdayOfDay, zonedParts } from '../calendar-zone';
import type { CatalogItem } from '../catalog';
import { defaultDomainSettings, type DomainSettings } from '../settings';
import { defaultSlaDefinitions, type SlaDefinition } from '../sla';
import { makeOrganisation, type Organisation } from './people';
import { categoryBanks, type CategoryBank } from './phrases-categories';
import { createRng, type Rng } from './prng';
import { ticketRunner, type GeneratedTicket } from './runner';
import { incidentStory, requestStory, type StoryContext } from './stories';
import { changeStory, problemStory } from './stories-itsm';
import type { Ticket } from '../ticket';

/**
 * A seeded, realistic service-desk data set (PERFORMANCE.md "Data set"): queues,
 * agents, requesters, the catalogue, and a stream of tickets with their histories,
 * comments and work logs. Same options → same output, byte for byte.
 *
 * Tickets are yielded one at a time in creation order, each built from its own PRNG
 * stream (seed + index), so 100k tickets stream in constant memory: only the
 * organisation and a few recent tickets per category (for problem and change links)
 * are held.
 *
 * Sizes, as UTF-8 JSON (checked by dataset.test.ts): a ticket's fields without its
 * history are 700–2,000 bytes, median about 970; the stored record with its events
 * and field stamps is about 1.8–4.6 KB, median about 2.9 KB. PERFORMANCE.md's
 * "600–900 bytes" is below what 40–80-word descriptions allow: the fixed fields
 * alone (three UUIDs, enums, times and their keys) take 440–1,200 bytes.
 */
export type DatasetOptions = {
  seed: number | string;
  tickets: number;
  /** The "present": histories stop here, so recent tickets are still open. */
  nowMs: number;
  /** How far back ticket creation goes (default 365 days). */
  spanDays?: number;
  agents?: number;
  requesters?: number;
  /** Zone of the business calendar and of working hours (default Europe/London). */
  timeZone?: string;
};

export type Dataset = {
  queues: Queue[];
  agents: User[];
  requesters: User[];
  catalogItems: CatalogItem[];
  categories: string[];
  settings: DomainSettings;
  calendars: Calendar[];
  slaDefinitions: readonly SlaDefinition[];
  /** A fresh stream each call, always the same tickets. */
  tickets(): Generator<GeneratedTicket>;
};

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Tickets per hour of a weekday, relative: the morning peak, lunch, a quiet night. */
const weekdayProfile = [
  0.05, 0.04, 0.03, 0.03, 0.04, 0.06, 0.15, 0.4, 0.9, 1, 1, 0.95, 0.7, 0.85, 0.95, 0.9, 0.75, 0.45,
  0.25, 0.15, 0.12, 0.1, 0.08, 0.06,
];
const WEEKEND = 0.12;

/** Noisy categories get more tickets (password resets, VPN, Outlook…). */
const categoryWeight = (b: CategoryBank): number =>
  ['Password reset', 'VPN', 'Outlook', 'Account lockout', 'Software install', 'Printing'].includes(
    b.name,
  )
    ? 3
    : 1;

/** Christmas, Boxing Day and New Year's Day of every year the span touches. */
const holidaysFor = (fromMs: number, toMs: number): string[] => {
  const out: string[] = [];
  for (let y = new Date(fromMs).getUTCFullYear(); y <= new Date(toMs).getUTCFullYear() + 1; y++) {
    out.push(`${y}-01-01`, `${y}-12-25`, `${y}-12-26`);
  }
  return out;
};

/** Cumulative weight of each hour of the span, to place creation times like real traffic. */
const hourWeights = (
  fromMs: number,
  hours: number,
  timeZone: string,
  holidays: Set<string>,
): Float64Array => {
  const cumulative = new Float64Array(hours);
  let sum = 0;
  for (let h = 0; h < hours; h++) {
    const t = fromMs + h * HOUR;
    const day = localDayOf(timeZone, t);
    const weekday = weekdayOfDay(day);
    const iso = new Date(day * DAY).toISOString().slice(0, 10);
    const w =
      weekday === 0 || weekday === 6 || holidays.has(iso)
        ? WEEKEND
        : weekdayProfile[Math.floor(zonedParts(timeZone, t).minuteOfDay / 60)]!;
    // A desk grows: a little more traffic towards the present.
    sum += w * (0.85 + (0.3 * h) / hours);
    cumulative[h] = sum;
  }
  return cumulative;
};

/** The instant at quantile u of the weighted span; monotonic in u, so tickets come out sorted. */
const timeAt = (cumulative: Float64Array, fromMs: number, u: number): number => {
  const target = u * cumulative[cumulative.length - 1]!;
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid]! <= target) lo = mid + 1;
    else hi = mid;
  }
  const before = lo === 0 ? 0 : cumulative[lo - 1]!;
  const within = (target - before) / (cumulative[lo]! - before);
  return Math.floor(fromMs + (lo + Math.min(within, 0.999999)) * HOUR);
};

/** Recent tickets per category, so problems can gather incidents and incidents can blame changes. */
type Recent = Map<
  string,
  { incidents: Ticket[]; changes: Array<{ ticket: Ticket; implementedAt: number }> }
>;

const recentOf = (recent: Recent, category: string) => {
  let r = recent.get(category);
  if (!r) recent.set(category, (r = { incidents: [], changes: [] }));
  return r;
};

const oneTicket = (
  rng: Rng,
  createdAt: number,
  org: Organisation,
  ctx: Omit<StoryContext, 'rng' | 'runner'>,
  settings: DomainSettings,
  nowMs: number,
  recent: Recent,
): GeneratedTicket => {
  const runner = ticketRunner(settings, createdAt, nowMs);
  const s: StoryContext = { ...ctx, rng, runner };
  // Some people raise many tickets, most raise few.
  const requester = org.requesters[Math.floor(org.requesters.length * rng.next() ** 2)]!;
  const bank = rng.weighted(categoryBanks.map((b) => [b, categoryWeight(b)] as const));
  const around = recentOf(recent, bank.name);
  const items = org.catalogItems.filter((i) => i.category === bank.name);
  const roll = rng.next();
  if (roll < 0.01 && around.incidents.length >= 2) {
    problemStory(s, createdAt, bank, around.incidents.slice(-rng.int(2, 5)));
    around.incidents = [];
  } else if (roll < 0.035) {
    changeStory(s, createdAt, bank);
    const implemented = runner
      .ticket()
      .events.find((e) => e.kind === 'state' && e.to === 'implement');
    if (implemented)
      around.changes = [
        ...around.changes.slice(-2),
        { ticket: runner.ticket(), implementedAt: implemented.at },
      ];
  } else if (items.length > 0 && rng.chance(0.8)) {
    requestStory(s, createdAt, requester, bank, rng.pick(items));
  } else {
    const cause = around.changes.find(
      (c) => c.implementedAt <= createdAt && createdAt - c.implementedAt < 2 * DAY,
    );
    incidentStory(s, createdAt, requester, bank, cause?.ticket ?? null);
    around.incidents = [...around.incidents.slice(-5), runner.ticket()];
  }
  return runner.result();
};

export const createDataset = (opts: DatasetOptions): Dataset => {
  const spanDays = opts.spanDays ?? 365;
  const timeZone = opts.timeZone ?? 'Europe/London';
  const fromMs = opts.nowMs - spanDays * DAY;
  const rng = createRng(`${opts.seed}/organisation`);
  const org = makeOrganisation(rng, {
    agents: opts.agents ?? 200,
    requesters: opts.requesters ?? 5000,
    at: fromMs - 30 * DAY,
  });
  const holidays = holidaysFor(fromMs, opts.nowMs);
  const business = businessHoursCalendar(timeZone, holidays);
  const settings: DomainSettings = { ...defaultDomainSettings, catalogItems: org.catalogItems };
  const ctx = { org, business, timeZone, autoCloseDays: settings.autoCloseDays };
  let cumulative: Float64Array | null = null;

  return {
    queues: org.queues,
    agents: org.agents,
    requesters: org.requesters,
    catalogItems: org.catalogItems,
    categories: categoryBanks.map((b) => b.name),
    settings,
    calendars: [calendar24x7, business],
    slaDefinitions: defaultSlaDefinitions,
    *tickets() {
      cumulative ??= hourWeights(fromMs, spanDays * 24, timeZone, new Set(holidays));
      const recent: Recent = new Map();
      for (let i = 0; i < opts.tickets; i++) {
        const t = createRng(`${opts.seed}/ticket/${i}`);
        const createdAt = timeAt(cumulative, fromMs, (i + t.next()) / opts.tickets);
        yield oneTicket(t, createdAt, org, ctx, settings, opts.nowMs, recent);
      }
    },
  };
};
