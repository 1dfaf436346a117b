import { AppShell, Burger, Group, Text, Tooltip, ActionIcon } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useEffect } from 'react';
import { hasRole } from '../../shared/domain/accounts';
import type { Profile } from '../session/profile-cache';
import { useSession } from '../session/session-store';
import { IconKeyboard, IconLogo } from '../ui/icons';
import { startConnectionMonitor } from './connection-monitor';
import { Nav } from './nav';
import { ReauthDialog } from './reauth-dialog';
import { RouteView } from './route-view';
import { navigate, useLocation } from './router';
import { useServices } from './services';
import { createSequenceMatcher, goShortcuts, isTypingTarget, SHOW_HELP } from './shortcuts';
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

/** Global keys: `?` for help, `g <key>` to jump between sections. */
const useShortcuts = (user: Profile, showHelp: () => void) => {
  useEffect(() => {
    const allowed = goShortcuts.filter((g) => !g.requires || hasRole(user, g.requires));
    const matcher = createSequenceMatcher([SHOW_HELP, ...allowed.map((g) => g.sequence)]);
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.repeat) return;
      if (isTypingTarget(e.target)) return;
      // An open dialog owns the keyboard (Mantine modals set aria-modal).
      if (document.querySelector('[aria-modal="true"]')) return;
      const done = matcher.press(e.key, e.timeStamp);
      if (done === null) return;
      e.preventDefault();
      if (done === SHOW_HELP) showHelp();
      else {
        const target = allowed.find((g) => g.sequence === done);
        if (target) navigate(target.path);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [user, showHelp]);
};

/** The signed-in frame: top bar, left navigation, the current page. */
export const Shell = ({ user }: { user: Profile }) => {
  const { accounts, session } = useServices();
  const hubOrigin = useSession((s) => s.hubOrigin);
  const { path } = useLocation();
  const [navOpened, nav] = useDisclosure(false);
  const [helpOpened, help] = useDisclosure(false);
  useShortcuts(user, help.open);

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
              <Text size="sm" c="dimmed" visibleFrom="md">
                {hostOf(hubOrigin)}
              </Text>
            ) : null}
          </Group>
          <Group gap="sm" wrap="nowrap">
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
      <ReauthDialog />
    </AppShell>
  );
};
