import { Alert, Button, Group, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import type { DomainSettings } from '../../../shared/domain/settings';
import { resolutionCodes, type Ticket } from '../../../shared/domain/ticket';
import type { AvailableTransition } from '../../../shared/domain/workflow/transitions';
import { RestoredDraftNote } from '../../ui/restored-draft-note';
import { transitionDraftKey, useDraft } from './drafts';
import { resolutionCodeLabels } from './format';
import { useMutate } from './use-mutate';

interface TransitionDraft {
  holdReason: string | null;
  code: string | null;
  notes: string;
  workaround: string;
}

const emptyDraft: TransitionDraft = { holdReason: null, code: null, notes: '', workaround: '' };
const isBlank = (d: TransitionDraft) =>
  d.holdReason === null && d.code === null && d.notes.trim() === '' && d.workaround.trim() === '';
const textOrNull = (v: unknown) => v === null || typeof v === 'string';
const isTransitionDraft = (v: unknown): v is TransitionDraft => {
  const d = v as TransitionDraft;
  return (
    typeof v === 'object' &&
    v !== null &&
    textOrNull(d.holdReason) &&
    textOrNull(d.code) &&
    typeof d.notes === 'string' &&
    typeof d.workaround === 'string'
  );
};

/**
 * Collects what a transition `needs` (hold reason, resolution, workaround)
 * and submits it. A refusal stays in the dialog with the domain's words and
 * the typed input intact. What is typed is kept on the device per ticket and
 * target state until the move succeeds: closing the dialog, a reload or a
 * detour brings it back the next time this move is opened.
 */
export const TransitionDialog = (props: {
  ticket: Ticket;
  transition: AvailableTransition | null;
  settings: DomainSettings;
  onClose: () => void;
}) => {
  const { ticket } = props;
  // The dialog fades out after its owner clears `transition`: it keeps showing
  // the move it was opened for (title, fields, draft) until it is gone, instead
  // of a blank dialog. `opened` still follows the prop.
  const [last, setLast] = useState(props.transition);
  if (props.transition !== null && props.transition !== last) setLast(props.transition);
  const transition = props.transition ?? last;
  const mutate = useMutate();
  const draft = useDraft<TransitionDraft>(
    transitionDraftKey(ticket.id, transition?.to ?? ''),
    emptyDraft,
    isBlank,
    isTransitionDraft,
  );
  const { holdReason, code, notes, workaround } = draft.value;
  const edit = (patch: Partial<TransitionDraft>) => draft.set({ ...draft.value, ...patch });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const needs = transition?.needs ?? [];

  const close = () => {
    setError(null);
    props.onClose();
  };
  const submit = async () => {
    if (!transition || props.transition === null) return;
    setBusy(true);
    setError(null);
    const r = await mutate('ticket.transition', {
      ticketId: ticket.id,
      from: ticket.state,
      to: transition.to,
      ...(needs.includes('holdReason') && { holdReason }),
      ...(needs.includes('resolution') && { resolution: code ? { code, notes } : null }),
      ...(needs.includes('workaround') && { workaround }),
    });
    setBusy(false);
    if (r.ok) {
      await draft.clear();
      close();
    } else setError(r.error.message);
  };

  return (
    <Modal
      opened={props.transition !== null}
      onClose={close}
      title={transition ? `Move to ${transition.label}` : ''}
      size="md"
    >
      <form
        // The domain rule says what is missing, in words that name the field.
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack gap="md">
          {draft.restored && needs.length > 0 ? (
            <RestoredDraftNote
              what={`move to ${transition?.label ?? ''}`}
              onDiscard={() => void draft.clear()}
            />
          ) : null}
          {needs.includes('holdReason') ? (
            <Select
              label="Hold reason"
              placeholder="Why is work waiting?"
              data={props.settings.holdReasons.map((r) => ({
                value: r.code,
                label: r.pausesSla ? `${r.label} (pauses the SLA clock)` : r.label,
              }))}
              value={holdReason}
              onChange={(v) => edit({ holdReason: v })}
              required
              data-autofocus
              comboboxProps={{ withinPortal: false }}
            />
          ) : null}
          {needs.includes('resolution') ? (
            <>
              <Select
                label="Resolution code"
                placeholder="How was it resolved?"
                data={resolutionCodes.map((c) => ({ value: c, label: resolutionCodeLabels[c] }))}
                value={code}
                onChange={(v) => edit({ code: v })}
                required
                data-autofocus
                comboboxProps={{ withinPortal: false }}
              />
              <Textarea
                label="Resolution notes"
                description="What was done, in words the requester understands."
                autosize
                minRows={3}
                value={notes}
                onChange={(e) => edit({ notes: e.currentTarget.value })}
                required
              />
            </>
          ) : null}
          {needs.includes('workaround') ? (
            <Textarea
              label="Workaround"
              description="Shown on every incident linked to this problem."
              autosize
              minRows={3}
              value={workaround}
              onChange={(e) => edit({ workaround: e.currentTarget.value })}
              required
              data-autofocus
            />
          ) : null}
          {needs.length === 0 ? (
            <Text size="sm">Move this ticket to {transition?.label}?</Text>
          ) : null}
          {error ? (
            <Alert color="red" variant="light" role="alert">
              {error}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={busy}>
              {transition?.reopen ? 'Reopen' : `Move to ${transition?.label ?? ''}`}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
};
