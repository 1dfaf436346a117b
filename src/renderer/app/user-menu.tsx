import { Avatar, Badge, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import type { Role } from '../../shared/domain/accounts';
import type { Profile } from '../session/profile-cache';
import { IconKeyboard, IconLogout, IconSettings } from '../ui/icons';
import { navigate } from './router';

export const roleLabels: Record<Role, string> = {
  requester: 'Requester',
  agent: 'Agent',
  lead: 'Lead',
  change_manager: 'Change manager',
  admin: 'Admin',
};

export const initials = (name: string): string => {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0]![0], parts[parts.length - 1]![0]] : [parts[0]?.[0]];
  return letters.join('').toUpperCase() || '?';
};

export const UserMenu = (props: {
  user: Profile;
  onShowShortcuts: () => void;
  onSignOut: () => void;
}) => {
  const { user } = props;
  return (
    <Menu position="bottom-end" width={260} shadow="md" withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label={`Account menu for ${user.displayName}`} data-testid="user-menu">
          <Group gap="xs" wrap="nowrap">
            <Avatar color="accent" radius="xl" size={32}>
              {initials(user.displayName)}
            </Avatar>
            <Text size="sm" fw={500} visibleFrom="sm" data-testid="current-user-name">
              {user.displayName}
            </Text>
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Signed in as</Menu.Label>
        <Text size="sm" fw={600} px="sm">
          {user.displayName}
        </Text>
        <Text size="xs" c="dimmed" px="sm">
          @{user.username}
        </Text>
        <Group gap={4} px="sm" py={6}>
          {user.roles.map((r) => (
            <Badge key={r} size="xs" variant="light" color={r === 'admin' ? 'grape' : 'accent'}>
              {roleLabels[r]}
            </Badge>
          ))}
        </Group>
        <Menu.Divider />
        <Menu.Item leftSection={<IconSettings size={16} />} onClick={() => navigate('/settings')}>
          Settings
        </Menu.Item>
        <Menu.Item
          leftSection={<IconKeyboard size={16} />}
          rightSection={
            <Text size="xs" c="dimmed">
              ?
            </Text>
          }
          onClick={props.onShowShortcuts}
        >
          Keyboard shortcuts
        </Menu.Item>
        <Menu.Item leftSection={<IconLogout size={16} />} onClick={props.onSignOut}>
          Sign out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
};
