import { Alert, Button, Code, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState, type ReactNode } from 'react';
import type { Health } from '../../../shared/api/accounts';
import type { OutpostApi } from '../../../shared/ipc/contract';
import { readIpcError } from '../../../shared/ipc/errors';
import type { AppInfo } from '../../../shared/ipc/host';
import { useOutpostDb } from '../../app/db-context';
import { useServices } from '../../app/services';
import { notifySuccess } from '../../ui/notify';

const Row = (props: { label: string; children: ReactNode }) => (
  <>
    <Text size="sm" c="dimmed">
      {props.label}
    </Text>
    <div>{props.children}</div>
  </>
);

const megabytes = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;

/** Version, where data lives, and the support file: what IT asks for first. */
export const AboutSection = (props: { desktop: OutpostApi | null; info: AppInfo | null }) => {
  const { accounts } = useServices();
  const db = useOutpostDb();
  const pending = useLiveQuery(() => db.outbox.count(), [db]);
  const [health, setHealth] = useState<Health | null>(null);
  const [storage, setStorage] = useState<{ usage: number; quota: number } | null>(null);
  const [exportState, setExportState] = useState<{ busy: boolean; error: string | null }>({
    busy: false,
    error: null,
  });

  useEffect(() => {
    let live = true;
    void accounts.health().then((r) => live && r.ok && setHealth(r.value));
    void navigator.storage
      ?.estimate?.()
      .then((e) => live && setStorage({ usage: e.usage ?? 0, quota: e.quota ?? 0 }))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [accounts]);

  const exportDiagnostics = async () => {
    if (!props.desktop) return;
    setExportState({ busy: true, error: null });
    try {
      const saved = await props.desktop.exportDiagnostics();
      setExportState({ busy: false, error: null });
      if (saved) notifySuccess(`Diagnostics saved to ${saved.path}`);
    } catch (e) {
      setExportState({ busy: false, error: readIpcError(e).message });
    }
  };

  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="about-title">
      <Stack gap="md">
        <Title order={2} fz="lg" id="about-title">
          About and local data
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" verticalSpacing={6} maw={760}>
          {props.info ? (
            <Row label="Outpost version">
              <Text size="sm" data-testid="app-version">
                {props.info.version}
                {props.info.versions['electron']
                  ? ` (Electron ${props.info.versions['electron']})`
                  : ''}
              </Text>
            </Row>
          ) : null}
          <Row label="Hub version">
            <Text size="sm" data-testid="hub-version">
              {health
                ? `${health.version} · ${health.database}, schema ${health.schemaVersion}`
                : 'not reachable now'}
            </Text>
          </Row>
          {props.info ? (
            <Row label="Data folder">
              <Code data-testid="data-folder">{props.info.dataFolder}</Code>
            </Row>
          ) : null}
          {props.info ? (
            <Row label="Log folder">
              <Code>{props.info.logFolder}</Code>
            </Row>
          ) : null}
          <Row label="Local database">
            <Code>{db.name}</Code>
          </Row>
          <Row label="Changes not yet on the hub">
            <Text size="sm" data-testid="pending-count">
              {pending === undefined ? '…' : pending}
            </Text>
          </Row>
          {storage ? (
            <Row label="Storage used on this device">
              <Text size="sm">
                {megabytes(storage.usage)} of {megabytes(storage.quota)} allowed
              </Text>
            </Row>
          ) : null}
        </SimpleGrid>
        {props.desktop ? (
          <Stack gap={6}>
            <Group>
              <Button
                variant="default"
                onClick={() => void exportDiagnostics()}
                loading={exportState.busy}
              >
                Export diagnostics…
              </Button>
            </Group>
            <Text size="xs" c="dimmed">
              A file for your support team: versions, settings, host-mode state and recent log
              lines. Passwords, sign-in tokens, pairing codes and keys are removed.
            </Text>
            {exportState.error ? (
              <Alert color="red" variant="light" role="alert">
                {exportState.error}
              </Alert>
            ) : null}
          </Stack>
        ) : null}
      </Stack>
    </Paper>
  );
};
