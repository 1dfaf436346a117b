import { Alert, Button, Group, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import type { DomainSettings } from '../../../shared/domain/settings';
import { resolutionCodes, type Ticket } from '../../../shared/domain/ticket';
import type { AvailableTransition } from '../../../shared/domain/workflow/transitions';
import { resolutionCodeLabels } from './format';
import { useMutate } from './use-mutate';

/**
 * Collects what a transition `needs` (hold reason, resolution, workaround)
 * and submits it. A refusal stays in the dialog with the domain's words and
 * the typed input intact.
 */
export const TransitionDialog = (props: {
  ticket: Ticket;
  transition: AvailableTransition | null;
  settings: DomainSettings;
  onClose: () => void;
}) => {
  const { ticket, transition } = props;
  const mutate = useMutate();
  const [holdReason, setHoldReason] = useState<string | null>(null);
  const [code, setCode] = useState<string | null>(null);
  const [notes, setNotes] = useState('');
  const [workaround, setWorkaround] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const needs = transition?.needs ?? [];

  const close = () => {
    setError(null);
    props.onClose();
  };
  const submit = async () => {
    if (!transition) return;
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
      setHoldReason(null);
      setCode(null);
      setNotes('');
      setWorkaround('');
      close();
    } else setError(r.error.message);
  };

  return (
    <Modal
      opened={transition !== null}
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
          {needs.includes('holdReason') ? (
            <Select
              label="Hold reason"
              placeholder="Why is work waiting?"
              data={props.settings.holdReasons.map((r) => ({
                value: r.code,
                label: r.pausesSla ? `${r.label} (pauses the SLA clock)` : r.label,
              }))}
              value={holdReason}
              onChange={setHoldReason}
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
                onChange={setCode}
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
                onChange={(e) => setNotes(e.currentTarget.value)}
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
              onChange={(e) => setWorkaround(e.currentTarget.value)}
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
