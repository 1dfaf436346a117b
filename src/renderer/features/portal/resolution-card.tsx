import { Alert, Box, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { newId } from '../../../shared/ids';
import type { AvailableTransition } from '../../../shared/domain/workflow/transitions';
import { Markdown } from '../../ui/markdown';
import { notifySuccess } from '../../ui/notify';
import { useDraft } from '../ticket/drafts';
import { useMutate } from '../ticket/use-mutate';
import { actorName, type PortalTicket } from './portal-words';

const blank = (s: string) => s.trim() === '';

/** Who marked it fixed and when: the last move into the current (resolved/fulfilled) state. */
const resolvedBy = (t: PortalTicket) =>
  [...t.events].reverse().find((e) => e.kind === 'state' && e.to === t.state);

const words = (t: PortalTicket) =>
  t.type === 'request'
    ? {
        question: 'Did you get what you asked for?',
        yes: 'Yes, I have it',
        no: 'No, something is missing',
        why: 'What is missing?',
        done: 'marked this as done',
      }
    : {
        question: 'Is it fixed?',
        yes: 'Yes, it’s fixed',
        no: 'No, it’s still broken',
        why: 'What is still wrong?',
        done: 'marked this as fixed',
      };

/**
 * Confirm or reject a resolution. Both edges are the workflow's requester
 * edges (Resolved → Closed, Resolved → In Progress as a reopen), offered
 * only when availableTransitions says this person may take them now. A
 * rejection needs a reason, sent as a public message with the reopen.
 */
export const ResolutionCard = (props: {
  ticket: PortalTicket;
  confirm: AvailableTransition | undefined;
  reject: AvailableTransition | undefined;
  viewerId: string;
  userName: (id: string) => string;
}) => {
  const { ticket } = props;
  const w = words(ticket);
  const mutate = useMutate();
  const reason = useDraft<string>(`draft:${ticket.id}:reopen`, '', blank);
  const [rejecting, setRejecting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'yes' | 'no' | null>(null);
  const by = resolvedBy(ticket);

  const confirm = async () => {
    if (!props.confirm || busy) return;
    setBusy('yes');
    setError(null);
    const r = await mutate('ticket.transition', {
      ticketId: ticket.id,
      from: ticket.state,
      to: props.confirm.to,
    });
    setBusy(null);
    if (r.ok) notifySuccess('Thanks for confirming. It is now closed.');
    else setError(r.error.message);
  };

  const reject = async () => {
    if (!props.reject || busy) return;
    if (blank(reason.value)) {
      setError(
        `Tell the service desk ${w.why.toLowerCase().replace('?', '')}, so they can pick it up again.`,
      );
      return;
    }
    setBusy('no');
    setError(null);
    // Reopen first: if that is refused, nothing is sent and the text stays.
    const moved = await mutate('ticket.transition', {
      ticketId: ticket.id,
      from: ticket.state,
      to: props.reject.to,
    });
    if (!moved.ok) {
      setBusy(null);
      setError(moved.error.message);
      return;
    }
    const said = await mutate('ticket.addComment', {
      id: newId(),
      ticketId: ticket.id,
      body: reason.value,
      visibility: 'public',
    });
    setBusy(null);
    if (!said.ok) {
      setError(`It was reopened, but your message was not saved: ${said.error.message}`);
      return;
    }
    await reason.clear();
    setRejecting(false);
    notifySuccess('Thanks. It is reopened and the service desk has your message.');
  };

  return (
    <Paper
      withBorder
      radius="md"
      p="lg"
      className="outpost-portal-attention"
      component="section"
      aria-labelledby="portal-resolution-title"
      data-testid="portal-resolution"
    >
      <Stack gap="sm">
        <Title order={2} fz="lg" id="portal-resolution-title">
          {w.question}
        </Title>
        {by ? (
          <Text size="sm" c="dimmed">
            {actorName(by.by, props.viewerId, props.userName)} {w.done} on{' '}
            {new Date(by.at).toLocaleDateString(undefined, { day: 'numeric', month: 'long' })}.
          </Text>
        ) : null}
        {ticket.resolution?.notes ? (
          <Box pl="sm" style={{ borderLeft: '3px solid var(--mantine-color-teal-4)' }}>
            <Markdown text={ticket.resolution.notes} />
          </Box>
        ) : null}
        {rejecting ? (
          <Stack gap="xs">
            <Textarea
              label={w.why}
              description="The service desk reads this when it is reopened."
              required
              autosize
              minRows={3}
              autoFocus
              value={reason.value}
              onChange={(e) => {
                reason.set(e.currentTarget.value);
                if (error) setError(null);
              }}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                  e.preventDefault();
                  void reject();
                } else if (e.key === 'Escape') {
                  e.stopPropagation();
                  setRejecting(false);
                }
              }}
              error={error}
            />
            <Group gap="sm">
              <Button color="orange.9" loading={busy === 'no'} onClick={() => void reject()}>
                Reopen it
              </Button>
              <Button variant="default" onClick={() => setRejecting(false)}>
                Back
              </Button>
            </Group>
          </Stack>
        ) : (
          <Stack gap="xs">
            <Group gap="sm">
              {props.confirm ? (
                <Button color="teal.8" loading={busy === 'yes'} onClick={() => void confirm()}>
                  {w.yes}
                </Button>
              ) : null}
              {props.reject ? (
                <Button
                  variant="default"
                  onClick={() => {
                    setError(null);
                    setRejecting(true);
                  }}
                >
                  {w.no}
                </Button>
              ) : null}
            </Group>
            {error ? (
              <Alert color="red" variant="light" role="alert">
                {error}
              </Alert>
            ) : null}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
};
