import { Avatar, Badge, Box, Group, Stack, Text, Tooltip } from '@mantine/core';
import type { Comment } from '../../../shared/domain/comment';
import type { TicketEvent } from '../../../shared/domain/events';
import { initials } from '../../app/user-menu';
import { Markdown } from '../../ui/markdown';
import { formatRelative } from '../../ui/time-format';
import { useNow } from '../../ui/use-now';
import { isEventPending, type PendingForTicket } from '../ticket/pending';
import { UnsentBadge } from './portal-bits';
import { actorName, describeStep, type PortalTicket } from './portal-words';

type Item =
  | { kind: 'comment'; key: string; at: number; comment: Comment; pending: boolean }
  | {
      kind: 'step';
      key: string;
      at: number;
      text: string;
      notes: string | null;
      pending: boolean;
    };

/** The resolution notes recorded with a "resolved" step (same author, same instant). */
const notesFor = (e: TicketEvent, events: readonly TicketEvent[]): string | null => {
  if (e.kind !== 'state' || (e.to !== 'resolved' && e.to !== 'fulfilled')) return null;
  const f = events.find(
    (o) => o.kind === 'field' && o.field === 'resolution' && o.at === e.at && o.by === e.by,
  );
  const to = f?.kind === 'field' ? (f.to as { notes?: unknown } | null) : null;
  return typeof to?.notes === 'string' ? to.notes : null;
};

/**
 * Public messages and the steps the ticket went through, oldest first. Only
 * public comments are ever shown: the hub does not send a requester internal
 * notes or work logs, and this filter keeps it so for anyone viewing the
 * portal (an agent looking at their own ticket here sees what a requester sees).
 */
export const buildConversation = (
  ticket: PortalTicket,
  comments: readonly Comment[],
  pending: PendingForTicket,
  viewerId: string,
  userName: (id: string) => string,
): Item[] => {
  const items: Item[] = [];
  ticket.events.forEach((e, i) => {
    const text = describeStep(e, ticket, viewerId, userName);
    if (text === null) return;
    items.push({
      kind: 'step',
      key: `e${i}`,
      at: e.at,
      text,
      notes: notesFor(e, ticket.events),
      pending: e.kind === 'created' ? pending.created : isEventPending(pending, e),
    });
  });
  for (const c of comments) {
    if (c.visibility !== 'public') continue;
    items.push({
      kind: 'comment',
      key: c.id,
      at: c.createdAt,
      comment: c,
      pending: pending.childIds.has(c.id),
    });
  }
  return items.sort((a, b) => a.at - b.at);
};

const When = ({ at, now }: { at: number; now: number }) => (
  <Tooltip label={new Date(at).toLocaleString()}>
    <Text span size="xs" c="dimmed" tabIndex={0}>
      {formatRelative(at, now)}
    </Text>
  </Tooltip>
);

export const Conversation = (props: {
  ticket: PortalTicket;
  comments: readonly Comment[];
  pending: PendingForTicket;
  viewerId: string;
  userName: (id: string) => string;
}) => {
  const now = useNow(30_000);
  const items = buildConversation(
    props.ticket,
    props.comments,
    props.pending,
    props.viewerId,
    props.userName,
  );
  return (
    <Stack
      gap={8}
      component="ol"
      aria-label="Conversation"
      p={0}
      m={0}
      style={{ listStyle: 'none' }}
      data-testid="portal-conversation"
    >
      {items.map((item) => (
        <Box component="li" key={item.key}>
          {item.kind === 'step' ? (
            <Group gap={8} wrap="nowrap" align="flex-start" px={6} data-testid="portal-step">
              <Box
                mt={7}
                w={7}
                h={7}
                style={{
                  flex: 'none',
                  borderRadius: 999,
                  background: 'var(--mantine-color-gray-5)',
                }}
              />
              <Box style={{ flex: 1 }}>
                <Text size="sm" c="gray.8" component="div">
                  {item.text} · <When at={item.at} now={now} />
                </Text>
                {item.notes ? (
                  <Box
                    mt={4}
                    pl="sm"
                    style={{ borderLeft: '3px solid var(--mantine-color-teal-4)' }}
                    data-testid="portal-resolution-notes"
                  >
                    <Markdown text={item.notes} />
                  </Box>
                ) : null}
              </Box>
              {item.pending ? <UnsentBadge /> : null}
            </Group>
          ) : (
            <Message
              comment={item.comment}
              requesterId={props.ticket.requesterId}
              pending={item.pending}
              viewerId={props.viewerId}
              userName={props.userName}
              now={now}
            />
          )}
        </Box>
      ))}
    </Stack>
  );
};

const Message = (props: {
  comment: Comment;
  requesterId: string;
  pending: boolean;
  viewerId: string;
  userName: (id: string) => string;
  now: number;
}) => {
  const c = props.comment;
  const mine = c.authorId === props.viewerId;
  const name = actorName(c.authorId, props.viewerId, props.userName);
  return (
    <Box
      className="outpost-portal-bubble"
      data-mine={mine || undefined}
      ml={mine ? { base: 0, sm: 48 } : 0}
      mr={mine ? 0 : { base: 0, sm: 48 }}
      data-testid="portal-message"
    >
      <Group justify="space-between" mb={6} wrap="nowrap">
        <Group gap={8} wrap="nowrap">
          <Avatar size={26} radius="xl" color={mine ? 'accent' : 'teal'}>
            {initials(mine ? props.userName(c.authorId) : name)}
          </Avatar>
          <Text size="sm" fw={600}>
            {name}
          </Text>
          {c.authorId === props.requesterId ? null : (
            <Badge size="xs" color="teal" variant="light" tt="none" c="teal.9">
              Service desk
            </Badge>
          )}
          <When at={c.createdAt} now={props.now} />
        </Group>
        {props.pending ? <UnsentBadge what="This message" /> : null}
      </Group>
      <Markdown text={c.body} />
    </Box>
  );
};
