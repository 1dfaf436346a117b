import {
  Alert,
  Button,
  Center,
  Group,
  Progress,
  Skeleton,
  Stack,
  Text,
  ThemeIcon,
} from '@mantine/core';
import type { ReactNode } from 'react';
import { IconAlert, IconRefresh } from '../../ui/icons';
import { columns, ROW_HEIGHT } from './queue-grid';

/** What a queue grid shows instead of rows: reading, nothing there (and why), or a failure. */
export const GridLoading = ({ progress }: { progress: { done: number; total: number } | null }) => (
  <Stack gap={0} w="100%" aria-busy="true" aria-label="Loading tickets" data-testid="queue-loading">
    {progress && progress.total > 0 ? (
      <Stack gap={4} px="md" py="sm">
        <Text size="sm" c="dimmed">
          Reading tickets on this device… {progress.done.toLocaleString()} of{' '}
          {progress.total.toLocaleString()}
        </Text>
        <Progress value={(100 * progress.done) / progress.total} size="sm" aria-hidden="true" />
      </Stack>
    ) : null}
    {Array.from({ length: 8 }, (_, i) => (
      <Group key={i} gap={0} h={ROW_HEIGHT} wrap="nowrap" px={0} className="queue-row">
        {columns.map((c) => (
          <div key={c.key} className="queue-cell">
            <Skeleton height={14} radius="sm" width={c.key === 'title' ? '80%' : '70%'} />
          </div>
        ))}
      </Group>
    ))}
  </Stack>
);

export const GridEmpty = (props: {
  icon: ReactNode;
  title: string;
  text: ReactNode;
  action?: ReactNode;
}) => (
  <Center w="100%" h="100%" py={48} data-testid="queue-empty">
    <Stack gap="xs" align="center" maw={520} px="md">
      <ThemeIcon size={52} radius="xl" variant="light" color="gray">
        {props.icon}
      </ThemeIcon>
      <Text fw={600} size="md" ta="center" mt={4}>
        {props.title}
      </Text>
      <Text size="sm" c="dimmed" ta="center">
        {props.text}
      </Text>
      {props.action ? <div style={{ marginTop: 8 }}>{props.action}</div> : null}
    </Stack>
  </Center>
);

export const GridError = ({ message, onRetry }: { message: string; onRetry: () => void }) => (
  <Center w="100%" p="xl">
    <Alert
      variant="light"
      color="red"
      icon={<IconAlert size={18} />}
      title="Could not show this queue"
      role="alert"
      maw={560}
    >
      <Stack gap="sm">
        <Text size="sm">
          {message}. Nothing was lost: your tickets and pending changes stay on this device.
        </Text>
        <Group>
          <Button
            size="xs"
            variant="default"
            leftSection={<IconRefresh size={14} />}
            onClick={onRetry}
          >
            Try again
          </Button>
        </Group>
      </Stack>
    </Alert>
  </Center>
);
