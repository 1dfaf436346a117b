import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Group,
  Stack,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { useState, type RefObject } from 'react';
import type { Actor } from '../../../shared/domain/actor';
import { holdReasonLabels } from '../../../shared/domain/states';
import { ticketLabel, type Ticket } from '../../../shared/domain/ticket';
import {
  availableTransitions,
  type AvailableTransition,
} from '../../../shared/domain/workflow/transitions';
import { baseFor } from '../../../shared/sync/mutations/set-fields';
import { PriorityBadge, StateBadge } from '../../ui/ticket-badges';
import { RestoredDraftNote } from '../../ui/restored-draft-note';
import { fieldDraftKey, useEditDraft, type Draft, type EditDraft } from './drafts';
import { NotSynced } from './not-synced';
import type { PendingForTicket } from './pending';
import { IconPencil } from './ticket-icons';
import { TransitionDialog } from './transition-dialog';
import { useMutate } from './use-mutate';
import type { Directory } from './use-ticket-data';

export const typeLabels: Record<Ticket['type'], string> = {
  incident: 'Incident',
  request: 'Service request',
  problem: 'Problem',
  change: 'Change',
};

/**
 * The title, edited in place. Enter or leaving the field saves, Esc cancels;
 * what is typed is kept on the device until then (`draft`), so a reload
 * brings the editor back with it.
 */
const TitleEditor = (props: {
  ticket: Ticket;
  draft: Draft<EditDraft | null>;
  onDone: () => void;
}) => {
  const { ticket, draft } = props;
  const mutate = useMutate();
  const [error, setError] = useState<string | null>(null);
  const value = draft.value?.text ?? ticket.title;
  const done = async () => {
    await draft.clear();
    props.onDone();
  };
  const save = async () => {
    if (value === ticket.title) return done();
    const fields = { title: value };
    const r = await mutate('ticket.setFields', {
      ticketId: ticket.id,
      fields,
      base: baseFor(ticket, fields),
    });
    if (r.ok) await done();
    else setError(`${r.error.message} Your title is kept on this device.`);
  };
  return (
    <Stack gap={6} data-testid="title-editor">
      {draft.restored && draft.value ? (
        <RestoredDraftNote
          what="title"
          onDiscard={() => void done()}
          changedSince={draft.value.from !== ticket.title}
        />
      ) : null}
      <TextInput
        aria-label="Title"
        value={value}
        onChange={(e) =>
          draft.set({ text: e.currentTarget.value, from: draft.value?.from ?? ticket.title })
        }
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            void save();
          } else if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            void done();
          }
        }}
        onBlur={(e) => {
          // Moving to "Discard draft" is not a save.
          const to = e.relatedTarget as Node | null;
          if (to && e.currentTarget.closest('[data-testid="title-editor"]')?.contains(to)) return;
          void save();
        }}
        error={error}
        size="md"
        autoFocus
        styles={{ input: { fontSize: 20, fontWeight: 600 } }}
        description="Enter saves, Esc cancels"
      />
    </Stack>
  );
};

/**
 * Number, type, title (editable in place), state and the transitions the
 * workflow allows this user now — nothing else is offered.
 */
export const TicketHeader = ({
  transitionsRef,
  ...props
}: {
  ticket: Ticket;
  actor: Actor;
  dir: Directory;
  pending: PendingForTicket;
  canEdit: boolean;
  editingTitle: boolean;
  setEditingTitle: (v: boolean) => void;
  transitionsRef: RefObject<HTMLDivElement | null>;
}) => {
  const { ticket, dir } = props;
  const mutate = useMutate();
  const titleDraft = useEditDraft(fieldDraftKey(ticket.id, 'title'));
  // A title being edited before a reload or a detour comes back in its editor.
  const editingTitle =
    props.canEdit && (props.editingTitle || (titleDraft.restored && titleDraft.value !== null));
  const [dialog, setDialog] = useState<AvailableTransition | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const transitions = availableTransitions(ticket, props.actor);
  const primary = transitions.find((t) => !t.reopen && t.to !== 'cancelled')?.to;

  const take = async (t: AvailableTransition) => {
    setError(null);
    if (t.needs.length > 0) return setDialog(t);
    setBusy(t.to);
    const r = await mutate('ticket.transition', {
      ticketId: ticket.id,
      from: ticket.state,
      to: t.to,
    });
    setBusy(null);
    if (!r.ok) setError(r.error.message);
  };

  return (
    <Stack gap="xs">
      <Group gap="xs">
        <Text size="sm" c="dimmed" fw={500}>
          {typeLabels[ticket.type]}
        </Text>
        <Text size="sm" ff="monospace" fw={600} data-testid="ticket-number">
          {ticketLabel(ticket)}
        </Text>
        {props.pending.created ? <NotSynced what="This new ticket" /> : null}
        <PriorityBadge priority={ticket.priority} />
      </Group>
      {editingTitle ? (
        <TitleEditor
          ticket={ticket}
          draft={titleDraft}
          onDone={() => props.setEditingTitle(false)}
        />
      ) : (
        <Group gap={6} wrap="nowrap" align="flex-start">
          <Title order={1} fz={24} lh={1.25} data-testid="ticket-title">
            {ticket.title}
          </Title>
          {props.pending.fields.has('title') ? <NotSynced what="The new title" /> : null}
          {props.canEdit ? (
            <Tooltip label="Edit title (e)">
              <ActionIcon
                variant="subtle"
                color="gray"
                aria-label="Edit title"
                onClick={() => props.setEditingTitle(true)}
                mt={2}
              >
                <IconPencil />
              </ActionIcon>
            </Tooltip>
          ) : null}
        </Group>
      )}
      <Group gap="sm" justify="space-between" align="center">
        <Group gap="xs">
          <StateBadge state={ticket.state} />
          {ticket.holdReason ? (
            <Text size="sm" c="dimmed">
              {holdReasonLabels[ticket.holdReason]}
            </Text>
          ) : null}
          {ticket.reopenCount > 0 ? (
            <Badge size="sm" variant="light" color="grape" tt="none">
              Reopened {ticket.reopenCount}×
            </Badge>
          ) : null}
          {props.pending.fields.has('state') ? <NotSynced what="The state change" /> : null}
          <Text size="sm" c="dimmed" aria-hidden>
            ·
          </Text>
          <Text size="sm" c="dimmed">
            Raised by {dir.userName(ticket.requesterId)}
          </Text>
        </Group>
        {transitions.length > 0 ? (
          <Group gap={6} ref={transitionsRef} role="group" aria-label="Change state">
            <Text size="xs" c="dimmed" fw={500} tt="uppercase">
              Move to
            </Text>
            {transitions.map((t) => (
              <Button
                key={t.to}
                size="xs"
                variant={t.to === primary ? 'filled' : t.to === 'cancelled' ? 'subtle' : 'default'}
                color={t.to === 'cancelled' ? 'red' : undefined}
                loading={busy === t.to}
                onClick={() => void take(t)}
                data-transition={t.to}
              >
                {t.reopen ? 'Reopen' : t.label}
                {t.needs.length > 0 ? '…' : ''}
              </Button>
            ))}
          </Group>
        ) : null}
      </Group>
      {error ? (
        <Alert
          color="red"
          variant="light"
          role="alert"
          withCloseButton
          onClose={() => setError(null)}
          closeButtonLabel="Dismiss error"
        >
          {error}
        </Alert>
      ) : null}
      <TransitionDialog
        ticket={ticket}
        transition={dialog}
        settings={dir.settings}
        onClose={() => setDialog(null)}
      />
    </Stack>
  );
};
