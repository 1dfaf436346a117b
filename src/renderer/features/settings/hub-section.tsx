import { Badge, Button, Code, Group, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { OutpostApi, SettingsView } from '../../../shared/ipc/contract';
import type { PairResult } from '../../../shared/ipc/host';
import { useServices } from '../../app/services';
import { useSession } from '../../session/session-store';
import { notifySuccess } from '../../ui/notify';
import { LockedNote } from './locked-note';
import { PairForm } from './pair-form';

/** Opens the pairing form in a dialog; after pairing the app connects to the host and signs in. */
export const PairDialog = (props: {
  desktop: OutpostApi;
  opened: boolean;
  onClose: () => void;
}) => {
  const { session } = useServices();
  const paired = async (result: PairResult) => {
    props.onClose();
    notifySuccess(`Paired with ${new URL(result.hubUrl).host} as ${result.displayName}.`);
    await session.connectHub(result.hubUrl);
  };
  return (
    <Modal opened={props.opened} onClose={props.onClose} title="Pair with a desktop host" size="lg">
      <PairForm desktop={props.desktop} onPaired={(r) => void paired(r)} />
    </Modal>
  );
};

/** Which hub this device works with: the configured address (desktop) or the page's origin (web). */
export const HubSection = (props: {
  desktop: OutpostApi | null;
  settings: SettingsView | null;
}) => {
  const { session } = useServices();
  const hubOrigin = useSession((s) => s.hubOrigin);
  const [pairing, setPairing] = useState(false);
  const locked = props.settings?.locked.includes('hubUrl') ?? false;
  const hubUrl = props.desktop ? (props.settings?.values.hubUrl ?? null) : hubOrigin;
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="hub-title">
      <Stack gap="sm">
        <Title order={2} fz="lg" id="hub-title">
          Hub
        </Title>
        <Group gap="sm">
          <Text size="sm">
            {props.desktop ? 'This app syncs with' : 'This page is served by the hub at'}
          </Text>
          <Code data-testid="hub-url">{hubUrl ?? 'no hub set'}</Code>
          {props.settings?.hubPin ? (
            <Badge variant="light" color="teal" title={props.settings.hubPin}>
              Certificate pinned
            </Badge>
          ) : null}
        </Group>
        {props.settings?.hubPin ? (
          <Text size="xs" c="dimmed" ff="monospace" style={{ wordBreak: 'break-all' }}>
            Paired certificate: {props.settings.hubPin}
          </Text>
        ) : null}
        {locked ? (
          <LockedNote
            reason={
              hubUrl
                ? "Your organisation's policy sets the hub address; it cannot be changed here."
                : "Your organisation's policy file has an invalid hub address, so no hub can be used until your IT department fixes it (see the problem listed above)."
            }
          />
        ) : null}
        {props.desktop && !locked ? (
          <Group gap="sm">
            <Button size="xs" variant="default" onClick={() => session.changeHub()}>
              Change hub address
            </Button>
            <Button size="xs" variant="default" onClick={() => setPairing(true)}>
              Pair with a desktop host…
            </Button>
          </Group>
        ) : null}
        {!props.desktop ? (
          <Text size="xs" c="dimmed">
            In a browser, the address of this page decides the hub. Nothing is installed on this
            computer; your work is kept in this browser’s storage until it reaches the hub.
          </Text>
        ) : null}
      </Stack>
      {props.desktop ? (
        <PairDialog desktop={props.desktop} opened={pairing} onClose={() => setPairing(false)} />
      ) : null}
    </Paper>
  );
};
