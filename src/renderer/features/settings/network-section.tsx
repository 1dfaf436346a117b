import { Code, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import type { SettingsView } from '../../../shared/ipc/contract';
import type { ProxySetting } from '../../../shared/ipc/settings';
import { LockedNote } from './locked-note';

const proxyText = (proxy: ProxySetting): ReactNode => {
  switch (proxy.mode) {
    case 'system':
      return 'The system’s proxy settings';
    case 'direct':
      return 'No proxy (direct connection)';
    case 'auto_detect':
      return 'Detected automatically (WPAD)';
    case 'pac_script':
      return (
        <>
          Proxy script at <Code>{proxy.pacUrl}</Code>
        </>
      );
    case 'fixed_servers':
      return (
        <>
          <Code>{proxy.rules}</Code>
          {proxy.bypass ? (
            <>
              {' '}
              except <Code>{proxy.bypass}</Code>
            </>
          ) : null}
        </>
      );
  }
};

const Row = (props: {
  label: string;
  testId: string;
  lock: string | null;
  children: ReactNode;
}) => (
  <>
    <Text size="sm" c="dimmed">
      {props.label}
    </Text>
    <Stack gap={4}>
      <Text size="sm" data-testid={props.testId}>
        {props.children}
      </Text>
      {props.lock ? <LockedNote reason={props.lock} /> : null}
    </Stack>
  </>
);

const POLICY_SETS = "Your organisation's policy sets this; it cannot be changed here.";

/**
 * How the desktop reaches the network and gets updates. These come from the
 * organisation's policy file (or built-in defaults); the user cannot change
 * them here, so this section only shows the effective values and the locks.
 */
export const NetworkSection = (props: { settings: SettingsView; platform: string | null }) => {
  const { values, locked } = props.settings;
  const lock = (key: (typeof locked)[number]) => (locked.includes(key) ? POLICY_SETS : null);
  const linux = props.platform?.startsWith('linux') ?? false;
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="network-title">
      <Stack gap="md">
        <Title order={2} fz="lg" id="network-title">
          Network and updates
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" verticalSpacing={6} maw={760}>
          <Row label="Proxy" testId="network-proxy" lock={lock('proxy')}>
            {proxyText(values.proxy)}
          </Row>
          <Row
            label="Automatic updates"
            testId="network-updates"
            lock={
              locked.includes('updateFeed') && !values.updateFeed
                ? "Your organisation's policy turns automatic updates off."
                : lock('updateFeed')
            }
          >
            {values.updateFeed ? (
              <>
                From <Code>{values.updateFeed}</Code>
                {linux ? ' (not available on Linux: update through your package manager)' : ''}
              </>
            ) : (
              'Off: no update feed is set by your organisation'
            )}
          </Row>
          <Row label="Usage data (telemetry)" testId="network-telemetry" lock={lock('telemetry')}>
            {values.telemetry
              ? 'Allowed by your organisation, but Outpost sends no usage data'
              : 'Off: Outpost sends no usage data'}
          </Row>
        </SimpleGrid>
      </Stack>
    </Paper>
  );
};
