import { ActionIcon, AppShell, Box, Burger, Group, Text, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useEffect } from 'react';
import { hasRole } from '../../shared/domain/accounts';
import { isStaff } from '../../shared/domain/access';
import { NewMenu } from '../features/create/new-menu';
import { PortalShell } from '../features/portal/portal-shell';
import { CommandPalette } from '../features/search/command-palette';
import { NEW_INCIDENT_PATH } from '../features/search/palette-commands';
import { PaletteTrigger } from '../features/search/palette-trigger';
import { usePalette } from '../features/search/palette-store';
import { SearchProvider } from '../features/search/search-context';
import type { Profile } from '../session/profile-cache';
import { useSession } from '../session/session-store';
import { IconKeyboard, IconLogo } from '../ui/icons';
import { startConnectionMonitor } from './connection-monitor';
import { Nav } from './nav';
import { ReauthDialog } from './reauth-dialog';
import { RouteView } from './route-view';
import { navigate, useLocation } from './router';
import { useServices } from './services';
import {
  goShortcuts,
  installShortcutListener,
  NEW_INCIDENT,
  OPEN_PALETTE,
  SHOW_HELP,
  useKeyBindings,
} from './shortcuts';
import { ShortcutsDialog } from './shortcuts-dialog';
import { SyncStatusIndicator } from './sync-status-indicator';
import { UserMenu } from './user-menu';

const hostOf = (origin: string | null) => {
  try {
    return origin ? new URL(origin).host : null;
  } catch {
    return null;
  }
};

/**
 * Global keys: `?` for help, `g <key>` to jump between sections, Ctrl/⌘+K
 * for the palette, `n` for a new incident. Pages bind their own keys with
 * useKeyBindings (or claim a key on the document first).
 */
const useShellKeys = (user: Profile, showHelp: () => void) => {
  useEffect(() => installShortcutListener(window), []);
  const togglePalette = usePalette((s) => s.toggle);
  const allowed = goShortcuts.filter((g) => !g.requires || hasRole(user, g.requires));
  useKeyBindings([
    { keys: SHOW_HELP, run: showHelp },
    { keys: OPEN_PALETTE, run: togglePalette, inFields: true },
    { keys: NEW_INCIDENT, run: () => navigate(NEW_INCIDENT_PATH) },
    ...allowed.map((g) => ({ keys: g.sequence, run: () => navigate(g.path) })),
  ]);
};

/** The signed-in frame: the agent workspace, or the portal for requester-only users. */
export const Shell = ({ user }: { user: Profile }) =>
  isStaff(user) ? <AgentShell user={user} /> : <PortalShell user={user} />;

/** The agent workspace: top bar, left navigation, the current page. */
const AgentShell = ({ user }: { user: Profile }) => {
  const { accounts, session } = useServices();
  const hubOrigin = useSession((s) => s.hubOrigin);
  const { path } = useLocation();
  const [navOpened, nav] = useDisclosure(false);
  const [helpOpened, help] = useDisclosure(false);
  useShellKeys(user, help.open);

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
    <SearchProvider>
      <AppShell
        header={{ height: 56 }}
        navbar={{ width: 232, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
        padding="xl"
      >
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between" wrap="nowrap">
            <Group gap="sm" wrap="nowrap">
              <Burger
                opened={navOpened}
                onClick={nav.toggle}
                hiddenFrom="sm"
                size="sm"
                aria-label="Toggle navigation"
              />
              <Group gap={8} wrap="nowrap" c="accent.7">
                <IconLogo size={24} />
                <Text fw={700} size="lg" c="dark.8">
                  Outpost
                </Text>
              </Group>
              {hostOf(hubOrigin) ? (
                <Text size="sm" c="dimmed" visibleFrom="lg">
                  {hostOf(hubOrigin)}
                </Text>
              ) : null}
              <Box visibleFrom="sm" ml="md">
                <PaletteTrigger />
              </Box>
            </Group>
            <Group gap="sm" wrap="nowrap">
              <NewMenu />
              <SyncStatusIndicator hubOrigin={hubOrigin} />
              <Tooltip label="Keyboard shortcuts (?)">
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  size="lg"
                  onClick={help.open}
                  aria-label="Keyboard shortcuts"
                >
                  <IconKeyboard size={20} />
                </ActionIcon>
              </Tooltip>
              <UserMenu
                user={user}
                onShowShortcuts={help.open}
                onSignOut={() => void session.signOut()}
              />
            </Group>
          </Group>
        </AppShell.Header>
        <AppShell.Navbar bg="gray.0">
          <Nav user={user} path={path} onNavigate={nav.close} />
        </AppShell.Navbar>
        <AppShell.Main>
          <RouteView user={user} />
        </AppShell.Main>
        <ShortcutsDialog opened={helpOpened} onClose={help.close} user={user} />
        <CommandPalette user={user} onShowShortcuts={help.open} />
        <ReauthDialog />
      </AppShell>
    </SearchProvider>
  );
};
