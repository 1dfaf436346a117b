import { Alert, Center, List, Loader, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useServices } from '../../app/services';
import { IconAlert } from '../../ui/icons';
import { AuthFrame } from '../auth/auth-frame';
import { LockedNote } from './locked-note';
import { useDesktopSettings } from './use-desktop-settings';

/**
 * In front of the desktop's "Connect to your hub" step. When the
 * organisation's policy enforces the hub address, no address typed here can
 * be saved (the main process answers POLICY_LOCKED), and a locked address
 * that is empty means the policy's one was invalid. Instead of a form that
 * can only be refused, it shows the lock, the policy's own problem and what
 * to do.
 * If the settings cannot be read, the form is shown: saving still asks the
 * main process, which refuses with its reason.
 */
export const HubPolicyGate = ({ children }: { children: ReactNode }) => {
  const { platform } = useServices();
  const state = useDesktopSettings(platform.desktop);
  if (!platform.desktop || state.loadError) return children;
  if (!state.settings) {
    return (
      // The same look as the app's own start, which this continues.
      <Center mih="100vh">
        <Stack align="center" gap="sm">
          <Loader size="sm" />
          <Text size="sm" c="dimmed">
            Opening Outpost…
          </Text>
        </Stack>
      </Center>
    );
  }
  // A valid enforced address never leads here: the app starts against it.
  if (!state.settings.locked.includes('hubUrl') || state.settings.values.hubUrl) return children;
  const problems = state.settings.problems.filter((p) => p.includes('hubUrl'));
  return (
    <AuthFrame
      title="No hub can be used yet"
      subtitle="Your organisation’s policy decides which hub this computer works with, and the address it gives cannot be used."
      width={480}
    >
      <Stack gap="md" data-testid="hub-policy-locked">
        <LockedNote reason="The hub address is set by your organisation’s policy file and cannot be entered here." />
        {problems.length > 0 ? (
          <Alert
            color="orange"
            variant="light"
            icon={<IconAlert size={18} />}
            title="What is wrong with the policy"
          >
            <List size="sm" spacing={4}>
              {problems.map((p) => (
                <List.Item key={p} style={{ overflowWrap: 'anywhere' }}>
                  {p}
                </List.Item>
              ))}
            </List>
          </Alert>
        ) : null}
        <Text size="sm">
          Ask your IT department to correct the hub address in the policy file, then restart
          Outpost. Nothing on this computer needs to change.
        </Text>
      </Stack>
    </AuthFrame>
  );
};
