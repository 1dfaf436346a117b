import { Badge, Button, Code, CopyButton, Group, Modal, Stack, Text } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { formatPairingCode } from '../../../shared/api/pairing';
import type { HostStatus } from '../../../shared/ipc/host';
import { useNow } from '../../ui/use-now';
import { formatPairingDetails } from './pairing-text';

const clockTime = (ms: number) =>
  new Date(ms).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });

const remaining = (ms: number) => {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

const Labelled = (props: { label: string; children: ReactNode }) => (
  <Stack gap={2}>
    <Text size="xs" fw={600} c="dimmed" tt="uppercase">
      {props.label}
    </Text>
    {props.children}
  </Stack>
);

/**
 * What a colleague needs to pair with this host: where to connect, which
 * certificate to expect, and a code that proves this computer's user let
 * them in. The code is short-lived; a new one withdraws the old.
 */
export const LanSharingPanel = (props: {
  host: HostStatus;
  busy: boolean;
  onNewCode: () => void;
  onNewCertificate: () => void;
}) => {
  const { host } = props;
  const now = useNow(1_000);
  const [confirmCert, setConfirmCert] = useState(false);
  const pairing = host.pairing;
  const active =
    pairing?.state === 'active' && pairing.code && pairing.expiresAt && pairing.expiresAt > now;
  const address = host.lanUrls[0] ?? null;

  return (
    <Stack gap="md" data-testid="lan-sharing">
      <Labelled label="Address for other devices">
        {host.lanUrls.length > 0 ? (
          host.lanUrls.map((url) => (
            <Code key={url} fz="sm">
              {url}
            </Code>
          ))
        ) : (
          <Text size="sm" c="orange.8">
            This computer has no network address others can reach (is it connected to a network?).
          </Text>
        )}
      </Labelled>
      <Labelled label="Certificate fingerprint (SHA-256)">
        <Code block fz="xs" data-testid="host-fingerprint" style={{ wordBreak: 'break-all' }}>
          {host.fingerprint}
        </Code>
        <Text size="xs" c="dimmed">
          Devices compare this when they pair; if it ever differs on a device, do not continue
          there.
        </Text>
      </Labelled>
      <Labelled label="Pairing code">
        {active ? (
          <Group gap="sm" align="center">
            <Text
              ff="monospace"
              fz={28}
              fw={700}
              data-testid="pairing-code"
              aria-label="Pairing code"
            >
              {formatPairingCode(pairing.code!)}
            </Text>
            <Badge variant="light" color="teal">
              {`valid for ${remaining(pairing.expiresAt! - now)}`}
            </Badge>
          </Group>
        ) : (
          <Text size="sm" c="dimmed">
            {pairing?.note ??
              'Make a code when a colleague is ready to pair; it works once, for 10 minutes.'}
          </Text>
        )}
        <Group gap="sm" mt={4}>
          <Button
            size="xs"
            variant={active ? 'default' : 'filled'}
            onClick={props.onNewCode}
            loading={props.busy}
          >
            {active ? 'New pairing code' : 'Make a pairing code'}
          </Button>
          {active && address && host.fingerprint ? (
            <CopyButton
              value={formatPairingDetails(
                {
                  address,
                  code: pairing.code!,
                  fingerprint: host.fingerprint,
                  expiresAt: pairing.expiresAt,
                },
                clockTime,
              )}
            >
              {({ copied, copy }) => (
                <Button size="xs" variant="light" onClick={copy}>
                  {copied ? 'Copied' : 'Copy pairing details'}
                </Button>
              )}
            </CopyButton>
          ) : null}
        </Group>
      </Labelled>
      <Group>
        <Button size="xs" variant="subtle" color="red" onClick={() => setConfirmCert(true)}>
          Make a new certificate…
        </Button>
      </Group>
      <Modal
        opened={confirmCert}
        onClose={() => setConfirmCert(false)}
        title="Make a new certificate?"
      >
        <Stack gap="md">
          <Text size="sm">
            Every device paired with this computer will refuse to connect until it pairs again with
            the new fingerprint. Do this only if you think the certificate's key was copied.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmCert(false)}>
              Cancel
            </Button>
            <Button
              color="red"
              onClick={() => {
                setConfirmCert(false);
                props.onNewCertificate();
              }}
            >
              Make a new certificate
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
};
