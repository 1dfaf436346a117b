import { z } from 'zod';
import { catalogItemSchema } from './catalog';
import { defaultPriorityMatrix, priorityMatrixSchema } from './priority';
import { holdReasonLabels, holdReasons, type HoldReason } from './states';

/**
 * Domain settings an admin changes (DOMAIN.md): the priority matrix, how long a
 * resolved ticket waits before it closes itself, the hold reasons (and whether each
 * pauses the SLA clock) and the service catalogue.
 */
export const holdReasonSettingSchema = z.object(
  {
    code: z.enum(holdReasons, {
      error: `hold reason code must be one of ${holdReasons.join(', ')}`,
    }),
    label: z
      .string({ error: 'hold reason label must be text' })
      .trim()
      .min(1, { error: 'hold reason label must not be empty' })
      .max(80, { error: 'hold reason label must be at most 80 characters' }),
    pausesSla: z.boolean({ error: 'pausesSla must be true or false' }),
  },
  { error: 'holdReasons must list objects {code, label, pausesSla}' },
);
export type HoldReasonSetting = z.infer<typeof holdReasonSettingSchema>;

export const domainSettingsSchema = z.object({
  priorityMatrix: priorityMatrixSchema,
  autoCloseDays: z
    .number({ error: 'autoCloseDays must be a number of days' })
    .int({ error: 'autoCloseDays must be whole days' })
    .min(0, { error: 'autoCloseDays must be 0 (never) or more' })
    .max(365, { error: 'autoCloseDays must be at most 365' }),
  holdReasons: z
    .array(holdReasonSettingSchema, { error: 'holdReasons must be a list' })
    .refine((l) => holdReasons.every((c) => l.filter((r) => r.code === c).length === 1), {
      error: `holdReasons must list each of ${holdReasons.join(', ')} exactly once`,
    }),
  catalogItems: z
    .array(catalogItemSchema, { error: 'catalogItems must be a list of catalogue items' })
    .refine((l) => new Set(l.map((i) => i.id)).size === l.length, {
      error: 'catalogItems must not repeat an id',
    }),
});
export type DomainSettings = z.infer<typeof domainSettingsSchema>;

/** Waiting on the caller or a vendor is outside the desk's control, so it pauses the SLA. */
const pausingByDefault: readonly HoldReason[] = ['awaiting_caller', 'awaiting_vendor'];

export const defaultDomainSettings: DomainSettings = {
  priorityMatrix: defaultPriorityMatrix.map((r) => [...r]) as DomainSettings['priorityMatrix'],
  autoCloseDays: 5,
  holdReasons: holdReasons.map((code) => ({
    code,
    label: holdReasonLabels[code],
    pausesSla: pausingByDefault.includes(code),
  })),
  catalogItems: [],
};

export const holdReasonPausesSla = (settings: DomainSettings, reason: HoldReason): boolean =>
  settings.holdReasons.find((r) => r.code === reason)?.pausesSla ?? false;

/** The reasons to pass to the SLA clock as `pausingHoldReasons`. */
export const pausingHoldReasons = (settings: DomainSettings): HoldReason[] =>
  settings.holdReasons.filter((r) => r.pausesSla).map((r) => r.code);
