import { Group, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { CALENDAR_24X7_ID } from '../../../shared/domain/calendar';
import { pausingHoldReasons } from '../../../shared/domain/settings';
import { computeSla, type SlaTargetStatus } from '../../../shared/domain/sla-clock';
import { holdReasonLabels } from '../../../shared/domain/states';
import type { Ticket } from '../../../shared/domain/ticket';
import { SlaBadge } from '../../ui/ticket-badges';
import { formatDuration } from '../../ui/time-format';
import { useNow } from '../../ui/use-now';
import { formatDateTime } from './format';
import type { Directory } from './use-ticket-data';

const barColor: Record<string, string> = {
  within: 'teal',
  warning: 'orange',
  breached: 'red',
  paused: 'gray',
  met: 'teal',
};

/**
 * Business time in hours: a "day" of a business calendar is 8 working hours,
 * so "1d" for 24 business hours would read as one calendar day.
 */
const hoursOf = (ms: number): string => {
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  return h ? (m ? `${h}h ${m}m` : `${h}h`) : `${m}m`;
};

/**
 * The right-hand line under a clock: when it was met, why it is paused, or
 * when it is due. The badge above already counts down, so a running clock
 * says the due time here rather than the same count again.
 */
const whenLine = (s: SlaTargetStatus, remaining: number, pausedWhy: string | null): string => {
  if (s.completed) {
    return `${s.made ? 'Met' : 'Missed'} ${s.completedAt ? formatDateTime(s.completedAt) : ''}`;
  }
  if (s.paused) {
    return `Paused${pausedWhy ? `: ${pausedWhy}` : ''} · ${formatDuration(s.remainingMs)} left`;
  }
  if (s.dueAt === null) return `${formatDuration(remaining)} left`;
  return `${remaining >= 0 ? 'Due' : 'Was due'} ${formatDateTime(s.dueAt)}`;
};

const Clock = (props: {
  name: string;
  status: SlaTargetStatus;
  now: number;
  pausedWhy: string | null;
  business: boolean;
}) => {
  const span = props.business ? hoursOf : formatDuration;
  const s = props.status;
  const remaining = s.dueAt !== null ? s.dueAt - props.now : s.remainingMs;
  return (
    <Stack gap={4} data-testid={`sla-${props.name.toLowerCase()}`}>
      <Group justify="space-between">
        <Text size="sm" fw={600}>
          {props.name}
        </Text>
        <SlaBadge state={s.state} dueAt={s.dueAt} now={props.now} label={`${props.name} due`} />
      </Group>
      <Progress
        value={Math.min(100, s.fraction * 100)}
        color={barColor[s.state] ?? 'gray'}
        size="sm"
        aria-label={`${props.name}: ${Math.round(s.fraction * 100)}% of the target used`}
      />
      <Group justify="space-between" gap="xs">
        <Text size="xs" c="dimmed">
          Target {span(s.targetMs)}
          {props.business ? ' business' : ''} · used {span(s.elapsedMs)}
        </Text>
        <Text size="xs" c="dimmed">
          {whenLine(s, remaining, props.pausedWhy)}
        </Text>
      </Group>
    </Stack>
  );
};

/**
 * Response and resolution clocks, computed here from the ticket's history
 * with the same pure function the hub uses, so offline they still tick and
 * agree with the hub afterwards.
 */
export const SlaPanel = ({ ticket, dir }: { ticket: Ticket; dir: Directory }) => {
  const tick = useNow(10_000);
  // The clock ticks every few seconds; an edit made since must still count.
  const now = Math.max(tick, ...ticket.events.map((e) => e.at));
  const r = computeSla(ticket.events, now, dir.calendars, dir.slas, {
    ticketType: ticket.type,
    pausingHoldReasons: pausingHoldReasons(dir.settings),
  });
  const pausedWhy = ticket.holdReason ? holdReasonLabels[ticket.holdReason] : null;
  return (
    <Paper withBorder radius="md" p="md" data-testid="sla-panel">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} fz="sm" fw={600}>
            Service level
          </Title>
          {r.ok && r.clock.definition ? (
            <Text size="xs" c="dimmed">
              {r.clock.definition.name} · {r.clock.calendar.name}
            </Text>
          ) : null}
        </Group>
        {!r.ok ? (
          <Text size="sm" c="red.8">
            The SLA clock cannot be computed: {r.error.message}
          </Text>
        ) : !r.clock.response || !r.clock.resolution ? (
          <Text size="sm" c="dimmed">
            No SLA applies to this {ticket.type === 'request' ? 'request' : ticket.type} at its
            current priority.
          </Text>
        ) : (
          <>
            <Clock
              name="Response"
              status={r.clock.response}
              now={now}
              pausedWhy={pausedWhy}
              business={r.clock.calendar.id !== CALENDAR_24X7_ID}
            />
            <Clock
              name="Resolution"
              status={r.clock.resolution}
              now={now}
              pausedWhy={pausedWhy}
              business={r.clock.calendar.id !== CALENDAR_24X7_ID}
            />
          </>
        )}
      </Stack>
    </Paper>
  );
};
