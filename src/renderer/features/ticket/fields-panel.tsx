import { Alert, Button, Group, Paper, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import type { Actor } from '../../../shared/domain/actor';
import { canWorkQueue, isStaff } from '../../../shared/domain/access';
import {
  editableFieldsOf,
  fieldLabels,
  type EditableField,
} from '../../../shared/domain/ticket-fields';
import { changeKinds, risks, type Ticket } from '../../../shared/domain/ticket';
import { baseFor } from '../../../shared/sync/mutations/set-fields';
import { PriorityBadge } from '../../ui/ticket-badges';
import { capitalise, formatFieldValue } from './format';
import { NotSynced } from './not-synced';
import type { PendingForTicket } from './pending';
import { IconPencil } from './ticket-icons';
import { PriorityEditor, SelectEditor, TagsEditor, TextEditor, type Save } from './field-editors';
import { useMutate } from './use-mutate';
import type { Directory } from './use-ticket-data';

/** Fields the side panel edits; long texts are edited in the main column. */
const panelFields: readonly EditableField[] = [
  'assigneeId',
  'queueId',
  'category',
  'ciId',
  'tags',
  'changeKind',
  'risk',
  'plannedStart',
  'plannedEnd',
];

const toLocalInput = (ms: number | null) => {
  if (ms === null) return '';
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
};

const FieldRow = (props: {
  label: string;
  value: ReactNode;
  pending: boolean;
  editable: boolean;
  editing: boolean;
  onEdit: () => void;
  editor: ReactNode;
  testId: string;
}) => (
  <Stack gap={2} data-testid={props.testId}>
    <Group gap={6} justify="space-between" wrap="nowrap">
      <Text size="xs" c="dimmed" fw={600} tt="uppercase" style={{ letterSpacing: '0.03em' }}>
        {props.label}
      </Text>
      {props.pending ? <NotSynced what={`The ${props.label.toLowerCase()} change`} /> : null}
    </Group>
    {props.editing ? (
      props.editor
    ) : props.editable ? (
      <UnstyledButton
        onClick={props.onEdit}
        aria-label={`Edit ${props.label.toLowerCase()}`}
        className="outpost-field-value"
      >
        <Group gap={6} wrap="nowrap" justify="space-between">
          <Text size="sm" component="div">
            {props.value}
          </Text>
          <IconPencil size={14} color="var(--mantine-color-gray-6)" />
        </Group>
      </UnstyledButton>
    ) : (
      <Text size="sm" component="div">
        {props.value}
      </Text>
    )}
  </Stack>
);

/**
 * The ticket's editable fields, each edited in place and saved as one
 * ticket.setFields whose base is the stamps this copy carries, so the hub can
 * tell a concurrent edit from a stale one.
 */
export const FieldsPanel = (props: {
  ticket: Ticket;
  actor: Actor;
  dir: Directory;
  pending: PendingForTicket;
  canEdit: boolean;
  editing: string | null;
  setEditing: (f: string | null) => void;
}) => {
  const { ticket, dir, editing, setEditing } = props;
  const mutate = useMutate();
  const [error, setError] = useState<string | null>(null);
  const fields = editableFieldsOf[ticket.type].filter((f) => panelFields.includes(f));
  const save: Save = async (changes) => {
    setError(null);
    const r = await mutate('ticket.setFields', {
      ticketId: ticket.id,
      fields: changes,
      base: baseFor(ticket, changes),
    });
    if (!r.ok) {
      setError(r.error.message);
      return false;
    }
    setEditing(null);
    return true;
  };
  const cancel = () => setEditing(null);
  const t = ticket as Record<string, unknown> & Ticket;

  const assignees = [...dir.users.values()]
    .filter((u) => !u.disabled && isStaff(u) && u.queueIds.includes(ticket.queueId))
    .sort((a, b) => a.displayName.localeCompare(b.displayName));
  if (ticket.assigneeId && !assignees.some((u) => u.id === ticket.assigneeId)) {
    const current = dir.users.get(ticket.assigneeId);
    if (current) assignees.unshift(current);
  }

  const editorFor = (f: EditableField): ReactNode => {
    const label = capitalise(fieldLabels[f]);
    switch (f) {
      case 'assigneeId':
        return (
          <SelectEditor
            label={label}
            clearable
            data={assignees.map((u) => ({ value: u.id, label: u.displayName }))}
            value={ticket.assigneeId}
            onSave={(v) => void save({ assigneeId: v })}
            onCancel={cancel}
          />
        );
      case 'queueId':
        return (
          <SelectEditor
            label={label}
            data={[...dir.queues.values()]
              .filter((q) => !q.disabled || q.id === ticket.queueId)
              .map((q) => ({ value: q.id, label: q.name }))}
            value={ticket.queueId}
            onSave={(v) => v && void save({ queueId: v })}
            onCancel={cancel}
          />
        );
      case 'ciId':
        return (
          <SelectEditor
            label={label}
            clearable
            data={[...dir.cis.values()].map((c) => ({ value: c.id, label: c.name }))}
            value={ticket.ciId}
            onSave={(v) => void save({ ciId: v })}
            onCancel={cancel}
          />
        );
      case 'changeKind':
      case 'risk':
        return (
          <SelectEditor
            label={label}
            data={(f === 'risk' ? risks : changeKinds).map((v) => ({
              value: v,
              label: capitalise(v),
            }))}
            value={t[f] as string}
            onSave={(v) => v && void save({ [f]: v })}
            onCancel={cancel}
          />
        );
      case 'tags':
        return (
          <TagsEditor
            initial={ticket.tags}
            onSave={(v) => void save({ tags: v })}
            onCancel={cancel}
          />
        );
      case 'plannedStart':
      case 'plannedEnd':
        return (
          <TextEditor
            label={label}
            initial={toLocalInput(t[f] as number | null)}
            onSave={(v) => void save({ [f]: v ? new Date(v).getTime() : null })}
            onCancel={cancel}
          />
        );
      default:
        return (
          <TextEditor
            label={label}
            initial={String(t[f] ?? '')}
            onSave={(v) => void save({ [f]: v })}
            onCancel={cancel}
          />
        );
    }
  };

  const readOnlyWhy = !props.canEdit
    ? canWorkQueue(props.actor, ticket.queueId)
      ? 'This ticket is finished and can no longer be edited.'
      : 'You are not in this ticket’s queue, so its fields are read-only.'
    : null;

  return (
    <Paper withBorder radius="md" p="md" data-testid="fields-panel">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} fz="sm" fw={600}>
            Details
          </Title>
          {props.canEdit && ticket.assigneeId !== props.actor.userId ? (
            <Button
              size="compact-xs"
              variant="subtle"
              onClick={() => void save({ assigneeId: props.actor.userId })}
            >
              Assign to me
            </Button>
          ) : null}
        </Group>
        {readOnlyWhy ? (
          <Text size="xs" c="dimmed">
            {readOnlyWhy}
          </Text>
        ) : null}
        {fields.map((f) => (
          <FieldRow
            key={f}
            testId={`field-${f}`}
            label={capitalise(fieldLabels[f])}
            value={formatFieldValue(f, t[f], dir)}
            pending={props.pending.fields.has(f)}
            editable={props.canEdit}
            editing={editing === f}
            onEdit={() => setEditing(f)}
            editor={editing === f ? editorFor(f) : null}
          />
        ))}
        <FieldRow
          testId="field-priority"
          label="Impact × urgency"
          value={
            <Group gap={6}>
              <PriorityBadge priority={ticket.priority} />
              <Text size="xs" c="dimmed">
                impact {formatFieldValue('impact', ticket.impact, dir)}, urgency{' '}
                {formatFieldValue('urgency', ticket.urgency, dir)}
              </Text>
            </Group>
          }
          pending={props.pending.fields.has('impact') || props.pending.fields.has('urgency')}
          editable={props.canEdit}
          editing={editing === 'priority'}
          onEdit={() => setEditing('priority')}
          editor={
            editing === 'priority' ? (
              <PriorityEditor ticket={ticket} dir={dir} onSave={save} onCancel={cancel} />
            ) : null
          }
        />
        {error ? (
          <Alert color="red" variant="light" role="alert" p="xs">
            {error}
          </Alert>
        ) : null}
      </Stack>
    </Paper>
  );
};
