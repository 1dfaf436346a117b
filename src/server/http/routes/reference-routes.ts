import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { calendarSchema, type Calendar } from '../../../shared/domain/calendar';
import { domainSettingsSchema } from '../../../shared/domain/settings';
import { slaDefinitionsSchema, type SlaDefinition } from '../../../shared/domain/sla';
import { isUuid } from '../../../shared/ids';
import { appendAudit } from '../../audit/audit-log';
import { authOf } from '../../auth/auth';
import type { HubContext } from '../../context';
import { existingQueueIds } from '../../storage/queues-repo';
import type { DbExecutor } from '../../storage/schema';
import { appendChanges, type PendingChange } from '../../sync/change-log';
import { globalAudience } from '../../sync/audience';
import {
  DOMAIN_SETTINGS_ID,
  loadDomainSettings,
  putReferenceRecord,
} from '../../sync/reference-data';
import { HubError } from '../hub-error';
import { parseInput } from '../validate';

const readAll = async <T>(db: DbExecutor, entity: 'calendar' | 'sla'): Promise<T[]> =>
  (
    await db
      .selectFrom('records')
      .select('data')
      .where('entity', '=', entity)
      .orderBy('id')
      .execute()
  ).map((r) => JSON.parse(r.data) as T);

const assertQueues = async (db: DbExecutor, ids: readonly string[], field: string) => {
  const known = await existingQueueIds(db, ids);
  const unknown = [...new Set(ids)].filter((id) => !known.has(id));
  if (unknown.length) {
    throw new HubError(
      'VALIDATION',
      `Invalid request body: ${field}: unknown queue ${unknown.join(', ')}`,
    );
  }
};

/**
 * What an admin tunes (DOMAIN.md "Roles"): the priority matrix, hold
 * reasons, auto-close, the service catalogue, business calendars and SLA
 * definitions. Each change is audited and logged for every client, which
 * computes SLA clocks and derived priorities from them offline.
 */
export function registerReferenceRoutes(app: FastifyInstance, ctx: HubContext): void {
  const admin = { preHandler: ctx.auth.requireRole('admin') };
  const { db, clock } = ctx;

  app.get('/admin/settings', admin, async () => ({
    settings: await loadDomainSettings(db.kysely),
    calendars: await readAll<Calendar>(db.kysely, 'calendar'),
    slaDefinitions: await readAll<SlaDefinition>(db.kysely, 'sla'),
  }));

  app.put('/admin/settings', admin, async (request) => {
    const settings = parseInput(domainSettingsSchema, request.body);
    await assertQueues(
      db.kysely,
      settings.catalogItems.map((i) => i.defaultQueueId),
      'catalogItems.defaultQueueId',
    );
    const now = clock.now();
    await db.kysely.transaction().execute(async (trx) => {
      const change = await putReferenceRecord(trx, 'setting', DOMAIN_SETTINGS_ID, settings, now);
      await appendAudit(trx, now, {
        actorId: authOf(request).userId,
        action: 'settings.update',
        target: 'settings:domain',
        details: {
          catalogItems: settings.catalogItems.length,
          autoCloseDays: settings.autoCloseDays,
        },
      });
      await appendChanges(trx, [change], now);
    });
    return { settings };
  });

  app.put('/admin/calendars/:id', admin, async (request) => {
    const id = (request.params as { id: string }).id;
    if (!isUuid(id)) throw new HubError('NOT_FOUND', `No calendar with id ${id}`);
    const calendar = parseInput(calendarSchema, request.body);
    if (calendar.id !== id.toLowerCase()) {
      throw new HubError(
        'VALIDATION',
        'Invalid request body: id: must match the calendar in the address',
      );
    }
    const now = clock.now();
    await db.kysely.transaction().execute(async (trx) => {
      const change = await putReferenceRecord(trx, 'calendar', calendar.id, calendar, now);
      await appendAudit(trx, now, {
        actorId: authOf(request).userId,
        action: 'calendar.update',
        target: `calendar:${calendar.id}`,
        details: {
          name: calendar.name,
          timeZone: calendar.timeZone,
          holidays: calendar.holidays.length,
        },
      });
      await appendChanges(trx, [change], now);
    });
    return { calendar };
  });

  /** Replaces the whole set, so a removed definition disappears from every client too. */
  app.put('/admin/sla-definitions', admin, async (request) => {
    const { slaDefinitions } = parseInput(
      z.object({ slaDefinitions: slaDefinitionsSchema }),
      request.body,
    );
    const calendarIds = new Set(
      (await readAll<Calendar>(db.kysely, 'calendar')).map((c) => c.id as string),
    );
    slaDefinitions.forEach((d, i) => {
      if (!calendarIds.has(d.calendarId)) {
        throw new HubError(
          'VALIDATION',
          `Invalid request body: slaDefinitions[${i}].calendarId: unknown calendar ${d.calendarId}`,
        );
      }
    });
    await assertQueues(
      db.kysely,
      slaDefinitions.flatMap((d) => (d.queueId ? [d.queueId] : [])),
      'slaDefinitions.queueId',
    );
    const now = clock.now();
    await db.kysely.transaction().execute(async (trx) => {
      const before = await readAll<SlaDefinition>(trx, 'sla');
      const keep = new Set<string>(slaDefinitions.map((d) => d.id));
      const changes: PendingChange[] = [];
      for (const old of before.filter((d) => !keep.has(d.id))) {
        await trx
          .deleteFrom('records')
          .where('entity', '=', 'sla')
          .where('id', '=', old.id)
          .execute();
        changes.push({
          entity: 'sla',
          id: old.id,
          op: 'remove',
          data: null,
          audience: globalAudience(),
        });
      }
      for (const d of slaDefinitions)
        changes.push(await putReferenceRecord(trx, 'sla', d.id, d, now));
      await appendAudit(trx, now, {
        actorId: authOf(request).userId,
        action: 'sla.update',
        target: 'sla:all',
        details: {
          definitions: slaDefinitions.length,
          removed: before.length - [...keep].filter((k) => before.some((b) => b.id === k)).length,
        },
      });
      await appendChanges(trx, changes, now);
    });
    return { slaDefinitions };
  });
}
