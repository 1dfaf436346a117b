import { Tooltip, useMantineTheme, type MantineColor, type MantineTheme } from '@mantine/core';
import type { HTMLAttributes, Ref } from 'react';
import { priorityLabel, type Priority } from '../../shared/domain/priority';
import { stateLabel } from '../../shared/domain/states';
import { formatDuration } from './time-format';
import './ticket-badges.css';

/**
 * The small labels every ticket list and view shares, so "P1", "On Hold"
 * and an SLA clock look the same everywhere. Colour is never the only
 * signal: each badge carries its text.
 *
 * They look like Mantine Badges (size md, radius sm) but are one plain span
 * each: no component and no hooks per badge, the shape from one class
 * (ticket-badges.css) and the colours from one class per look (colour,
 * variant, text colour), made from Mantine's variant resolver. A queue grid
 * shows three per row and renders dozens of rows per scroll frame. The full
 * component was most of a row's render time; and badges that defined CSS
 * variables of their own (Mantine's Badge class sets some 25, the colours
 * came inline) made Chromium resolve each badge's style from scratch: a fast
 * scroll spent 5.8 ms a frame on style, 1.4 ms without the inline ones
 * (Chromium trace, queues bench).
 */
type BadgeVariant = 'filled' | 'light';

interface BadgeLook {
  color: MantineColor;
  variant: BadgeVariant;
  autoContrast?: boolean;
  /** Text colour over the variant's own, as a theme colour with its shade ('dark.7'). */
  ink?: MantineColor;
}

const themeVar = (color: MantineColor) => `var(--mantine-color-${color.replace('.', '-')})`;

/** The class of a look: letters, digits and dashes only ('red.9' → 'red-9'). */
export const lookClass = (look: BadgeLook): string =>
  `tb-${look.variant}-${look.color.replace('.', '-')}${look.autoContrast === true ? '-ac' : ''}${
    look.ink ? `-ink-${look.ink.replace('.', '-')}` : ''
  }`;

/** The rule of a look: the colours Mantine's variant resolver gives a Badge. */
export const lookRule = (theme: MantineTheme, look: BadgeLook): string => {
  const c = theme.variantColorResolver({
    color: look.color,
    theme,
    variant: look.variant,
    autoContrast: look.autoContrast,
  });
  const ink = look.ink ? themeVar(look.ink) : c.color;
  // Two classes: outranks any one-class rule, whatever order the sheets load in.
  return `.tb.${lookClass(look)}{background:${c.background};color:${ink};border:${c.border}}`;
};

/**
 * One style element per document holds the looks rendered so far, each
 * added the first time a badge shows it (a few dozen in all). A new theme
 * object re-checks each look once as it is next drawn and rewrites the
 * sheet only if its rule changed.
 */
let sheet: {
  el: HTMLStyleElement;
  theme: MantineTheme;
  /** Looks checked against `theme`. */
  checked: Set<string>;
  rules: Map<string, string>;
} | null = null;

const installLook = (theme: MantineTheme, look: BadgeLook): string => {
  const name = lookClass(look);
  if (typeof document === 'undefined') return name;
  if (!sheet || !sheet.el.isConnected) {
    const el = document.head.appendChild(document.createElement('style'));
    el.setAttribute('data-outpost-badges', '');
    sheet = { el, theme, checked: new Set(), rules: new Map() };
  }
  if (sheet.theme !== theme) sheet = { ...sheet, theme, checked: new Set() };
  if (!sheet.checked.has(name)) {
    sheet.checked.add(name);
    const rule = lookRule(theme, look);
    if (sheet.rules.get(name) !== rule) {
      sheet.rules.set(name, rule);
      sheet.el.textContent = [...sheet.rules.values()].join('\n');
    }
  }
  return name;
};

export type TicketBadgeProps = BadgeLook &
  Omit<HTMLAttributes<HTMLSpanElement>, 'color'> & { ref?: Ref<HTMLSpanElement> };

/** A Mantine Badge (size md, radius sm) as one plain span: ticket-badges.css and its look's class. */
export const TicketBadge = ({
  color,
  variant,
  autoContrast,
  ink,
  className,
  children,
  ...rest
}: TicketBadgeProps) => {
  const theme = useMantineTheme();
  const look = installLook(theme, { color, variant, autoContrast, ink });
  return (
    <span
      {...rest}
      className={`tb ${look}${className ? ` ${className}` : ''}`}
      data-variant={variant}
    >
      {children}
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
    // Light yellow/blue text on its own tint fails WCAG contrast: darkest
    // shade; even yellow-9 is 2.7:1 on the yellow tint: near-black text there.
    ink={priority <= 2 ? undefined : priority === 3 ? 'dark.7' : `${priorityColors[priority]}.9`}
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
  // White on red-6 is 3.8:1, below AA for this small text: the darkest red, as P1.
  breached: 'red.9',
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
      // teal-9 on the teal tint is 4.3:1; the tint carries the colour, the text stays dark.
      ink={shown === 'breached' ? undefined : 'dark.7'}
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
