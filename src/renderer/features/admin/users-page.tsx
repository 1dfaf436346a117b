import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Menu,
  Paper,
  Switch,
  Table,
  Text,
  TextInput,
  EmptyState,
  VisuallyHidden,
} from '@mantine/core';
import { useState } from 'react';
import type { Queue, User } from '../../../shared/domain/accounts';
import { roleLabels } from '../../app/user-menu';
import { notifySuccess } from '../../ui/notify';
import { useServices } from '../../app/services';
import { useCurrentUser } from '../../session/session-store';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { IconDots, IconPlus, IconUsers } from '../../ui/icons';
import { LoadError, TableSkeleton } from '../../ui/load-states';
import { Page } from '../../ui/page';
import { useAdminView } from './admin-view-store';
import { CreateUserDialog, EditUserDialog, ResetPasswordDialog } from './user-dialogs';
import { useDirectory } from './use-directory';

type Dialog =
  | { kind: 'create' }
  | { kind: 'edit'; user: User }
  | { kind: 'password'; user: User }
  | { kind: 'toggle'; user: User };

export const matchesUserFilter = (user: User, filter: string): boolean => {
  const f = filter.trim().toLowerCase();
  if (f === '') return true;
  return [user.displayName, user.username, user.email ?? ''].some((s) =>
    s.toLowerCase().includes(f),
  );
};

const QueueNames = ({ ids, queues }: { ids: string[]; queues: Queue[] }) => {
  if (ids.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        None
      </Text>
    );
  }
  const names = ids.map((id) => queues.find((q) => q.id === id)?.name ?? 'Unknown queue');
  return <Text size="sm">{names.join(', ')}</Text>;
};

const UserRow = (props: {
  user: User;
  queues: Queue[];
  isSelf: boolean;
  open: (d: Dialog) => void;
}) => {
  const { user } = props;
  return (
    <Table.Tr data-testid={`user-row-${user.username}`} c={user.disabled ? 'dimmed' : undefined}>
      <Table.Td>
        <Text size="sm" fw={500}>
          {user.displayName}
          {props.isSelf ? (
            <Text span size="xs" c="dimmed">
              {' '}
              (you)
            </Text>
          ) : null}
        </Text>
        {user.email ? (
          <Text size="xs" c="dimmed">
            {user.email}
          </Text>
        ) : null}
      </Table.Td>
      <Table.Td>
        <Text size="sm" ff="monospace">
          {user.username}
        </Text>
      </Table.Td>
      <Table.Td>
        <Group gap={4}>
          {user.roles.map((r) => (
            <Badge key={r} size="sm" variant="light" color={r === 'admin' ? 'grape' : 'accent'}>
              {roleLabels[r]}
            </Badge>
          ))}
        </Group>
      </Table.Td>
      <Table.Td>
        <QueueNames ids={user.queueIds} queues={props.queues} />
      </Table.Td>
      <Table.Td>
        <Badge size="sm" variant="dot" color={user.disabled ? 'gray' : 'teal'}>
          {user.disabled ? 'Disabled' : 'Active'}
        </Badge>
      </Table.Td>
      <Table.Td ta="right">
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label={`Actions for ${user.displayName}`}
            >
              <IconDots size={18} />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item onClick={() => props.open({ kind: 'edit', user })}>Edit</Menu.Item>
            <Menu.Item onClick={() => props.open({ kind: 'password', user })}>
              Reset password
            </Menu.Item>
            <Menu.Divider />
            <Menu.Item
              color={user.disabled ? undefined : 'red'}
              disabled={props.isSelf}
              onClick={() => props.open({ kind: 'toggle', user })}
            >
              {user.disabled ? 'Enable' : 'Disable'}
              {props.isSelf ? ' (not your own account)' : ''}
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      </Table.Td>
    </Table.Tr>
  );
};

export const UsersPage = () => {
  const { accounts } = useServices();
  const me = useCurrentUser();
  const { state, reload, putUser } = useDirectory();
  const view = useAdminView();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const close = () => setDialog(null);
  const saved = (user: User) => {
    putUser(user);
    close();
  };

  const queues = state.status === 'ready' ? state.data.queues : [];
  const users =
    state.status === 'ready'
      ? state.data.users.filter(
          (u) => matchesUserFilter(u, view.userFilter) && (view.showDisabledUsers || !u.disabled),
        )
      : [];

  return (
    <Page
      title="Users"
      description="Who can sign in, what they may do, and which queues they work."
      actions={
        <Button
          leftSection={<IconPlus size={16} />}
          onClick={() => setDialog({ kind: 'create' })}
          disabled={state.status !== 'ready'}
        >
          New user
        </Button>
      }
    >
      {state.status === 'error' ? <LoadError error={state.error} onRetry={reload} /> : null}
      <Group justify="space-between">
        <TextInput
          placeholder="Filter by name, username or e-mail"
          aria-label="Filter users"
          value={view.userFilter}
          onChange={(e) => view.setUserFilter(e.currentTarget.value)}
          w={320}
        />
        <Switch
          label="Show disabled users"
          checked={view.showDisabledUsers}
          onChange={(e) => view.setShowDisabledUsers(e.currentTarget.checked)}
        />
      </Group>
      <Paper withBorder radius="md">
        {state.status === 'loading' ? <TableSkeleton /> : null}
        {state.status === 'ready' && users.length === 0 ? (
          <EmptyState
            py={48}
            icon={<IconUsers size={28} />}
            title="No users match"
            description="Clear the filter or show disabled users to see everyone."
          />
        ) : null}
        {state.status === 'ready' && users.length > 0 ? (
          <Table.ScrollContainer minWidth={760} type="native">
            <Table className="outpost-table" aria-label="Users">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Username</Table.Th>
                  <Table.Th>Roles</Table.Th>
                  <Table.Th>Queues</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th w={48}>
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {users.map((u) => (
                  <UserRow
                    key={u.id}
                    user={u}
                    queues={queues}
                    isSelf={u.id === me.id}
                    open={setDialog}
                  />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ) : null}
      </Paper>

      {dialog?.kind === 'create' ? (
        <CreateUserDialog queues={queues} onClose={close} onSaved={saved} />
      ) : null}
      {dialog?.kind === 'edit' ? (
        <EditUserDialog user={dialog.user} queues={queues} onClose={close} onSaved={saved} />
      ) : null}
      {dialog?.kind === 'password' ? (
        <ResetPasswordDialog user={dialog.user} onClose={close} onSaved={saved} />
      ) : null}
      {dialog?.kind === 'toggle' ? (
        <ConfirmDialog
          opened
          title={`${dialog.user.disabled ? 'Enable' : 'Disable'} ${dialog.user.displayName}?`}
          body={
            dialog.user.disabled
              ? 'They will be able to sign in again with their current password.'
              : 'They will no longer be able to sign in. Their tickets, comments and history stay as they are.'
          }
          confirmLabel={dialog.user.disabled ? 'Enable' : 'Disable'}
          danger={!dialog.user.disabled}
          onConfirm={() => accounts.updateUser(dialog.user.id, { disabled: !dialog.user.disabled })}
          onDone={(user) => {
            putUser(user);
            notifySuccess(`${user.displayName} is ${user.disabled ? 'disabled' : 'enabled'}.`);
          }}
          onClose={close}
        />
      ) : null}
    </Page>
  );
};
