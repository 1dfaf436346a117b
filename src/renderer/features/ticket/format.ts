import { priorityLabel, type Priority } from '../../../shared/domain/priority';
import { holdReasonLabels, stateLabel, type HoldReason } from '../../../shared/domain/states';
import { fieldLabels, type EditableField } from '../../../shared/domain/ticket-fields';
import type { Resolution } from '../../../shared/domain/ticket';
import type { Directory } from './use-ticket-data';

export const levelLabels: Record<number, string> = { 1: 'High', 2: 'Medium', 3: 'Low' };

export const resolutionCodeLabels: Record<Resolution['code'], string> = {
  fixed: 'Fixed',
  workaround: 'Workaround applied',
  user_error: 'User error',
  duplicate: 'Duplicate',
  no_fault_found: 'No fault found',
  not_reproducible: 'Not reproducible',
};

const extraLabels: Record<string, string> = {
  priority: 'priority',
  resolution: 'resolution',
  state: 'state',
};

/** "assignee", "configuration item"… for any field an event or conflict may name. */
export const fieldLabel = (field: string): string =>
  (fieldLabels as Record<string, string>)[field] ?? extraLabels[field] ?? field;

export const capitalise = (s: string): string => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

const clip = (s: string, max = 80): string => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/** A field value as a person reads it: names instead of ids, labels instead of codes. */
export const formatFieldValue = (
  field: EditableField | string,
  value: unknown,
  dir: Pick<Directory, 'userName' | 'queues' | 'cis'>,
  options: { full?: boolean } = {},
): string => {
  if (value === null || value === undefined || value === '') return '(none)';
  const text = (s: string) => (options.full ? s : clip(s));
  switch (field) {
    case 'assigneeId':
      return dir.userName(value as string);
    case 'queueId':
      return dir.queues.get(value as string)?.name ?? 'Unknown queue';
    case 'ciId':
      return dir.cis.get(value as string)?.name ?? 'Unknown configuration item';
    case 'impact':
    case 'urgency':
      return `${String(value)} – ${levelLabels[value as number] ?? String(value)}`;
    case 'priority':
      return priorityLabel(value as Priority);
    case 'tags':
      return Array.isArray(value) && value.length ? value.join(', ') : '(none)';
    case 'holdReason':
      return holdReasonLabels[value as HoldReason] ?? String(value);
    case 'state':
      return stateLabel(String(value));
    case 'resolution': {
      const r = value as Resolution;
      return text(`${resolutionCodeLabels[r.code] ?? r.code}: ${r.notes}`);
    }
    case 'knownError':
      return text((value as { workaround: string }).workaround);
    case 'plannedStart':
    case 'plannedEnd':
      return new Date(value as number).toLocaleString();
    default:
      return typeof value === 'string' ? text(value) : text(JSON.stringify(value));
  }
};

export const formatDateTime = (at: number): string =>
  new Date(at).toLocaleString(undefined, {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });

const sizeUnits = ['bytes', 'KB', 'MB', 'GB'];
export const formatBytes = (n: number): string => {
  let v = n;
  let u = 0;
  while (v >= 1024 && u < sizeUnits.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${n} bytes` : `${v < 10 ? v.toFixed(1) : Math.round(v)} ${sizeUnits[u]}`;
};
