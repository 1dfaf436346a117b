import { Avatar, Badge, Box, Group, Paper, Stack, Text, Tooltip } from '@mantine/core';
import type { Ticket } from '../../../shared/domain/ticket';
import { holdReasonLabels, stateLabel } from '../../../shared/domain/states';
import { Markdown } from '../../ui/markdown';
import { formatRelative } from '../../ui/time-format';
import { useNow } from '../../ui/use-now';
import { fieldLabel, formatBytes, formatFieldValue } from './format';
import { NotSynced } from './not-synced';
import {
  IconArrow,
  IconClip,
  IconClock,
  IconPencil,
  IconRaised,
  IconReplaced,
} from './ticket-icons';
import type { TimelineItem } from './timeline';
import { formatMinutes } from './timeline';
import type { Directory } from './use-ticket-data';
import { typeLabels } from './ticket-header';

const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((p) => p[0]!.toUpperCase())
    .join('');

const When = ({ at, now }: { at: number; now: number }) => (
  <Tooltip label={new Date(at).toLocaleString()}>
    <Text span size="xs" c="dimmed" tabIndex={0}>
      {formatRelative(at, now)}
    </Text>
  </Tooltip>
);

/** One quiet line for things that happened to the ticket (not conversation). */
const ActivityLine = (props: {
  icon: React.ReactNode;
  children: React.ReactNode;
  /** Lines under the sentence (a resolution's notes), after the time. */
  detail?: React.ReactNode;
  at: number;
  now: number;
  pending: boolean;
  testId: string;
}) => (
  <Group gap={8} wrap="nowrap" align="flex-start" px={4} py={2} data-testid={props.testId}>
    <Box c="gray.6" mt={2} style={{ flex: 'none' }}>
      {props.icon}
    </Box>
    <Box style={{ flex: 1 }}>
      <Text size="sm" c="gray.8" component="div">
        {props.children} · <When at={props.at} now={props.now} />
      </Text>
      {props.detail}
    </Box>
    {props.pending ? <NotSynced /> : null}
  </Group>
);

const EventLine = ({
  item,
  ticket,
  dir,
  now,
}: {
  item: Extract<TimelineItem, { kind: 'event' }>;
  ticket: Ticket;
  dir: Directory;
  now: number;
}) => {
  const e = item.event;
  const who = <b>{dir.userName(e.by)}</b>;
  if (e.kind === 'created') {
    return (
      <ActivityLine
        icon={<IconRaised />}
        at={e.at}
        now={now}
        pending={item.pending}
        testId="timeline-created"
      >
        {who} raised this {typeLabels[ticket.type].toLowerCase()} in{' '}
        {formatFieldValue('queueId', e.queueId, dir)}
      </ActivityLine>
    );
  }
  if (e.kind === 'state') {
    const resolution = ticket.events.find(
      (o) => o.kind === 'field' && o.field === 'resolution' && o.at === e.at && o.to,
    );
    const workaround = ticket.events.find(
      (o) => o.kind === 'field' && o.field === 'knownError' && o.at === e.at && o.to,
    );
    return (
      <ActivityLine
        detail={
          <>
            {resolution?.kind === 'field' ? (
              <Text size="sm" c="dimmed" component="div">
                Resolution: {formatFieldValue('resolution', resolution.to, dir, { full: true })}
              </Text>
            ) : null}
            {workaround?.kind === 'field' ? (
              <Text size="sm" c="dimmed" component="div">
                Workaround: {formatFieldValue('knownError', workaround.to, dir, { full: true })}
              </Text>
            ) : null}
          </>
        }
        icon={<IconArrow />}
        at={e.at}
        now={now}
        pending={item.pending}
        testId="timeline-state"
      >
        {who} moved it from {stateLabel(e.from)} to <b>{stateLabel(e.to)}</b>
        {e.holdReason ? ` (${holdReasonLabels[e.holdReason]})` : ''}
      </ActivityLine>
    );
  }
  return (
    <ActivityLine
      icon={<IconPencil />}
      at={e.at}
      now={now}
      pending={item.pending}
      testId="timeline-field"
    >
      {who} changed the {fieldLabel(e.field)} from <i>{formatFieldValue(e.field, e.from, dir)}</i>{' '}
      to <b>{formatFieldValue(e.field, e.to, dir)}</b>
    </ActivityLine>
  );
};

