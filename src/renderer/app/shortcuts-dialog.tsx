import { Group, Kbd, Modal, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { Fragment } from 'react';
import type { Profile } from '../session/profile-cache';
import { canOpen, routes } from './routes';
import {
  goShortcuts,
  modKeyLabel,
  NEW_INCIDENT,
  SHOW_HELP,
  useShortcutHelpSections,
  type ShortcutHelp,
} from './shortcuts';

/** A modifier first means keys held together ("Ctrl + K"); otherwise one after another ("g then i"). */
const MODIFIER = /^(Ctrl|⌘|Ctrl\/⌘|Shift|Alt|Option)$/;

const Keys = ({ keys }: { keys: string[] }) => (
  <Group gap={4} wrap="nowrap">
    {keys.map((k, i) => (
      <Fragment key={i}>
        {i > 0 ? (
          <Text span size="xs" c="dimmed">
            {MODIFIER.test(keys[0]!) ? '+' : 'then'}
          </Text>
        ) : null}
        <Kbd style={{ whiteSpace: 'nowrap' }}>{k}</Kbd>
      </Fragment>
    ))}
  </Group>
);

const Section = (props: { title: string; rows: readonly ShortcutHelp[] }) => (
  <Stack gap={4}>
    <Title order={3} fz="xs" tt="uppercase" c="gray.7" lts={0.5}>
      {props.title}
    </Title>
    <Table verticalSpacing={5} data-testid="shortcuts-table">
      <Table.Tbody>
        {props.rows.map((r) => (
          <Table.Tr key={`${r.keys.join(' ')}|${r.description}`}>
            <Table.Td w={170}>
              <Keys keys={r.keys} />
            </Table.Td>
            <Table.Td>
              <Text size="sm">{r.description}</Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  </Stack>
);

/**
 * Every shortcut the signed-in user can use: the global keys, the section
 * jumps from the route table, and each feature's registered section.
 */
export const ShortcutsDialog = (props: { opened: boolean; onClose: () => void; user: Profile }) => {
  const featureSections = useShortcutHelpSections();
  const general: ShortcutHelp[] = [
    { keys: [SHOW_HELP], description: 'Show this list of shortcuts' },
    { keys: [modKeyLabel(), 'K'], description: 'Search tickets, run a command' },
    { keys: [NEW_INCIDENT], description: 'New incident' },
    { keys: ['Esc'], description: 'Close a dialog, menu or the palette' },
  ];
  const navigation = goShortcuts
    .filter((g) => {
      const route = routes.find((r) => r.path === g.path);
      return route ? canOpen(props.user, route) : false;
    })
    .map((g) => ({ keys: g.sequence.split(' '), description: `Go to ${g.label}` }));
  return (
    <Modal opened={props.opened} onClose={props.onClose} title="Keyboard shortcuts" size="xl">
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          Shortcuts work anywhere except while typing in a field; {modKeyLabel()}+K works there too.
        </Text>
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl" verticalSpacing="lg">
          <Section title="General" rows={general} />
          <Section title="Navigation" rows={navigation} />
          {featureSections.map((s) => (
            <Section key={s.id} title={s.title} rows={s.items} />
          ))}
        </SimpleGrid>
      </Stack>
    </Modal>
  );
};
