import {
  Badge,
  Tooltip,
  useMantineTheme,
  type MantineColor,
  type MantineTheme,
} from '@mantine/core';
import type { CSSProperties, HTMLAttributes, Ref } from 'react';
import { priorityLabel, type Priority } from '../../shared/domain/priority';
import { stateLabel } from '../../shared/domain/states';
import { formatDuration } from './time-format';

/**
 * The small labels every ticket list and view shares, so "P1", "On Hold"
 * and an SLA clock look the same everywhere. Colour is never the only
 * signal: each badge carries its text.
 *
 * They are Mantine Badges drawn without the Badge component: the same
 * classes and CSS variables (resolved once per colour and variant), but no
 * hooks per badge. A queue grid shows three per row and renders dozens of
 * rows per scroll frame; the full component (props, styles API, vars
 * resolver) was most of a row's render time.
 */
type BadgeVariant = 'filled' | 'light';

interface BadgeLook {
  color: MantineColor;
  variant: BadgeVariant;
  autoContrast?: boolean;
}

const resolved = new WeakMap<MantineTheme, Map<string, CSSProperties>>();

/** Badge's CSS variables for a colour and variant, as Mantine's vars resolver sets them (size md, radius sm). */
const badgeVars = (theme: MantineTheme, look: BadgeLook): CSSProperties => {
  let cache = resolved.get(theme);
  if (!cache) resolved.set(theme, (cache = new Map()));
  const key = `${look.color}|${look.variant}|${look.autoContrast === true}`;
  let vars = cache.get(key);
  if (!vars) {
    const c = theme.variantColorResolver({
      color: look.color,
      theme,
      variant: look.variant,
      autoContrast: look.autoContrast,
    });
    vars = {
      '--badge-bg': c.background,
      '--badge-color': c.color,
      '--badge-bd': c.border,
      '--badge-radius': 'var(--mantine-radius-sm)',
      textTransform: 'none',
    } as CSSProperties;
    cache.set(key, vars);
  }
  return vars;
};

export type TicketBadgeProps = BadgeLook &
  Omit<HTMLAttributes<HTMLSpanElement>, 'color'> & { ref?: Ref<HTMLSpanElement> };

/** A Mantine Badge (class names, data-variant, CSS variables) as two plain spans. */
export const TicketBadge = ({
  color,
  variant,
  autoContrast,
  style,
  className,
  children,
  ...rest
}: TicketBadgeProps) => {
  const theme = useMantineTheme();
  return (
    <span
      {...rest}
      className={`mantine-Badge-root ${Badge.classes.root}${className ? ` ${className}` : ''}`}
      data-variant={variant}
      style={
        style
          ? { ...badgeVars(theme, { color, variant, autoContrast }), ...style }
          : badgeVars(theme, { color, variant, autoContrast })
      }
    >
      <span className={`mantine-Badge-label ${Badge.classes.label}`}>{children}</span>
    </span>
  );
};
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
  <TicketBadge
    color={priorityColors[priority]}
    variant={priority <= 2 ? 'filled' : 'light'}
    autoContrast={priority <= 2}
    // Light yellow/blue text on its own tint fails WCAG contrast: darkest shade.
    style={
      priority <= 2
        ? undefined
        : // Even yellow-9 is 2.7:1 on the yellow tint: near-black text there.
          ({
            '--badge-color':
              priority === 3
                ? 'var(--mantine-color-dark-7)'
                : `var(--mantine-color-${priorityColors[priority]}-9)`,
          } as CSSProperties)
    }
  >
    {priorityLabel(priority)}
  </TicketBadge>
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
  <TicketBadge color={stateColors[state] ?? 'gray'} variant="light">
    {stateLabel(state)}
  </TicketBadge>
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
 * The due time shows in a tooltip; with `tip="attribute"` it is only set as
 * `data-tip` and `data-tip-at`, for a list that shows one shared tooltip (the queue grid)
 * instead of mounting one per row.
 */
export const SlaBadge = (props: {
  state: SlaDisplayState;
  dueAt: number | null;
  now: number;
  label?: string;
  tip?: 'tooltip' | 'attribute';
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
  const label = props.label ?? 'Due';
  const asAttribute = props.tip === 'attribute' && dueAt !== null;
  const badge = (
    <TicketBadge
      color={slaColors[shown]}
      variant={shown === 'breached' ? 'filled' : 'light'}
      style={
        shown === 'breached'
          ? undefined
          : // teal-9 on the teal tint is 4.3:1; the tint carries the colour, the text stays dark.
            ({ '--badge-color': 'var(--mantine-color-dark-7)' } as CSSProperties)
      }
      data-tip={asAttribute ? label : undefined}
      data-tip-at={asAttribute ? dueAt : undefined}
    >
      {text}
    </TicketBadge>
  );
  return dueAt !== null && !asAttribute ? (
    <Tooltip label={`${label} ${new Date(dueAt).toLocaleString()}`}>{badge}</Tooltip>
  ) : (
    badge
  );
};