/** "Your change of the title to ‘X’ was overwritten by Ana Lopez’s": kept after the banner is gone. */
const OverwrittenLine = ({
  item,
  dir,
  now,
  userId,
}: {
  item: Extract<TimelineItem, { kind: 'overwritten' }>;
  dir: Directory;
  now: number;
  userId: string;
}) => {
  const c = item.conflict;
  const field = c.field!;
  const whose = c.userId === userId ? 'Your' : `${dir.userName(c.userId)}’s`;
  const winner = c.theirsBy ? `${dir.userName(c.theirsBy)}’s` : 'someone else’s';
  return (
    <ActivityLine
      icon={<IconReplaced />}
      at={item.at}
      now={now}
      pending={false}
      testId="timeline-overwritten"
    >
      <Text span size="sm" c="dimmed">
        {whose} change of the {fieldLabel(field)} to <i>‘{formatFieldValue(field, c.mine, dir)}’</i>{' '}
        was overwritten by {winner}
      </Text>
    </ActivityLine>
  );
};

/**
 * The conversation and the history in one list. Internal notes are tinted
 * and labelled so an agent never mistakes one for a reply the requester saw.
 */
export const TimelineView = (props: {
  items: TimelineItem[];
  ticket: Ticket;
  dir: Directory;
  /** The signed-in user: their own overwritten edits read "Your change…". */
  userId: string;
}) => {
  const now = useNow(30_000);
  const { dir } = props;
  return (
    <Stack gap={6} component="ol" aria-label="Timeline" p={0} m={0} style={{ listStyle: 'none' }}>
      {props.items.map((item) => (
        <Box component="li" key={item.key}>
          {item.kind === 'comment' ? (
            <Paper
              withBorder
              radius="md"
              p="sm"
              my={4}
              bg={item.comment.visibility === 'internal' ? 'yellow.0' : undefined}
              style={
                item.comment.visibility === 'internal'
                  ? { borderColor: 'var(--mantine-color-yellow-4)' }
                  : undefined
              }
              data-testid={`comment-${item.comment.visibility}`}
            >
              <Group justify="space-between" mb={6} wrap="nowrap">
                <Group gap={8} wrap="nowrap">
                  <Avatar size={26} radius="xl" color="accent">
                    {initials(dir.userName(item.by))}
                  </Avatar>
                  <Text size="sm" fw={600}>
                    {dir.userName(item.by)}
                  </Text>
                  {item.comment.visibility === 'internal' ? (
                    <Badge
                      size="xs"
                      // A bright yellow carries dark text; the theme's filled yellow is darkened for white.
                      color="yellow.4"
                      variant="filled"
                      tt="none"
                      style={{ '--badge-color': 'var(--mantine-color-dark-8)' }}
                    >
                      Internal note
                    </Badge>
                  ) : item.by === props.ticket.requesterId ? (
                    <Badge size="xs" color="gray" variant="light" tt="none">
                      Requester
                    </Badge>
                  ) : null}
                  <When at={item.at} now={now} />
                </Group>
                {item.pending ? <NotSynced what="This comment" /> : null}
              </Group>
              <Markdown text={item.comment.body} />
            </Paper>
          ) : item.kind === 'worklog' ? (
            <ActivityLine
              icon={<IconClock />}
              at={item.at}
              now={now}
              pending={item.pending}
              testId="timeline-worklog"
            >
              <b>{dir.userName(item.by)}</b> logged <b>{formatMinutes(item.worklog.minutes)}</b> of
              work on {item.worklog.workDate}
              {item.worklog.note ? `: ${item.worklog.note}` : ''}
            </ActivityLine>
          ) : item.kind === 'attachment' ? (
            <ActivityLine
              icon={<IconClip />}
              at={item.at}
              now={now}
              pending={item.pending}
              testId="timeline-attachment"
            >
              <b>{dir.userName(item.by)}</b> attached {item.attachment.name} (
              {formatBytes(item.attachment.size)})
            </ActivityLine>
          ) : item.kind === 'overwritten' ? (
            <OverwrittenLine item={item} dir={dir} now={now} userId={props.userId} />
          ) : (
            <EventLine item={item} ticket={props.ticket} dir={dir} now={now} />
          )}
        </Box>
      ))}
    </Stack>
  );
};
