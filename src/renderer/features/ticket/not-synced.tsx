import { Badge, Tooltip } from '@mantine/core';
import { IconSyncPending } from './ticket-icons';

/** The per-change marker: this edit is saved here but the hub has not confirmed it yet. */
export const NotSynced = ({ what = 'This change' }: { what?: string }) => (
  <Tooltip
    label={`${what} is saved on this device and will be sent to the hub when it is reachable.`}
    multiline
    w={260}
  >
    <Badge
      size="xs"
      variant="outline"
      color="orange"
      radius="sm"
      tt="none"
      leftSection={<IconSyncPending size={11} />}
      data-testid="not-synced"
      tabIndex={0}
    >
      Not synced yet
    </Badge>
  </Tooltip>
);
