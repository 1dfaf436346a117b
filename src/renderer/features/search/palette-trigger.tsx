import { Group, Kbd, Text, UnstyledButton } from '@mantine/core';
import { modKeyLabel } from '../../app/shortcut-registry';
import { IconSearch } from '../../ui/icons';
import { usePalette } from './palette-store';

/** Looks like a search field in the top bar; opens the palette (as Ctrl/⌘+K does). */
export const PaletteTrigger = () => {
  const open = usePalette((s) => s.open);
  return (
    <UnstyledButton
      onClick={open}
      aria-label={`Search tickets and commands (${modKeyLabel()}+K)`}
      aria-keyshortcuts={modKeyLabel() === '⌘' ? 'Meta+K' : 'Control+K'}
      data-testid="palette-trigger"
      className="outpost-palette-trigger"
    >
      <Group gap={8} wrap="nowrap" justify="space-between">
        <Group gap={8} wrap="nowrap">
          <IconSearch size={16} />
          <Text size="sm" c="dimmed">
            Search tickets…
          </Text>
        </Group>
        <Group gap={2} wrap="nowrap" aria-hidden="true">
          <Kbd size="xs">{modKeyLabel()}</Kbd>
          <Kbd size="xs">K</Kbd>
        </Group>
      </Group>
    </UnstyledButton>
  );
};
