import {
  ActionIcon,
  Badge,
  Button,
  EmptyState,
  Group,
  Menu,
  Paper,
  Switch,
  Table,
  Text,
  VisuallyHidden,
} from '@mantine/core';
import { useState } from 'react';
import type { Queue, User } from '../../../shared/domain/accounts';
import { notifySuccess } from '../../ui/notify';
import { useServices } from '../../app/services';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { IconDots, IconPlus, IconQueues } from '../../ui/icons';
import { LoadError, TableSkeleton } from '../../ui/load-states';
import { Page } from '../../ui/page';
import { useAdminView } from './admin-view-store';
import { QueueDialog } from './queue-dialog';
import { useDirectory } from './use-directory';

type Dialog =
  { kind: 'create' } | { kind: 'edit'; queue: Queue } | { kind: 'toggle'; queue: Queue };

export const memberCount = (queue: Queue, users: User[]): number =>
  users.filter((u) => !u.disabled && u.queueIds.includes(queue.id)).length;

const QueueRow = (props: { queue: Queue; members: number; open: (d: Dialog) => void }) => {
  const { queue } = props;
  return (
    <Table.Tr data-testid={`queue-row-${queue.name}`} c={queue.disabled ? 'dimmed' : undefined}>
      <Table.Td>
        <Text size="sm" fw={500}>
          {queue.name}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" c={queue.description ? undefined : 'dimmed'} lineClamp={2}>
          {queue.description || 'No description'}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">
          {props.members === 0
            ? 'No members'
            : `${props.members} member${props.members === 1 ? '' : 's'}`}
        </Text>
      </Table.Td>
      <Table.Td>
        <Badge size="sm" variant="dot" color={queue.disabled ? 'gray' : 'teal'}>
          {queue.disabled ? 'Disabled' : 'Active'}
        </Badge>
      </Table.Td>
      <Table.Td ta="right">
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label={`Actions for queue ${queue.name}`}
            >
              <IconDots size={18} />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item onClick={() => props.open({ kind: 'edit', queue })}>
              Rename or describe
            </Menu.Item>
            <Menu.Divider />
            <Menu.Item
              color={queue.disabled ? undefined : 'red'}
              onClick={() => props.open({ kind: 'toggle', queue })}
            >
              {queue.disabled ? 'Enable' : 'Disable'}
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      </Table.Td>
    </Table.Tr>
  );
};

export const QueuesPage = () => {
  const { accounts } = useServices();
  const { state, reload, putQueue } = useDirectory();
  const view = useAdminView();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const close = () => setDialog(null);
  const saved = (queue: Queue) => {
    putQueue(queue);
    close();
  };

  const users = state.status === 'ready' ? state.data.users : [];
  const all = state.status === 'ready' ? state.data.queues : [];
  const queues = all.filter((q) => view.showDisabledQueues || !q.disabled);

  return (
    <Page
      title="Queues"
      description="Assignment groups. Tickets belong to one queue; agents see the queues they are members of."
      actions={
        <Button
          leftSection={<IconPlus size={16} />}
          onClick={() => setDialog({ kind: 'create' })}
          disabled={state.status !== 'ready'}
        >
          New queue
        </Button>
      }
    >
      {state.status === 'error' ? <LoadError error={state.error} onRetry={reload} /> : null}
      {all.length > 0 ? (
        <Group justify="flex-end">
          <Switch
            label="Show disabled queues"
            checked={view.showDisabledQueues}
            onChange={(e) => view.setShowDisabledQueues(e.currentTarget.checked)}
          />
        </Group>
      ) : null}
      <Paper withBorder radius="md">
        {state.status === 'loading' ? <TableSkeleton rows={3} /> : null}
        {state.status === 'ready' && queues.length === 0 ? (
          <EmptyState
            py={48}
            icon={<IconQueues size={28} />}
            title={all.length === 0 ? 'No queues yet' : 'No active queues'}
            description={
              all.length === 0
                ? 'Create a queue for each team that works tickets, e.g. Service Desk or Network, then add agents to it under Users.'
                : 'Every queue is disabled. Show disabled queues to enable one.'
            }
          >
            {all.length === 0 ? (
              <Button
                mt="md"
                leftSection={<IconPlus size={16} />}
                onClick={() => setDialog({ kind: 'create' })}
              >
                Create the first queue
              </Button>
            ) : null}
          </EmptyState>
        ) : null}
        {state.status === 'ready' && queues.length > 0 ? (
          <Table.ScrollContainer minWidth={640} type="native">
            <Table className="outpost-table" aria-label="Queues">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Description</Table.Th>
                  <Table.Th>Members</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th w={48}>
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {queues.map((q) => (
                  <QueueRow key={q.id} queue={q} members={memberCount(q, users)} open={setDialog} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ) : null}
      </Paper>

      {dialog?.kind === 'create' ? <QueueDialog onClose={close} onSaved={saved} /> : null}
      {dialog?.kind === 'edit' ? (
        <QueueDialog queue={dialog.queue} onClose={close} onSaved={saved} />
      ) : null}
      {dialog?.kind === 'toggle' ? (
        <ConfirmDialog
          opened
          title={`${dialog.queue.disabled ? 'Enable' : 'Disable'} queue ${dialog.queue.name}?`}
          body={
            dialog.queue.disabled
              ? 'The queue can receive new tickets again.'
              : 'A disabled queue keeps its tickets and members but is no longer offered for new assignments. You can enable it again later.'
          }
          confirmLabel={dialog.queue.disabled ? 'Enable' : 'Disable'}
          danger={!dialog.queue.disabled}
          onConfirm={() =>
            accounts.updateQueue(dialog.queue.id, { disabled: !dialog.queue.disabled })
          }
          onDone={(queue) => {
            putQueue(queue);
            notifySuccess(`Queue ${queue.name} is ${queue.disabled ? 'disabled' : 'enabled'}.`);
          }}
          onClose={close}
        />
      ) : null}
    </Page>
  );
};
