import { Button, Group, Paper, Stack, Text, Textarea } from '@mantine/core';
import { useState, type RefObject } from 'react';
import { newId } from '../../../shared/ids';
import { draftKey, useDraft } from '../ticket/drafts';
import { useMutate } from '../ticket/use-mutate';

const blank = (s: string) => s.trim() === '';

/**
 * A public message to the service desk. Requesters can only ever write
 * public comments, so there is no choice to make; the text is kept on the
 * device while typed (the same draft the ticket view uses for a reply).
 */
export const PortalReply = ({
  inputRef,
  ...props
}: {
  ticketId: string;
  waitingForYou: boolean;
  inputRef?: RefObject<HTMLTextAreaElement | null>;
}) => {
  const mutate = useMutate();
  const draft = useDraft<string>(draftKey(props.ticketId, 'reply'), '', blank);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const send = async () => {
    if (busy) return;
    if (blank(draft.value)) {
      setError('Write a message first.');
      return;
    }
    setBusy(true);
    setError(null);
    const r = await mutate('ticket.addComment', {
      id: newId(),
      ticketId: props.ticketId,
      body: draft.value,
      visibility: 'public',
    });
    setBusy(false);
    if (r.ok) await draft.clear();
    else setError(r.error.message);
  };

  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      component="form"
      noValidate
      aria-label="Send a message"
      className={props.waitingForYou ? 'outpost-portal-attention' : undefined}
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
      data-testid="portal-reply"
    >
      <Stack gap="xs">
        <Textarea
          ref={inputRef}
          label={props.waitingForYou ? 'Your answer to the service desk' : 'Send a message'}
          description={
            props.waitingForYou
              ? 'They are waiting for you before they can carry on.'
              : 'Add details, answer a question or ask how it is going.'
          }
          placeholder="Write your message…"
          autosize
          minRows={3}
          maxRows={12}
          value={draft.value}
          onChange={(e) => {
            draft.set(e.currentTarget.value);
            if (error) setError(null);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              void send();
            }
          }}
          error={error}
        />
        <Group justify="space-between">
          <Text size="xs" c="dimmed">
            {blank(draft.value) ? '' : 'Draft kept on this device · '}Ctrl/⌘ + Enter to send
          </Text>
          <Button type="submit" loading={busy}>
            Send message
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
};
