import { Badge, Tooltip, type MantineColor } from '@mantine/core';
import { priorityLabel, type Priority } from '../../shared/domain/priority';
import { stateLabel } from '../../shared/domain/states';
import { formatDuration } from './time-format';

/**
 * The small labels every ticket list and view shares, so "P1", "On Hold"
 * and an SLA clock look the same everywhere. Colour is never the only
 * signal: each badge carries its text.
 */
// Filled P1/P2 keep AA contrast too: white on the darkest red, dark text on
// orange (white on Mantine's orange is about 3:1).
const priorityColors: Record<Priority, MantineColor> = {
  1: 'red.9',
  2: 'orange.6',
  3: 'yellow',
  4: 'blue',
  5: 'gray',
};

export const PriorityBadge = ({ priority }: { priority: Priority }) => (
  <Badge
    color={priorityColors[priority]}
    variant={priority <= 2 ? 'filled' : 'light'}
    autoContrast={priority <= 2}
    // Light yellow/blue text on its own tint fails WCAG contrast: darkest shade.
    style={
      priority <= 2
        ? undefined
        : // Even yellow-9 is 2.7:1 on the yellow tint: near-black text there.
          {
            '--badge-color':
              priority === 3
                ? 'var(--mantine-color-dark-7)'
                : `var(--mantine-color-${priorityColors[priority]}-9)`,
          }
    }
    radius="sm"
    tt="none"
  >
    {priorityLabel(priority)}
  </Badge>
);

const stateColors: Record<string, MantineColor> = {
  new: 'blue',
  in_progress: 'accent',
  on_hold: 'gray',
  approval: 'grape',
  resolved: 'teal',
  fulfilled: 'teal',
  closed: 'dark',
  cancelled: 'dark',
  rejected: 'dark',
  known_error: 'orange',
};

export const StateBadge = ({ state }: { state: string }) => (
  <Badge color={stateColors[state] ?? 'gray'} variant="light" radius="sm" tt="none">
    {stateLabel(state)}
  </Badge>
);

export type SlaDisplayState = 'within' | 'warning' | 'breached' | 'paused' | 'met' | 'none';

const slaColors: Record<SlaDisplayState, MantineColor> = {
  within: 'teal',
  warning: 'orange',
  breached: 'red',
  paused: 'gray',
  met: 'teal',
  none: 'gray',
};

/**
 * An SLA clock as a countdown ("2h 10m left", "overdue 35m"). `now` comes
 * from useNow() so a list of these ticks together once a second or minute.
 */
export const SlaBadge = (props: {
  state: SlaDisplayState;
  dueAt: number | null;
  now: number;
  label?: string;
}) => {
  const { state, dueAt, now } = props;
  let text: string;
  if (state === 'paused') text = 'Paused';
  else if (state === 'met') text = 'Met';
  else if (state === 'none' || dueAt === null) text = '—';
  else if (dueAt >= now) text = `${formatDuration(dueAt - now)} left`;
  else text = `Overdue ${formatDuration(now - dueAt)}`;
  const shown: SlaDisplayState =
    state === 'within' && dueAt !== null && dueAt < now ? 'breached' : state;
  const badge = (
    <Badge
      color={slaColors[shown]}
      variant={shown === 'breached' ? 'filled' : 'light'}
      style={
        shown === 'breached'
          ? undefined
          : // teal-9 on the teal tint is 4.3:1; the tint carries the colour, the text stays dark.
            { '--badge-color': 'var(--mantine-color-dark-7)' }
      }
      radius="sm"
      tt="none"
    >
      {text}
    </Badge>
  );
  return dueAt !== null ? (
    <Tooltip label={`${props.label ?? 'Due'} ${new Date(dueAt).toLocaleString()}`}>{badge}</Tooltip>
  ) : (
    badge
  );
};
