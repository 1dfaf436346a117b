import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultDomainSettings } from '../../../shared/domain/settings';
import { CALENDAR_BUSINESS_ID, businessHoursCalendar } from '../../../shared/domain/calendar';
import { defaultSlaDefinitions } from '../../../shared/domain/sla';
import { DIALECTS, startTestHub, type TestHub } from '../../../../tests/fixtures/hub-fixture';

describe.each(DIALECTS)('admin reference data (%s)', (dialect) => {
  let hub: TestHub;
  let token: string;
  let queueId: string;

  beforeEach(async () => {
    hub = await startTestHub(dialect);
    token = (await hub.setupAdmin()).token;
    queueId = (
      await hub.api('POST', '/admin/queues', { token, body: { name: 'Service Desk' } })
    ).json().queue.id;
  });
  afterEach(async () => {
    await hub.close();
  });

  const catalogItem = (defaultQueueId: string) => ({
    id: '0199a0aa-0000-7000-8000-000000000001',
    name: 'New laptop',
    description: 'A standard laptop',
    category: 'Hardware',
    defaultQueueId,
    fields: [
      { key: 'model', label: 'Model', kind: 'select', required: true, options: ['13"', '15"'] },
    ],
    needsApproval: true,
    active: true,
  });

  it('saves the catalogue and logs it for every client', async () => {
    const before = await hub.db.kysely.selectFrom('changes').select('seq').execute();
    // Read once first: the hub keeps the parsed settings, and must see the change below.
    const old = (await hub.api('GET', '/admin/settings', { token })).json();
    expect(old.settings.catalogItems.map((c: { name: string }) => c.name)).not.toContain(
      'New laptop',
    );
    const body = { ...defaultDomainSettings, catalogItems: [catalogItem(queueId)] };
    const res = await hub.api('PUT', '/admin/settings', { token, body });
    expect(res.statusCode, res.body).toBe(200);
    const read = (await hub.api('GET', '/admin/settings', { token })).json();
    expect(read.settings.catalogItems[0].name).toBe('New laptop');
    expect(read.calendars.length).toBeGreaterThanOrEqual(2);
    const after = await hub.db.kysely.selectFrom('changes').select(['entity']).execute();
    expect(after.length).toBe(before.length + 1);
    expect(after.at(-1)?.entity).toBe('setting');
  });

  it('refuses a catalogue item of an unknown queue, naming it', async () => {
    const body = {
      ...defaultDomainSettings,
      catalogItems: [catalogItem('0199a0aa-0000-7000-8000-0000000000ff')],
    };
    const res = await hub.api('PUT', '/admin/settings', { token, body });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/catalogItems\.defaultQueueId: unknown queue/);
  });

  it('refuses a broken matrix with the field named', async () => {
    const res = await hub.api('PUT', '/admin/settings', {
      token,
      body: { ...defaultDomainSettings, priorityMatrix: [[1, 2, 3]] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/priorityMatrix/);
  });

  it('updates a calendar (holidays) and replaces SLA definitions, removing dropped ones', async () => {
    const cal = businessHoursCalendar('Europe/Berlin', ['2026-12-25']);
    const put = await hub.api('PUT', `/admin/calendars/${CALENDAR_BUSINESS_ID}`, {
      token,
      body: cal,
    });
    expect(put.statusCode, put.body).toBe(200);
    const kept = defaultSlaDefinitions.slice(0, 4);
    const res = await hub.api('PUT', '/admin/sla-definitions', {
      token,
      body: { slaDefinitions: kept },
    });
    expect(res.statusCode, res.body).toBe(200);
    const removed = await hub.db.kysely
      .selectFrom('changes')
      .select('entity_id')
      .where('entity', '=', 'sla')
      .where('op', '=', 'remove')
      .execute();
    expect(removed.map((r) => r.entity_id)).toEqual([defaultSlaDefinitions[4]!.id]);
    const unknownCal = await hub.api('PUT', '/admin/sla-definitions', {
      token,
      body: {
        slaDefinitions: [{ ...kept[0]!, calendarId: '0199a0aa-0000-7000-8000-0000000000aa' }],
      },
    });
    expect(unknownCal.statusCode).toBe(400);
    expect(unknownCal.json().error.message).toMatch(/calendarId: unknown calendar/);
  });

  it('is for admins only', async () => {
    await hub.api('POST', '/admin/users', {
      token,
      body: {
        username: 'ana',
        displayName: 'Ana',
        password: 'long-enough-pw',
        roles: ['agent'],
        queueIds: [queueId],
      },
    });
    const ana = await hub.login('ana', 'long-enough-pw');
    const res = await hub.api('PUT', '/admin/settings', {
      token: ana,
      body: defaultDomainSettings,
    });
    expect(res.statusCode).toBe(403);
  });
});
