import {
  createQueueRequestSchema,
  updateQueueRequestSchema,
  type CreateQueueRequest,
} from '../../../shared/api/accounts';
import type { Queue } from '../../../shared/domain/accounts';
import type { UpdateQueueRequest } from '../../api/accounts';
import { fieldErrorsFrom, type FieldErrors } from '../../ui/form-errors';

export type QueueField = 'name' | 'description';
export const queueFieldLabels: Record<QueueField, string> = {
  name: 'Name',
  description: 'Description',
};

export interface QueueFormValues {
  name: string;
  description: string;
}

type Checked<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors<QueueField> };

export const checkNewQueue = (values: QueueFormValues): Checked<CreateQueueRequest> => {
  const parsed = createQueueRequestSchema.safeParse(values);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, errors: fieldErrorsFrom(parsed.error, queueFieldLabels) };
};

export const checkQueueEdit = (
  queue: Queue,
  values: QueueFormValues,
): Checked<UpdateQueueRequest> => {
  const patch: Record<string, unknown> = {};
  if (values.name.trim() !== queue.name) patch.name = values.name;
  if (values.description !== queue.description) patch.description = values.description;
  const parsed = updateQueueRequestSchema.safeParse(patch);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, errors: fieldErrorsFrom(parsed.error, queueFieldLabels) };
};
