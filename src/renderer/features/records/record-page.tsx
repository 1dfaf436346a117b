import { Alert, Anchor, Badge, EmptyState, Group, Paper, Text } from '@mantine/core';
import type { ComponentType } from 'react';
import { hasRole } from '../../../shared/domain/accounts';
import { hrefFor } from '../../app/router';
import { useCurrentUser } from '../../session/session-store';
import type { IconProps } from '../../ui/icons';
import { Page } from '../../ui/page';
import { useMyQueues } from './use-my-queues';

export interface RecordPageSpec {
  title: string;
  description: string;
  emptyTitle: string;
  emptyText: string;
  icon: ComponentType<IconProps>;
  /** Whether what appears here depends on the user's queue memberships. */
  queueScoped: boolean;
}

/**
 * A record section before its workspace exists: says plainly that nothing
 * is here yet and what will appear, and why the user may see nothing even
 * later (no queue membership).
 */
export const RecordPage = ({ spec }: { spec: RecordPageSpec }) => {
  const user = useCurrentUser();
  const isAdmin = hasRole(user, 'admin');
  const myQueues = useMyQueues(user.queueIds);
  const Icon = spec.icon;
  return (
    <Page title={spec.title} description={spec.description}>
      {spec.queueScoped && myQueues && myQueues.length > 0 ? (
        <Group gap={6} data-testid="my-queues">
          <Text size="sm" c="dimmed">
            Your queues:
          </Text>
          {myQueues.map((q) => (
            <Badge key={q.id} variant="light" color="gray" tt="none" fw={500}>
              {q.name}
            </Badge>
          ))}
        </Group>
      ) : null}
      {spec.queueScoped && user.queueIds.length === 0 ? (
        <Alert variant="light" color="yellow" title="You are not in any queue yet">
          {isAdmin ? (
            <Text size="sm">
              Records reach people through their queues. Create a queue under{' '}
              <Anchor href={hrefFor('/admin/queues')}>Admin › Queues</Anchor> and add people to it
              under <Anchor href={hrefFor('/admin/users')}>Admin › Users</Anchor>.
            </Text>
          ) : (
            <Text size="sm">
              Records reach you through the queues you belong to. Ask an administrator to add you to
              your team&apos;s queue.
            </Text>
          )}
        </Alert>
      ) : null}
      <Paper withBorder radius="md" py={56} px="xl">
        <EmptyState
          icon={<Icon size={28} />}
          title={spec.emptyTitle}
          description={spec.emptyText}
          maw={520}
          mx="auto"
        />
      </Paper>
    </Page>
  );
};
