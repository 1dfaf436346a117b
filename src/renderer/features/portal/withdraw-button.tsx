import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import type { AvailableTransition } from '../../../shared/domain/workflow/transitions';
import { newId } from '../../../shared/ids';
import { notifySuccess } from '../../ui/notify';
import { useMutate } from '../ticket/use-mutate';
import { kindWords, type PortalTicket } from './portal-words';

/**
 * Withdraw a ticket nobody has started on yet (the workflow's requester edge
 * to Cancelled, offered only while availableTransitions has it). Asks first,
 * because it cannot be undone; an optional reason goes along as a message.
 */
export const WithdrawButton = (props: { ticket: PortalTicket; edge: AvailableTransition }) => {
  const { ticket } = props;
  const noun = kindWords(ticket).noun;
  const mutate = useMutate();
  const [open, setOpen] = useState(false);
  const [why, setWhy] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const withdraw = async () => {
    setBusy(true);
    setError(null);
    const r = await mutate('ticket.transition', {
      ticketId: ticket.id,
      from: ticket.state,
      to: props.edge.to,
    });
    if (r.ok && why.trim() !== '') {
      const said = await mutate('ticket.addComment', {
        id: newId(),
        ticketId: ticket.id,
        body: why,
        visibility: 'public',
      });
      if (!said.ok) {
        setBusy(false);
        setError(`It was withdrawn, but your reason was not saved: ${said.error.message}`);
        return;
      }
    }
    setBusy(false);
    if (!r.ok) return setError(r.error.message);
    setOpen(false);
    setWhy('');
    notifySuccess(`Your ${noun} is withdrawn.`);
  };

  return (
    <>
      <Button
        variant="subtle"
        color="red.8"
        size="sm"
        onClick={() => setOpen(true)}
        data-testid="portal-withdraw"
      >
        Withdraw this {noun}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={`Withdraw this ${noun}?`}>
        <Stack gap="md">
          <Text size="sm">
            The service desk will not work on it. This cannot be undone; if you need help later,
            send a new one.
          </Text>
          <Textarea
            label="Why? (optional)"
            description="For example “It started working again”"
            autosize
            minRows={2}
            value={why}
            onChange={(e) => setWhy(e.currentTarget.value)}
            data-autofocus
          />
          {error ? (
            <Alert color="red" variant="light" role="alert">
              {error}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpen(false)}>
              Keep it
            </Button>
            <Button color="red.8" loading={busy} onClick={() => void withdraw()}>
              Withdraw
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
};
