import {
  Alert,
  Button,
  Group,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import type { EditableField } from '../../../shared/domain/ticket-fields';
import type { Ticket } from '../../../shared/domain/ticket';
import { baseFor } from '../../../shared/sync/mutations/set-fields';
import { Markdown } from '../../ui/markdown';
import { RestoredDraftNote } from '../../ui/restored-draft-note';
import { fieldDraftKey, useEditDraft } from './drafts';
import { NotSynced } from './not-synced';
import { IconPencil } from './ticket-icons';
import { useMutate } from './use-mutate';

export const longTextFields: Partial<Record<EditableField, string>> = {
  description: 'Description',
  rootCause: 'Root cause',
  knownError: 'Workaround (known error)',
  implementationPlan: 'Implementation plan',
  backoutPlan: 'Backout plan',
};

const read = (t: Ticket, f: EditableField): string => {
  const v = (t as unknown as Record<string, unknown>)[f];
  if (f === 'knownError') return (v as { workaround: string } | null)?.workaround ?? '';
  return typeof v === 'string' ? v : '';
};

/**
 * A Markdown field shown as rendered text, edited in place with a preview.
 * What is typed is kept on the device as it is typed: after a reload or a
 * detour to another ticket the editor comes back open with it. Save and
 * Cancel end the draft.
 */
export const LongTextCard = (props: {
  ticket: Ticket;
  field: EditableField;
  canEdit: boolean;
  pending: boolean;
}) => {
  const { ticket, field } = props;
  const mutate = useMutate();
  const draft = useEditDraft(fieldDraftKey(ticket.id, field));
  const [opened, setOpened] = useState(false);
  const [mode, setMode] = useState<'write' | 'preview'>('write');
  const [error, setError] = useState<string | null>(null);
  const label = longTextFields[field] ?? field;
  const current = read(ticket, field);
  const editing = props.canEdit && (opened || (draft.restored && draft.value !== null));
  const value = draft.value?.text ?? current;
  // A workaround exists only once the problem became a known error.
  if (field === 'knownError' && !current) return null;

  const start = () => {
    draft.set({ text: current, from: current });
    setError(null);
    setMode('write');
    setOpened(true);
  };
  const stop = async () => {
    setOpened(false);
    setError(null);
    await draft.clear();
  };
  const save = async () => {
    const fields = { [field]: field === 'knownError' ? { workaround: value } : value };
    const r = await mutate('ticket.setFields', {
      ticketId: ticket.id,
      fields,
      base: baseFor(ticket, fields),
    });
    if (r.ok) await stop();
    else setError(`${r.error.message} Your text is kept on this device.`);
  };

  return (
    <Paper withBorder radius="md" p="md" data-testid={`text-${field}`}>
      <Group justify="space-between" mb="xs">
        <Group gap={6}>
          <Title order={2} fz="sm" fw={600}>
            {label}
          </Title>
          {props.pending ? <NotSynced what={`The ${label.toLowerCase()} change`} /> : null}
        </Group>
        {props.canEdit && !editing ? (
          <Button
            size="compact-xs"
            variant="subtle"
            leftSection={<IconPencil size={14} />}
            onClick={start}
            aria-label={`Edit ${label.toLowerCase()}`}
          >
            Edit
          </Button>
        ) : null}
      </Group>
      {editing ? (
        <Stack gap="xs">
          {draft.restored && draft.value ? (
            <RestoredDraftNote
              what={label.toLowerCase()}
              onDiscard={() => void stop()}
              changedSince={draft.value.from !== current}
            />
          ) : null}
          <SegmentedControl
            size="xs"
            value={mode}
            onChange={(v) => setMode(v as 'write' | 'preview')}
            data={[
              { value: 'write', label: 'Write' },
              { value: 'preview', label: 'Preview' },
            ]}
            aria-label={`${label}: write or preview`}
            style={{ alignSelf: 'flex-start' }}
          />
          {mode === 'write' ? (
            <Textarea
              aria-label={label}
              autosize
              minRows={4}
              maxRows={20}
              value={value}
              autoFocus
              onChange={(e) =>
                draft.set({ text: e.currentTarget.value, from: draft.value?.from ?? current })
              }
              onKeyDown={(e) => {
                if (e.key === 'Escape') {
                  e.stopPropagation();
                  void stop();
                } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                  e.preventDefault();
                  void save();
                }
              }}
            />
          ) : (
            <Paper withBorder p="sm">
              <Markdown text={value} />
            </Paper>
          )}
          {error ? (
            <Alert color="red" variant="light" role="alert">
              {error}
            </Alert>
          ) : null}
          <Group justify="flex-end" gap="xs">
            <Button size="xs" variant="default" onClick={() => void stop()}>
              Cancel
            </Button>
            <Button size="xs" onClick={() => void save()}>
              Save
            </Button>
          </Group>
        </Stack>
      ) : current.trim() ? (
        <Markdown text={current} />
      ) : (
        <Text size="sm" c="dimmed">
          Nothing written yet.
        </Text>
      )}
    </Paper>
  );
};
