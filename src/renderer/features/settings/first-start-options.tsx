import { Button, Divider, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { readIpcError } from '../../../shared/ipc/errors';
import { useServices } from '../../app/services';
import { HostSection } from './host-section';
import { PairDialog } from './hub-section';
import { useDesktopSettings } from './use-desktop-settings';

/**
 * Under the "Connect to your hub" form of a desktop's first start: the two
 * ways to work without a server — pair with a colleague's computer that
 * hosts the hub, or host it on this one.
 */
export const FirstStartOptions = () => {
  const { platform, session } = useServices();
  const desktop = platform.desktop;
  const state = useDesktopSettings(desktop);
  const [open, setOpen] = useState<'pair' | 'host' | null>(null);
  if (!desktop) return null;
  const hostAllowed = state.host?.allowed ?? false;
  const locked = state.settings?.locked.includes('hubUrl') ?? false;
  if (locked) return null;

  return (
    <Stack gap="xs" mt="lg">
      <Divider label="No server?" labelPosition="center" />
      <Text size="sm" c="dimmed">
        A small team can work from one colleague’s computer instead.
      </Text>
      <Group grow>
        <Button variant="default" onClick={() => setOpen('pair')}>
          Pair with a host…
        </Button>
        {hostAllowed ? (
          <Button variant="default" onClick={() => setOpen('host')}>
            Host it here…
          </Button>
        ) : null}
      </Group>
      <PairDialog desktop={desktop} opened={open === 'pair'} onClose={() => setOpen(null)} />
      <Modal
        opened={open === 'host'}
        onClose={() => setOpen(null)}
        title="Host the hub on this computer"
        size="lg"
      >
        {state.host ? (
          <HostSection
            host={state.host}
            hostAction={state.hostAction}
            onUseAsHub={async () => {
              try {
                const { hubUrl } = await desktop.hostUseAsHub();
                setOpen(null);
                await session.connectHub(hubUrl);
                return null;
              } catch (e) {
                return readIpcError(e);
              }
            }}
          />
        ) : null}
      </Modal>
    </Stack>
  );
};
