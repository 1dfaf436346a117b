import { addBusinessMs, type Calendar } from '../../shared/domain/calendar';
import type { TicketEvent } from '../../shared/domain/events';
import {
  defaultDomainSettings,
  domainSettingsSchema,
  pausingHoldReasons,
} from '../../shared/domain/settings';
import { slaDefinitionSchema, type SlaDefinition } from '../../shared/domain/sla';
import { calendarSchema } from '../../shared/domain/calendar';
import { computeSla, DEFAULT_WARNING_RATIO } from '../../shared/domain/sla-clock';
import type { HoldReason, TicketType } from '../../shared/domain/states';

/**
 * SLA facts stored with each local ticket row so queues of 100k tickets can
 * sort, filter and count by SLA without running the clock per row per render
 * (computeSla costs ~13 ms per 1,000 tickets).
 *
 * Every stored value is an *instant*, not a state: a running clock's due time
 * does not move while nothing happens to the ticket, so the fields stay true
 * as time passes and only need recomputing when the ticket, a calendar, an SLA
 * definition or the pausing hold reasons change. The state a user sees
 * (within / warning / breached) is read from them at the current time by
 * slaStateAt, which agrees with computeSla at that time (tested).
 *
 * These fields are local only: they are never part of a mutation's args, and
 * the hub never sees local rows.
 */

/** Where the resolution clock stands, independent of the current time. */
export type SlaPhaseLocal = 'running' | 'paused' | 'stopped' | 'none';

export interface DerivedSla {
  slaPhase: SlaPhaseLocal;
  /** Resolution due (running clocks only; in the past once breached). */
  slaDueAt: number | null;
  /** Running: the instant the clock enters 'warning' (75 % of the target). */
  slaWarnAt: number | null;
  /** Running: the first instant it counts as breached. Paused/stopped: when it breached, if it did. */
  slaBreachAt: number | null;
  /** When the ticket belongs in "Breaching soon": ≤ BREACHING_SOON_MS of business time left, or breached. */
  slaSoonAt: number | null;
  /** Response due while the response clock runs. */
  slaResponseDueAt: number | null;
  /** The reference data (calendars, SLAs, pausing reasons) these were computed with. */
  slaFp: string;
}

export const derivedSlaFields = [
  'slaPhase',
  'slaDueAt',
  'slaWarnAt',
  'slaBreachAt',
  'slaSoonAt',
  'slaResponseDueAt',
  'slaFp',
] as const satisfies readonly (keyof DerivedSla)[];

/**
 * Bump when the meaning of a derived field changes: every row is then recomputed.
 * 2: rows carry `openState` (derived-sla.ts), which the open-tickets index reads.
 */
export const DERIVED_SLA_VERSION = 2;

/** "Breaching soon" horizon, in business time of the ticket's own calendar. */
export const BREACHING_SOON_MS = 4 * 3_600_000;

/** What the clock needs besides the ticket, with a fingerprint to detect change. */
export interface SlaReference {
  calendars: readonly Calendar[];
  definitions: readonly SlaDefinition[];
  pausingHoldReasons: readonly HoldReason[];
  fp: string;
}

/** FNV-1a, 32 bit: a short, stable fingerprint (not a security measure). */
const fnv1a = (text: string): string => {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
};

const byId = <T extends { id: string }>(list: readonly T[]): T[] =>
  [...list].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/**
 * Builds the reference from the raw local rows. Rows that fail their schema
 * are left out rather than trusted (a definition the hub would reject must
 * not set a due time); missing domain settings mean the defaults, as for the
 * mutations (local-store.ts localDomainSettings).
 */
export const slaReference = (
  calendarRows: readonly unknown[],
  definitionRows: readonly unknown[],
  domainSettings: unknown,
): SlaReference => {
  const calendars = byId(
    calendarRows.flatMap((c) => {
      const r = calendarSchema.safeParse(c);
      return r.success ? [r.data] : [];
    }),
  );
  const definitions = byId(
    definitionRows.flatMap((d) => {
      const r = slaDefinitionSchema.safeParse(d);
      return r.success ? [r.data] : [];
    }),
  );
  const parsed = domainSettingsSchema.safeParse(domainSettings);
  const pausing = [
    ...pausingHoldReasons(parsed.success ? parsed.data : defaultDomainSettings),
  ].sort();
  const fp = fnv1a(JSON.stringify({ v: DERIVED_SLA_VERSION, calendars, definitions, pausing }));
  return { calendars, definitions, pausingHoldReasons: pausing, fp };
};

