import { Alert, Button, Group, Modal, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { describeApiError } from '../api/errors';
import { useSession } from '../session/session-store';
import { useServices } from './services';

/**
 * Shown over the shell when the hub says the session is gone. The screen
 * underneath stays mounted, so whatever the user was typing is still there
 * after they sign in again and can simply press Save once more.
 */
export const ReauthDialog = () => {
  const { session } = useServices();
  const lost = useSession((s) => s.sessionLost);
  const phase = useSession((s) => s.phase);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (phase.name !== 'signed-in') return null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (password === '') {
      setError('Enter your password.');
      return;
    }
    setBusy(true);
    const r = await session.reauthenticate(password);
    setBusy(false);
    if (r.ok) {
      setPassword('');
      setError(null);
    } else {
      setError(describeApiError(r.error));
    }
  };

  return (
    <Modal
      opened={lost}
      onClose={() => undefined}
      withCloseButton={false}
      closeOnClickOutside={false}
      closeOnEscape={false}
      title="Your session expired"
      data-testid="reauth-dialog"
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm">
            Sign in again to continue. Nothing you typed is lost: after signing in, repeat the last
            action.
          </Text>
          {error ? (
            <Alert color="red" variant="light" role="alert">
              {error}
            </Alert>
          ) : null}
          <TextInput label="Username" value={phase.user.username} readOnly />
          <PasswordInput
            label="Password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            autoComplete="current-password"
            data-autofocus
          />
          <Group justify="space-between" mt="xs">
            <Button variant="subtle" color="gray" onClick={() => void session.signOut()}>
              Sign out instead
            </Button>
            <Button type="submit" loading={busy}>
              Sign in
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
};
