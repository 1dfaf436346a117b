import { AppShell, Group, Kbd, Modal, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useEffect } from 'react';
import { startConnectionMonitor } from '../../app/connection-monitor';
import { ReauthDialog } from '../../app/reauth-dialog';
import { RouteView } from '../../app/route-view';
import { hrefFor, matchPath, navigate, useLocation } from '../../app/router';
import { useServices } from '../../app/services';
import { installShortcutListener, useKeyBindings } from '../../app/shortcut-registry';
import { SyncStatusIndicator } from '../../app/sync-status-indicator';
import { UserMenu } from '../../app/user-menu';
import type { Profile } from '../../session/profile-cache';
import { useSession } from '../../session/session-store';
import { IconLogo } from '../../ui/icons';
import { PORTAL_HOME, PORTAL_NEW_PROBLEM, PORTAL_NEW_REQUEST } from './portal-paths';
import './portal.css';

const links = [
  { path: PORTAL_HOME, label: 'My requests', also: ['/portal/tickets/:id'] },
  { path: PORTAL_NEW_PROBLEM, label: 'Report a problem', also: [] },
  { path: PORTAL_NEW_REQUEST, label: 'Request something', also: [] },
];

const keys: { keys: string[]; description: string }[] = [
  { keys: ['n'], description: 'Report a problem' },
  { keys: ['r'], description: 'Request something' },
  { keys: ['g', 'h'], description: 'Go to My requests' },
  { keys: ['c'], description: 'On a request: write a message' },
  { keys: ['Ctrl/⌘', 'Enter'], description: 'Send the form or message you are writing' },
  { keys: ['?'], description: 'Show this list' },
  { keys: ['Esc'], description: 'Close a dialog or menu' },
];

const PortalKeys = (props: { opened: boolean; onClose: () => void }) => (
  <Modal opened={props.opened} onClose={props.onClose} title="Keyboard shortcuts" size="md">
    <Text size="sm" c="dimmed" mb="sm">
      Tab moves between links and buttons. These keys work anywhere except while typing in a field.
    </Text>
    <Table verticalSpacing={5}>
      <Table.Tbody>
        {keys.map((k) => (
          <Table.Tr key={k.description}>
            <Table.Td w={150}>
              <Group gap={4} wrap="nowrap">
                {k.keys.map((x) => (
                  <Kbd key={x}>{x}</Kbd>
                ))}
              </Group>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{k.description}</Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  </Modal>
);

/**
 * The frame for people whose only role is requester: no queues, no agent
 * tools, just their own requests and the two ways to ask for help. Pages
 * come from the same route table (RouteView), which sends requester-only
 * users to the portal's routes.
 */
export const PortalShell = ({ user }: { user: Profile }) => {
  const { accounts, session } = useServices();
  const hubOrigin = useSession((s) => s.hubOrigin);
  const { path } = useLocation();
  const [helpOpened, help] = useDisclosure(false);

  useEffect(() => installShortcutListener(window), []);
  useKeyBindings([
    { keys: '?', run: help.open },
    { keys: 'n', run: () => navigate(PORTAL_NEW_PROBLEM) },
    { keys: 'r', run: () => navigate(PORTAL_NEW_REQUEST) },
    { keys: 'g h', run: () => navigate(PORTAL_HOME) },
  ]);
  useEffect(
    () =>
      startConnectionMonitor({
        target: window,
        isOnline: () => navigator.onLine,
        checkHealth: async () => (await accounts.health()).ok,
        onReachable: () => void session.revalidate(),
      }),
    [accounts, session],
  );

  return (
    <AppShell header={{ height: 60 }} padding="xl">
      <AppShell.Header>
        <Group h="100%" px="lg" justify="space-between" wrap="nowrap" maw={1240} mx="auto">
          <Group gap="xl" wrap="nowrap">
            <a
              href={hrefFor(PORTAL_HOME)}
              style={{ textDecoration: 'none' }}
              aria-label="Outpost help, home"
            >
              <Group gap={8} wrap="nowrap" c="accent.7">
                <IconLogo size={24} />
                <Text fw={700} size="lg" c="dark.8">
                  Outpost
                </Text>
                <Text size="sm" c="dimmed" visibleFrom="xs">
                  Help
                </Text>
              </Group>
            </a>
            <nav aria-label="Portal">
              <Group gap={4} wrap="nowrap" visibleFrom="sm">
                {links.map((l) => {
                  const active = [l.path, ...l.also].some((p) => matchPath(p, path) !== null);
                  return (
                    <a
                      key={l.path}
                      href={hrefFor(l.path)}
                      className="outpost-portal-header-link"
                      aria-current={active ? 'page' : undefined}
                    >
                      {l.label}
                    </a>
                  );
                })}
              </Group>
            </nav>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <SyncStatusIndicator hubOrigin={hubOrigin} />
            <UserMenu
              user={user}
              onShowShortcuts={help.open}
              onSignOut={() => void session.signOut()}
            />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Main>
        <RouteView user={user} />
      </AppShell.Main>
      <PortalKeys opened={helpOpened} onClose={help.close} />
      <ReauthDialog />
    </AppShell>
  );
};
