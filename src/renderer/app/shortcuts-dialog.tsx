import { Group, Kbd, Modal, Stack, Table, Text } from '@mantine/core';
import { Fragment } from 'react';
import type { Profile } from '../session/profile-cache';
import { canOpen, routes } from './routes';
import { goShortcuts } from './shortcuts';

const Keys = ({ keys }: { keys: string[] }) => (
  <Group gap={4} wrap="nowrap">
    {keys.map((k, i) => (
      <Fragment key={i}>
        {i > 0 ? (
          <Text span size="xs" c="dimmed">
            then
          </Text>
        ) : null}
        <Kbd>{k}</Kbd>
      </Fragment>
    ))}
  </Group>
);

/** Lists every shortcut the signed-in user can use (built from the route table). */
export const ShortcutsDialog = (props: { opened: boolean; onClose: () => void; user: Profile }) => {
  const rows = [
    { keys: ['?'], description: 'Show this list of shortcuts' },
    ...goShortcuts
      .filter((g) => {
        const route = routes.find((r) => r.path === g.path);
        return route ? canOpen(props.user, route) : false;
      })
      .map((g) => ({ keys: g.sequence.split(' '), description: `Go to ${g.label}` })),
    { keys: ['Esc'], description: 'Close a dialog or menu' },
  ];
  return (
    <Modal opened={props.opened} onClose={props.onClose} title="Keyboard shortcuts" size="md">
      <Stack gap="xs">
        <Text size="sm" c="dimmed">
          Shortcuts work anywhere except while typing in a field.
        </Text>
        <Table verticalSpacing={6} data-testid="shortcuts-table">
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.keys.join(' ')}>
                <Table.Td w={140}>
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
    </Modal>
  );
};
