import { Center, Loader, MantineProvider, Stack, Text } from '@mantine/core';
import { Notifications, notifications } from '@mantine/notifications';
import { useEffect } from 'react';
import { HubConnectScreen } from '../features/desktop/hub-connect-screen';
import { UnreachableScreen } from '../features/desktop/unreachable-screen';
import { LoginScreen } from '../features/auth/login-screen';
import { SetupScreen } from '../features/auth/setup-screen';
import { useSession } from '../session/session-store';
import { LocalStoreProvider } from './db-context';
import { ServicesProvider, useServices, type Services } from './services';
import { Shell } from './shell';
import { cssVariablesResolver, theme } from './theme';

const Starting = () => (
  <Center mih="100vh">
    <Stack align="center" gap="sm">
      <Loader size="sm" />
      <Text size="sm" c="dimmed">
        Opening Outpost…
      </Text>
    </Stack>
  </Center>
);

/** Shows the one step the user is at: connect, set-up, sign-in, or the shell. */
export const Gate = () => {
  const { session } = useServices();
  const phase = useSession((s) => s.phase);
  const hubOrigin = useSession((s) => s.hubOrigin);
  useEffect(() => {
    void session.start();
  }, [session]);
  // A toast belongs to the session that raised it: "New password set for …"
  // must not stay on screen for the next person to sign in at a shared desk.
  const signedInAs = phase.name === 'signed-in' ? phase.user.id : null;
  useEffect(() => {
    if (signedInAs === null) notifications.clean();
  }, [signedInAs]);

  switch (phase.name) {
    case 'starting':
      return <Starting />;
    case 'connect-hub':
      return <HubConnectScreen />;
    case 'unreachable':
      return <UnreachableScreen message={phase.message} />;
    case 'needs-setup':
      return <SetupScreen setup={phase.setup} />;
    case 'signed-out':
      return <LoginScreen />;
    case 'signed-in':
      return (
        <LocalStoreProvider
          hubOrigin={hubOrigin ?? 'unknown'}
          actor={{ userId: phase.user.id, roles: phase.user.roles, queueIds: phase.user.queueIds }}
        >
          <Shell user={phase.user} />
        </LocalStoreProvider>
      );
  }
};

/** `env="test"` turns Mantine's transitions and portals off, for component tests. */
export const App = ({ services, env }: { services: Services; env?: 'default' | 'test' }) => (
  <MantineProvider
    theme={theme}
    cssVariablesResolver={cssVariablesResolver}
    defaultColorScheme="light"
    env={env}
  >
    <Notifications position="bottom-right" limit={4} />
    <ServicesProvider services={services}>
      <Gate />
    </ServicesProvider>
  </MantineProvider>
);