const none = (fp: string): DerivedSla => ({
  slaPhase: 'none',
  slaDueAt: null,
  slaWarnAt: null,
  slaBreachAt: null,
  slaSoonAt: null,
  slaResponseDueAt: null,
  slaFp: fp,
});

/**
 * The derived fields of one ticket. `nowMs` only decides which events have
 * happened; the clock is read after the ticket's last event even if that lies
 * ahead of this device's clock (another laptop's time), so nothing recorded is
 * ignored.
 */
export const deriveSla = (
  ticket: { type: TicketType; events: readonly TicketEvent[] },
  ref: SlaReference,
  nowMs: number,
): DerivedSla => {
  let at = nowMs;
  for (const e of ticket.events) if (e.at > at) at = e.at;
  const options = { ticketType: ticket.type, pausingHoldReasons: ref.pausingHoldReasons };
  const r = computeSla(ticket.events, at, ref.calendars, ref.definitions, options);
  if (!r.ok || !r.clock.resolution) return none(ref.fp);
  const res = r.clock.resolution;
  const response = r.clock.response;
  const responseDueAt = response && !response.completed && !response.paused ? response.dueAt : null;
  if (res.completed) {
    return { ...none(ref.fp), slaPhase: 'stopped', slaBreachAt: res.breachedAt };
  }
  if (res.paused) {
    return {
      ...none(ref.fp),
      slaPhase: 'paused',
      slaBreachAt: res.breachedAt,
      // A breached clock stays breached while paused: it still needs attention.
      slaSoonAt: res.breachedAt,
      slaResponseDueAt: responseDueAt,
    };
  }
  const cal = r.clock.calendar;
  const elapsed = res.elapsedMs;
  // The earliest instant at which `threshold` business ms have elapsed. One
  // already passed is passed for good (a running clock only counts up), so
  // the creation time stands for it: true for any clock a screen reads,
  // however stale, and the same whenever the fields are recomputed.
  const createdAt = ticket.events[0]!.at;
  const reach = (threshold: number) =>
    threshold <= elapsed ? createdAt : addBusinessMs(cal, at, threshold - elapsed);
  const breachAt = elapsed > res.targetMs ? (res.breachedAt ?? createdAt) : reach(res.targetMs + 1);
  let dueAt = res.dueAt;
  if (elapsed === res.targetMs) {
    // Standing exactly at the target outside working hours, the clock reports
    // "due now" for every now; the moment the target was reached is read from
    // the clock one business millisecond later, when it records the breach.
    const later = computeSla(ticket.events, breachAt, ref.calendars, ref.definitions, options);
    dueAt = (later.ok ? later.clock.resolution?.breachedAt : null) ?? dueAt;
  }
  return {
    slaPhase: 'running',
    slaDueAt: dueAt,
    slaWarnAt: reach(Math.ceil(DEFAULT_WARNING_RATIO * res.targetMs)),
    slaBreachAt: breachAt,
    slaSoonAt: Math.min(reach(res.targetMs - BREACHING_SOON_MS), breachAt),
    slaResponseDueAt: responseDueAt,
    slaFp: ref.fp,
  };
};

export type SlaStateNow = 'within' | 'warning' | 'breached' | 'paused' | 'met' | 'none';

type Instants = Pick<DerivedSla, 'slaPhase' | 'slaWarnAt' | 'slaBreachAt'>;

/** The resolution clock's state at `now`, as computeSla would report it then. */
export const slaStateAt = (d: Instants, now: number): SlaStateNow => {
  switch (d.slaPhase) {
    case 'none':
      return 'none';
    case 'stopped':
      return d.slaBreachAt !== null ? 'breached' : 'met';
    case 'paused':
      return d.slaBreachAt !== null ? 'breached' : 'paused';
    case 'running':
      if (d.slaBreachAt !== null && now >= d.slaBreachAt) return 'breached';
      return d.slaWarnAt !== null && now >= d.slaWarnAt ? 'warning' : 'within';
  }
};

/** Whether a ticket belongs in "Breaching soon" at `now` (open tickets only). */
export const isBreachingSoon = (d: Pick<DerivedSla, 'slaSoonAt'>, now: number): boolean =>
  d.slaSoonAt !== null && now >= d.slaSoonAt;
