import { z } from 'zod';
import { strictObjectError } from '../field-name';
import { idSchema, type CalendarId, type QueueId, type SlaId } from '../ids';
import { CALENDAR_24X7_ID, CALENDAR_BUSINESS_ID, calendarIdSchema } from './calendar';
import { prioritySchema, type Priority } from './priority';
import { ticketTypes, type TicketType } from './states';

/**
 * SLA definitions (DOMAIN.md "Service level management"): a response and a
 * resolution target per priority, optionally narrowed to one queue and/or one
 * ticket type, measured in the business time of a calendar.
 *
 * Targets are stored in business milliseconds. A "business day" is the working
 * time of one standard day of the calendar (standardBusinessDayMs): 8 h for the
 * default Mon–Fri 09:00–17:00 calendar, so "3 business days" = 24 business hours
 * and "next business day" = 8 business hours, wherever in the day the clock starts.
 */
export const slaIdSchema = idSchema<SlaId>('slaId');

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** One business day of the default Mon–Fri 09:00–17:00 calendar. */
export const BUSINESS_DAY_MS = 8 * HOUR;

const targetSchema = (field: string) =>
  z
    .number({ error: `${field} must be a duration in milliseconds` })
    .int({ error: `${field} must be whole milliseconds` })
    .min(MINUTE, { error: `${field} must be at least one minute` })
    .max(365 * 24 * HOUR, { error: `${field} must be at most a year` });

/**
 * Unknown keys are refused: a misspelt `ticketTyp` would otherwise leave ticketType at
 * its default and make an SLA meant for one type govern every type.
 */
export const slaDefinitionSchema = z
  .strictObject(
    {
      id: slaIdSchema,
      name: z
        .string({ error: 'name must be a string' })
        .trim()
        .min(1, { error: 'name must not be empty' })
        .max(80, { error: 'name must have at most 80 characters' }),
      priority: prioritySchema,
      /** null: every queue; a queue id overrides the general definition for that queue. */
      queueId: idSchema<QueueId>('queueId').nullable(),
      /** null (or omitted): every ticket type. */
      ticketType: z
        .enum(ticketTypes, { error: `ticketType must be one of ${ticketTypes.join(', ')}` })
        .nullable()
        .default(null),
      calendarId: calendarIdSchema,
      responseMs: targetSchema('responseMs'),
      resolutionMs: targetSchema('resolutionMs'),
    },
    { error: strictObjectError('an SLA definition', 'each SLA definition must be an object') },
  )
  .refine((d) => d.responseMs <= d.resolutionMs, {
    path: ['responseMs'],
    error:
      'responseMs must not be longer than resolutionMs (a response cannot be due after the resolution)',
  });
export type SlaDefinition = z.infer<typeof slaDefinitionSchema>;

const scopeKey = (d: Pick<SlaDefinition, 'priority' | 'queueId' | 'ticketType'>): string =>
  `P${d.priority}/${d.queueId ?? 'any queue'}/${d.ticketType ?? 'any type'}`;

/** A whole set, as an admin saves it: two definitions may not claim the same scope. */
export const slaDefinitionsSchema = z
  .array(slaDefinitionSchema, { error: 'slaDefinitions must be a list of SLA definitions' })
  .superRefine((list, ctx) => {
    const seen = new Map<string, number>();
    list.forEach((d, i) => {
      const key = scopeKey(d);
      const first = seen.get(key);
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [i],
          message: `SLA ${d.name} has the same scope (${key}) as ${list[first]!.name}`,
        });
      } else seen.set(key, i);
    });
  });

const defaultId = (n: number) => `00000000-0000-7000-8000-0000000005a${n}` as SlaId;

const standard = (
  priority: Priority,
  name: string,
  calendarId: CalendarId,
  responseMs: number,
  resolutionMs: number,
): SlaDefinition => ({
  id: defaultId(priority),
  name,
  priority,
  queueId: null,
  ticketType: null,
  calendarId,
  responseMs,
  resolutionMs,
});

/** DOMAIN.md defaults. P1 runs round the clock; the rest on the business calendar. */
export const defaultSlaDefinitions: readonly SlaDefinition[] = Object.freeze([
  standard(1, 'P1 Critical', CALENDAR_24X7_ID, 15 * MINUTE, 4 * HOUR),
  standard(2, 'P2 High', CALENDAR_BUSINESS_ID, 30 * MINUTE, 8 * HOUR),
  standard(3, 'P3 Moderate', CALENDAR_BUSINESS_ID, 4 * HOUR, 3 * BUSINESS_DAY_MS),
  standard(4, 'P4 Low', CALENDAR_BUSINESS_ID, 8 * HOUR, 5 * BUSINESS_DAY_MS),
  standard(5, 'P5 Planning', CALENDAR_BUSINESS_ID, BUSINESS_DAY_MS, 10 * BUSINESS_DAY_MS),
]);

export type SlaSubject = { priority: Priority; queueId: QueueId; type?: TicketType | null };

/** Types a definition without a ticketType covers: SLAs are about service to people. */
export const serviceTicketTypes: readonly TicketType[] = ['incident', 'request'];

/**
 * The definition that governs a ticket now. Most specific wins: queue + type,
 * then queue, then type, then the general one for the priority. Ties (only
 * possible in a set that skipped slaDefinitionsSchema) go to the earlier entry.
 * Problems and changes run on their own timescales (weeks, change windows), so a
 * general definition does not cover them; only one naming their type does.
 */
export const selectSla = (
  definitions: readonly SlaDefinition[],
  ticket: SlaSubject,
): SlaDefinition | null => {
  let best: SlaDefinition | null = null;
  let bestScore = -1;
  for (const d of definitions) {
    if (d.priority !== ticket.priority) continue;
    if (d.queueId !== null && d.queueId !== ticket.queueId) continue;
    if (d.ticketType !== null && d.ticketType !== (ticket.type ?? null)) continue;
    if (d.ticketType === null && ticket.type && !serviceTicketTypes.includes(ticket.type)) continue;
    const score = (d.queueId !== null ? 2 : 0) + (d.ticketType !== null ? 1 : 0);
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
};
