import { businessHoursCalendar, calendar24x7, type Calendar } from '../../shared/domain/calendar';
import {
  defaultDomainSettings,
  domainSettingsSchema,
  type DomainSettings,
} from '../../shared/domain/settings';
import { defaultSlaDefinitions, type SlaDefinition } from '../../shared/domain/sla';
import type { SyncEntity } from '../../shared/sync/protocol';
import type { HubDatabase } from '../storage/database';
import type { DbExecutor } from '../storage/schema';
import { globalAudience } from './audience';
import { appendChanges, type PendingChange } from './change-log';

export const DOMAIN_SETTINGS_ID = 'domain';

/** Reads the admin's domain settings (priority matrix, catalogue…), or the defaults. */
export async function loadDomainSettings(db: DbExecutor): Promise<DomainSettings> {
  const row = await db
    .selectFrom('records')
    .select('data')
    .where('entity', '=', 'setting')
    .where('id', '=', DOMAIN_SETTINGS_ID)
    .executeTakeFirst();
  return domainSettingsFrom(row?.data ?? null);
}

/** The domain settings stored as `text` (the settings record's data), or the defaults. */
export function domainSettingsFrom(text: string | null): DomainSettings {
  if (text === null) return defaultDomainSettings;
  // Every push reads these; validating the same text again each time was a
  // twelfth of the hub's CPU under load. The row is still read every time,
  // so a change (from any hub process) is seen at once.
  if (text === lastSettings?.text) return lastSettings.value;
  const parsed = domainSettingsSchema.safeParse(JSON.parse(text));
  const value = parsed.success ? parsed.data : defaultDomainSettings;
  // Shared by every caller from now on: frozen, so a caller changing it fails loudly.
  lastSettings = { text, value: deepFreeze(value) };
  return value;
}

const deepFreeze = <T>(v: T): T => {
  if (typeof v === 'object' && v !== null && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
};

let lastSettings: { text: string; value: DomainSettings } | null = null;

/** Writes one global reference record (setting, calendar, SLA…) and logs it for every client. */
export async function putReferenceRecord(
  trx: DbExecutor,
  entity: Extract<SyncEntity, 'setting' | 'calendar' | 'sla'>,
  id: string,
  value: unknown,
  now: number,
): Promise<PendingChange> {
  const data = JSON.stringify(value);
  await trx
    .insertInto('records')
    .values({ entity, id, user_id: null, updated_at: now, data })
    .onConflict((oc) => oc.columns(['entity', 'id']).doUpdateSet({ data, updated_at: now }))
    .execute();
  return { entity, id, op: 'put', data, audience: globalAudience() };
}

export async function saveDomainSettings(
  db: HubDatabase,
  settings: DomainSettings,
  now: number,
): Promise<void> {
  const valid = domainSettingsSchema.parse(settings);
  await db.kysely.transaction().execute(async (trx) => {
    const change = await putReferenceRecord(trx, 'setting', DOMAIN_SETTINGS_ID, valid, now);
    await appendChanges(trx, [change], now);
  });
}

/**
 * First start: the built-in calendars (24×7 and business hours in the hub's
 * zone), DOMAIN.md's SLA definitions and default settings, each written once
 * and logged so clients receive them like any other record.
 */
export async function ensureReferenceData(
  db: HubDatabase,
  now: number,
  timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
): Promise<void> {
  await db.kysely.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('records')
      .select(['entity', 'id'])
      .where('entity', 'in', ['setting', 'calendar', 'sla'])
      .execute();
    const has = new Set(existing.map((r) => `${r.entity}:${r.id}`));
    const changes: PendingChange[] = [];
    const put = async (entity: 'setting' | 'calendar' | 'sla', id: string, value: unknown) => {
      if (!has.has(`${entity}:${id}`))
        changes.push(await putReferenceRecord(trx, entity, id, value, now));
    };
    await put('setting', DOMAIN_SETTINGS_ID, defaultDomainSettings);
    const calendars: Calendar[] = [calendar24x7, businessHoursCalendar(timeZone)];
    for (const c of calendars) await put('calendar', c.id, c);
    const slas: readonly SlaDefinition[] = defaultSlaDefinitions;
    for (const s of slas) await put('sla', s.id, s);
    await appendChanges(trx, changes, now);
  });
}
