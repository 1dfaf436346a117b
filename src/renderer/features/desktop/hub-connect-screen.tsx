import { Alert, Button, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { hubUrlSchema } from '../../../shared/ipc/contract';
import { useServices } from '../../app/services';
import { useSession } from '../../session/session-store';
import { IconAlert } from '../../ui/icons';
import { AuthFrame } from '../auth/auth-frame';
import { FirstStartOptions } from '../settings/first-start-options';
import { HubPolicyGate } from '../settings/hub-policy-gate';

/** Desktop first start: which hub does this device belong to? (Unless the policy decides.) */
export const HubConnectScreen = () => (
  <HubPolicyGate>
    <HubConnectForm />
  </HubPolicyGate>
);

const HubConnectForm = () => {
  const { session } = useServices();
  const phase = useSession((s) => s.phase);
  const saveError = phase.name === 'connect-hub' ? phase.error : null;
  const [url, setUrl] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = hubUrlSchema.safeParse(url);
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? 'Enter the hub address');
      return;
    }
    setError(null);
    setBusy(true);
    await session.connectHub(parsed.data);
    setBusy(false);
  };

  return (
    <AuthFrame
      title="Connect to your hub"
      subtitle="Outpost keeps your work on this device and shares it through your team's hub. Your administrator can tell you its address."
      width={440}
    >
      <form onSubmit={submit} noValidate aria-label="Connect to a hub">
        <Stack gap="md">
          {saveError ? (
            <Alert variant="light" color="red" icon={<IconAlert size={18} />} role="alert">
              {saveError}
            </Alert>
          ) : null}
          <TextInput
            label="Hub address"
            placeholder="https://hub.example.org:7410"
            autoFocus
            spellCheck={false}
            autoCapitalize="none"
            value={url}
            onChange={(e) => setUrl(e.currentTarget.value)}
            error={error}
          />
          <Button type="submit" loading={busy} fullWidth>
            Connect
          </Button>
        </Stack>
      </form>
      <FirstStartOptions />
    </AuthFrame>
  );
};
