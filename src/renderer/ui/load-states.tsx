import { Alert, Button, Group, Skeleton, Stack, Text } from '@mantine/core';
import { describeApiError, type ApiError } from '../api/errors';
import { IconAlert, IconRefresh } from './icons';

export const TableSkeleton = ({ rows = 5 }: { rows?: number }) => (
  <Stack gap="xs" p="md" aria-busy="true" aria-label="Loading">
    {Array.from({ length: rows }, (_, i) => (
      <Skeleton key={i} height={28} radius="sm" />
    ))}
  </Stack>
);

/** A failed load: what went wrong, in the hub's words, and a way to retry. */
export const LoadError = ({ error, onRetry }: { error: ApiError; onRetry: () => void }) => (
  <Alert
    variant="light"
    color={error.kind === 'unreachable' ? 'orange' : 'red'}
    icon={<IconAlert size={18} />}
    title={error.kind === 'unreachable' ? 'The hub is not reachable' : 'Could not load this page'}
    role="alert"
  >
    <Stack gap="sm">
      <Text size="sm">
        {describeApiError(error)}
        {error.kind === 'unreachable'
          ? ' Administration changes accounts on the hub, so it needs a connection.'
          : ''}
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
);
