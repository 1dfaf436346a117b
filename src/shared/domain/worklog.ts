import { z } from 'zod';
import { idSchema, type WorklogId } from '../ids';
import { userIdSchema } from './accounts';
import { longTextSchema, ticketIdSchema } from './ticket';
import { dateOnlySchema, epochMsSchema } from './time';

export const worklogIdSchema = idSchema<WorklogId>('worklogId');

/** More than a day of time on one entry is a typo (hours entered as minutes). */
export const MAX_WORKLOG_MINUTES = 24 * 60;
export const worklogMinutesSchema = z
  .number({ error: 'minutes must be a number' })
  .int({ error: 'minutes must be whole minutes' })
  .min(1, { error: 'minutes must be more than 0' })
  .max(MAX_WORKLOG_MINUTES, { error: 'minutes must be at most 1440 (one day) per entry' });

export const worklogEntrySchema = z.object({
  id: worklogIdSchema,
  ticketId: ticketIdSchema,
  userId: userIdSchema,
  minutes: worklogMinutesSchema,
  /** The day the work was done, as the agent saw it (time spent reports group by it). */
  workDate: dateOnlySchema('workDate'),
  note: longTextSchema('note', 2_000),
  createdAt: epochMsSchema('createdAt'),
});
export type WorklogEntry = z.infer<typeof worklogEntrySchema>;
