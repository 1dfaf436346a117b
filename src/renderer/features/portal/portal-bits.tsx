import { Badge, Tooltip, type MantineColor } from '@mantine/core';
import { IconCloudOff } from '../../ui/icons';
import { plainState, type PortalTicket, type Tone } from './portal-words';

/*
 * Small pieces the portal's pages share. Every badge carries its words;
 * colour only repeats them. Text colours are the darkest shade of each
 * tint (or near-black) for WCAG AA contrast on the light background.
 */
const toneColors: Record<Tone, MantineColor> = {
  waiting: 'blue',
  working: 'accent',
  you: 'orange',
  done: 'teal',
  stopped: 'gray',
};

export const PlainStateBadge = ({
  ticket,
  size = 'md',
}: {
  ticket: PortalTicket;
  size?: 'sm' | 'md' | 'lg';
}) => {
  const s = plainState(ticket);
  const color = toneColors[s.tone];
  return (
    <Badge
      color={color}
      variant={s.tone === 'you' ? 'filled' : 'light'}
      autoContrast={s.tone === 'you'}
      size={size}
      radius="sm"
      tt="none"
      data-testid="portal-state"
      data-tone={s.tone}
      style={
        s.tone === 'you'
          ? {
              '--badge-bg': 'var(--mantine-color-orange-6)',
              '--badge-color': 'var(--mantine-color-dark-9)',
            }
          : { '--badge-color': `var(--mantine-color-${color}-9)` }
      }
    >
      {s.label}
    </Badge>
  );
};

/** This change exists only on this device so far: said plainly, with what happens next. */
export const UnsentBadge = ({ what = 'This' }: { what?: string }) => (
  <Tooltip
    label={`${what} is saved on this device and will be sent to the service desk as soon as you are connected.`}
    multiline
    w={260}
  >
    <Badge
      size="sm"
      variant="outline"
      color="orange.9"
      radius="sm"
      tt="none"
      leftSection={<IconCloudOff size={12} />}
      data-testid="portal-unsent"
      tabIndex={0}
    >
      Not sent yet
    </Badge>
  </Tooltip>
);
