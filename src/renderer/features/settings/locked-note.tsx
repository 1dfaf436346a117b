import { Group, Text, Tooltip } from '@mantine/core';
import { IconLock } from '../../ui/icons';

/** Marks a value the organisation's policy file sets; the reason is always readable, not only on hover. */
export const LockedNote = ({ reason }: { reason: string }) => (
  <Group gap={6} wrap="nowrap" align="flex-start" data-testid="policy-lock">
    <Tooltip label="Set by your organisation" withArrow>
      <span aria-hidden>
        <IconLock size={14} />
      </span>
    </Tooltip>
    <Text size="xs" c="dimmed">
      <Text span fw={600} size="xs">
        Locked:
      </Text>{' '}
      {reason}
    </Text>
  </Group>
);
