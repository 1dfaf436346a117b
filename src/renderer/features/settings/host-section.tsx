import {
  Alert,
  Badge,
  Button,
  Group,
  NumberInput,
  Paper,
  Stack,
  Switch,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import type { OutpostApi } from '../../../shared/ipc/contract';
import type { IpcError } from '../../../shared/ipc/errors';
import type { HostStatus } from '../../../shared/ipc/host';
import { IconAlert, IconServer } from '../../ui/icons';
import { notifySuccess } from '../../ui/notify';
import { LanSharingPanel } from './lan-sharing-panel';
import { LockedNote } from './locked-note';

const STATE_LABEL: Record<HostStatus['state'], { label: string; color: string }> = {
  running: { label: 'Running', color: 'teal' },
  starting: { label: 'Starting…', color: 'blue' },
  stopping: { label: 'Stopping…', color: 'gray' },
  stopped: { label: 'Off', color: 'gray' },
};

/**
 * Host mode: this computer runs the hub for a small team. Off by default;
 * only this computer can connect unless network sharing is on as well.
 */
export const HostSection = (props: {
  host: HostStatus;
  hostAction: (action: (api: OutpostApi) => Promise<HostStatus>) => Promise<IpcError | null>;
  /** Points this desktop at its own hub and signs in there. */
  onUseAsHub: () => Promise<IpcError | null>;
}) => {
  const { host, hostAction } = props;
  const [port, setPort] = useState<number | string>(host.port);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const running = host.state === 'running';
  const portValue = typeof port === 'number' ? port : Number(port);
  const portError =
    Number.isInteger(portValue) && portValue >= 1024 && portValue <= 65535
      ? null
      : 'Port must be a whole number between 1024 and 65535';

  const act = async (
    name: string,
    action: (api: OutpostApi) => Promise<HostStatus>,
    done?: string,
  ) => {
    setBusy(name);
    setError(null);
    const failure = await hostAction(action);
    setBusy(null);
    if (failure) setError(failure.message);
    else if (done) notifySuccess(done);
  };

  const toggleHost = (on: boolean) =>
    on
      ? act('host', (api) => api.hostStart({ lan: host.lan, port: portValue }), 'Host mode is on.')
      : act('host', (api) => api.hostStop(), 'Host mode is off.');

  // Restarts the hub listening on the network or on this computer only.
  const toggleLan = (on: boolean) =>
    act('lan', (api) => api.hostStart({ lan: on, port: host.port }));

  const state = STATE_LABEL[host.state];
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="host-mode-title">
      <Stack gap="md">
        <Group justify="space-between">
          <Group gap="xs">
            <IconServer size={20} />
            <Title order={2} fz="lg" id="host-mode-title">
              Host mode
            </Title>
          </Group>
          <Badge variant="dot" color={state.color} data-testid="host-state">
            {state.label}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          For a small team without a server: this computer keeps the team’s hub (its data lives in{' '}
          <Text span ff="monospace" size="xs">
            {host.dataDir}
          </Text>
          ) and the others connect to it. It has to be on while they work.
        </Text>
        {host.lockedReason ? <LockedNote reason={host.lockedReason} /> : null}
        <Switch
          label="Run the hub on this computer"
          checked={running || host.state === 'starting'}
          disabled={!host.allowed || busy !== null}
          onChange={(e) => void toggleHost(e.currentTarget.checked)}
        />
        <Switch
          label="Share it on the local network"
          description="Off: only this computer can connect. On: colleagues on the same network pair with a code."
          checked={host.lan}
          disabled={!host.lanAllowed || !running || busy !== null}
          onChange={(e) => void toggleLan(e.currentTarget.checked)}
        />
        {host.allowed && host.lanLockedReason ? <LockedNote reason={host.lanLockedReason} /> : null}
        {!running ? (
          <NumberInput
            label="Port"
            description="Devices that paired remember it: change it only if another program uses 7410."
            value={port}
            onChange={setPort}
            min={1024}
            max={65535}
            allowDecimal={false}
            w={220}
            error={portError}
            disabled={!host.allowed}
          />
        ) : null}
        {error || host.error ? (
          <Alert
            variant="light"
            color="red"
            icon={<IconAlert size={18} />}
            role="alert"
            title="Host mode"
          >
            {error ?? host.error?.message}
          </Alert>
        ) : null}
        {running && host.localUrl ? (
          <Group gap="sm">
            <Text size="sm">
              This computer reaches it at{' '}
              <Text span ff="monospace" size="sm">
                {host.localUrl}
              </Text>
            </Text>
            {host.usedByThisDevice ? (
              <Badge variant="light" color="teal">
                This app uses it
              </Badge>
            ) : (
              <Button
                size="xs"
                variant="light"
                loading={busy === 'use'}
                onClick={async () => {
                  setBusy('use');
                  const failure = await props.onUseAsHub();
                  setBusy(null);
                  if (failure) setError(failure.message);
                }}
              >
                Use this computer’s hub
              </Button>
            )}
          </Group>
        ) : null}
        {running && host.lan ? (
          <LanSharingPanel
            host={host}
            busy={busy === 'code'}
            onNewCode={() => void act('code', (api) => api.hostNewPairingCode())}
            onNewCertificate={() =>
              void act(
                'cert',
                (api) => api.hostRegenerateCertificate(),
                'A new certificate was made; paired devices must pair again.',
              )
            }
          />
        ) : null}
      </Stack>
    </Paper>
  );
};
