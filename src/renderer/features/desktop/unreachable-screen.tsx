import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useServices } from '../../app/services';
import { useSession } from '../../session/session-store';
import { IconCloudOff, IconRefresh } from '../../ui/icons';
import { AuthFrame } from '../auth/auth-frame';

/**
 * The hub cannot be reached and nobody has signed in on this device yet, so
 * there is no local data to open. Say so, and offer the two ways forward.
 */
export const UnreachableScreen = ({ message }: { message: string }) => {
  const { session, platform } = useServices();
  const hubOrigin = useSession((s) => s.hubOrigin);
  const [busy, setBusy] = useState(false);
  const retry = async () => {
    setBusy(true);
    await session.start();
    setBusy(false);
  };
  return (
    <AuthFrame title="Cannot reach the hub" footer={hubOrigin ? `Hub: ${hubOrigin}` : undefined}>
      <Stack gap="md">
        <Alert variant="light" color="orange" icon={<IconCloudOff size={18} />}>
          {message}
        </Alert>
        <Text size="sm">
          Sign-in needs the hub once. After that, Outpost opens and works on this device even
          without a connection.
        </Text>
        <Group grow>
          {platform.desktop ? (
            <Button variant="default" onClick={session.changeHub}>
              Change hub address
            </Button>
          ) : null}
          <Button
            leftSection={<IconRefresh size={16} />}
            loading={busy}
            onClick={() => void retry()}
          >
            Try again
          </Button>
        </Group>
      </Stack>
    </AuthFrame>
  );
};
