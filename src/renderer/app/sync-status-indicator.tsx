import { Box, Group, Popover, Stack, Text, UnstyledButton } from '@mantine/core';
import { useSyncStatus, type SyncStatus } from '../sync/status-store';

const looks: Record<SyncStatus['connection'], { label: string; color: string }> = {
  online: { label: 'Connected', color: 'teal' },
  syncing: { label: 'Syncing', color: 'accent' },
  offline: { label: 'Offline', color: 'orange' },
  error: { label: 'Sync problem', color: 'red' },
};

const timeFormat = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'medium',
  timeStyle: 'short',
});

/** One line for the pill: state plus how much local work is waiting. */
export const statusLabel = (s: Pick<SyncStatus, 'connection' | 'pending'>): string => {
  const base = looks[s.connection].label;
  return s.pending > 0 ? `${base} · ${s.pending} pending` : base;
};

const explanation = (s: SyncStatus): string => {
  switch (s.connection) {
    case 'online':
      return 'The hub is reachable. Changes you make are shared with your team as you work.';
    case 'syncing':
      return 'Exchanging changes with the hub.';
    case 'offline':
      return 'The hub cannot be reached. Keep working: changes are kept on this device and sent when the connection returns.';
    case 'error':
      return s.error ?? 'The last sync failed. Outpost will retry.';
  }
};

/** The connection/sync pill in the top bar, with details on click. */
export const SyncStatusIndicator = ({ hubOrigin }: { hubOrigin: string | null }) => {
  const status = useSyncStatus();
  const look = looks[status.connection];
  return (
    <Popover width={300} position="bottom-end" shadow="md" withArrow>
      <Popover.Target>
        <UnstyledButton
          aria-label={`Connection: ${statusLabel(status)}. Show details`}
          data-testid="sync-status"
          data-connection={status.connection}
          px="sm"
          py={6}
          style={{
            borderRadius: 999,
            border: '1px solid var(--mantine-color-gray-3)',
            background: 'var(--mantine-color-white)',
          }}
        >
          <Group gap={8} wrap="nowrap">
            <Box
              w={8}
              h={8}
              style={{ borderRadius: 999, background: `var(--mantine-color-${look.color}-6)` }}
            />
            <Text size="sm" fw={500}>
              {statusLabel(status)}
            </Text>
          </Group>
        </UnstyledButton>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap={6}>
          <Text fw={600} size="sm">
            {look.label}
          </Text>
          <Text size="sm">{explanation(status)}</Text>
          <Text size="xs" c="dimmed">
            {status.pending === 0
              ? 'No local changes waiting.'
              : `${status.pending} local change${status.pending === 1 ? '' : 's'} waiting to be sent.`}
          </Text>
          <Text size="xs" c="dimmed">
            Last synced:{' '}
            {status.lastSyncedAt === null ? 'not yet' : timeFormat.format(status.lastSyncedAt)}
          </Text>
          {hubOrigin ? (
            <Text size="xs" c="dimmed">
              Hub: {hubOrigin}
            </Text>
          ) : null}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
};
