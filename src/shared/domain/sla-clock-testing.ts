import type { QueueId, UserId } from '../ids';
import { businessHoursCalendar, calendar24x7 } from './calendar';
import type { TicketEvent } from './events';
import type { Priority } from './priority';
import { defaultSlaDefinitions } from './sla';
import { computeSla, type SlaClock, type SlaClockOptions } from './sla-clock';
import type { HoldReason } from './states';

/** The SLA clock tests' ticket histories (sla-clock*.test.ts): events at ISO times, London hours. */
export const H = 3_600_000;
export const M = 60_000;
export const t = (iso: string): number => Date.parse(iso);
export const iso = (ms: number | null): string | null =>
  ms === null ? null : new Date(ms).toISOString();

export const ANA = '0190a1b2-0000-7000-8000-0000000000a1' as UserId;
export const BEN = '0190a1b2-0000-7000-8000-0000000000b2' as UserId;
export const DESK = '0190a1b2-0000-7000-8000-00000000aa02' as QueueId;
export const NETWORK = '0190a1b2-0000-7000-8000-00000000aa01' as QueueId;

export const london = businessHoursCalendar('Europe/London', ['2025-12-25', '2025-12-26']);
export const calendars = [calendar24x7, london];

export const created = (at: string, priority: Priority, queueId = DESK): TicketEvent => ({
  kind: 'created',
  at: t(at),
  by: ANA,
  state: 'new',
  priority,
  queueId,
});
export const move = (
  at: string,
  from: string,
  to: string,
  holdReason: HoldReason | null = null,
): TicketEvent => ({
  kind: 'state',
  at: t(at),
  by: ANA,
  from,
  to,
  holdReason,
});
export const responded = (at: string): TicketEvent => ({ kind: 'responded', at: t(at), by: ANA });
export const field = (at: string, name: string, from: unknown, to: unknown): TicketEvent => ({
  kind: 'field',
  at: t(at),
  by: ANA,
  field: name,
  from,
  to,
});

export const clock = (
  events: TicketEvent[],
  now: string,
  options?: SlaClockOptions,
  cals = calendars,
): SlaClock => {
  const r = computeSla(events, t(now), cals, defaultSlaDefinitions, options);
  if (!r.ok) throw new Error(r.error.message);
  return r.clock;
};
