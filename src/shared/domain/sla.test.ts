import { describe, expect, it } from 'vitest';
import type { QueueId } from '../ids';
import {
  businessHoursCalendar,
  CALENDAR_24X7_ID,
  CALENDAR_BUSINESS_ID,
  standardBusinessDayMs,
} from './calendar';
import {
  BUSINESS_DAY_MS,
  defaultSlaDefinitions,
  selectSla,
  slaDefinitionSchema,
  slaDefinitionsSchema,
  type SlaDefinition,
} from './sla';

const H = 3_600_000;
const M = 60_000;
const NETWORK = '0190a1b2-0000-7000-8000-00000000aa01' as QueueId;
const DESK = '0190a1b2-0000-7000-8000-00000000aa02' as QueueId;

const def = (over: Partial<SlaDefinition>): SlaDefinition =>
  slaDefinitionSchema.parse({
    id: '0190a1b2-0000-7000-8000-00000000bb01',
    name: 'Custom',
    priority: 3,
    queueId: null,
    calendarId: CALENDAR_BUSINESS_ID,
    responseMs: H,
    resolutionMs: 8 * H,
    ...over,
  });

describe('default SLA definitions', () => {
  it('match DOMAIN.md, with a business day of the default calendar as 8 h', () => {
    expect(standardBusinessDayMs(businessHoursCalendar('UTC'))).toBe(BUSINESS_DAY_MS);
    const byP = Object.fromEntries(defaultSlaDefinitions.map((d) => [d.priority, d]));
    expect(byP[1]).toMatchObject({
      calendarId: CALENDAR_24X7_ID,
      responseMs: 15 * M,
      resolutionMs: 4 * H,
    });
    expect(byP[2]).toMatchObject({
      calendarId: CALENDAR_BUSINESS_ID,
      responseMs: 30 * M,
      resolutionMs: 8 * H,
    });
    expect(byP[3]).toMatchObject({ responseMs: 4 * H, resolutionMs: 24 * H });
    expect(byP[4]).toMatchObject({ responseMs: 8 * H, resolutionMs: 40 * H });
    expect(byP[5]).toMatchObject({ responseMs: 8 * H, resolutionMs: 80 * H });
    expect(slaDefinitionsSchema.parse([...defaultSlaDefinitions])).toHaveLength(5);
  });
});

describe('SLA definition schema', () => {
  it('defaults ticketType to every type', () => {
    expect(def({}).ticketType).toBeNull();
  });

  it('names the field in each error', () => {
    const r = slaDefinitionSchema.safeParse({
      id: 'x',
      name: '',
      priority: 7,
      queueId: null,
      ticketType: 'task',
      calendarId: CALENDAR_BUSINESS_ID,
      responseMs: 10,
      resolutionMs: 1.5,
    });
    expect(r.success).toBe(false);
    const msgs = r.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(msgs).toEqual([
      'id: id must be a UUID',
      'name: name must not be empty',
      'priority: priority must be a whole number from 1 (critical) to 5 (planning)',
      'ticketType: ticketType must be one of incident, request, problem, change',
      'responseMs: responseMs must be at least one minute',
      'resolutionMs: resolutionMs must be whole milliseconds',
    ]);
  });

  it('refuses a response target longer than the resolution target', () => {
    const r = slaDefinitionSchema.safeParse({ ...def({}), responseMs: 9 * H });
    expect(r.error!.issues[0]!.message).toMatch(/responseMs must not be longer than resolutionMs/);
  });

  it('refuses two definitions with the same scope', () => {
    const r = slaDefinitionsSchema.safeParse([
      def({ name: 'Network P3', queueId: NETWORK }),
      def({ name: 'Network P3 again', queueId: NETWORK }),
    ]);
    expect(r.error!.issues[0]!.message).toBe(
      `SLA Network P3 again has the same scope (P3/${NETWORK}/any type) as Network P3`,
    );
  });
});

describe('selectSla', () => {
  const general = def({ name: 'general' });
  const forRequests = def({ name: 'requests', ticketType: 'request' });
  const forNetwork = def({ name: 'network', queueId: NETWORK });
  const forNetworkRequests = def({
    name: 'network requests',
    queueId: NETWORK,
    ticketType: 'request',
  });
  const all = [general, forRequests, forNetwork, forNetworkRequests, ...defaultSlaDefinitions];

  it('prefers queue + type, then queue, then type, then the general one', () => {
    expect(selectSla(all, { priority: 3, queueId: NETWORK, type: 'request' })?.name).toBe(
      'network requests',
    );
    expect(selectSla(all, { priority: 3, queueId: NETWORK, type: 'incident' })?.name).toBe(
      'network',
    );
    expect(selectSla(all, { priority: 3, queueId: DESK, type: 'request' })?.name).toBe('requests');
    expect(selectSla(all, { priority: 3, queueId: DESK, type: 'incident' })?.name).toBe('general');
    expect(selectSla(all, { priority: 3, queueId: DESK })?.name).toBe('general');
  });

  it('covers problems and changes only with a definition for their type', () => {
    expect(selectSla(all, { priority: 3, queueId: DESK, type: 'problem' })).toBeNull();
    expect(selectSla(all, { priority: 1, queueId: DESK, type: 'change' })).toBeNull();
    const forProblems = def({ name: 'problems', ticketType: 'problem', resolutionMs: 80 * H });
    expect(
      selectSla([...all, forProblems], { priority: 3, queueId: DESK, type: 'problem' })?.name,
    ).toBe('problems');
  });

  it('matches the priority and returns null when nothing applies', () => {
    expect(selectSla(all, { priority: 1, queueId: NETWORK })?.name).toBe('P1 Critical');
    expect(selectSla([forNetwork], { priority: 3, queueId: DESK })).toBeNull();
  });
});
