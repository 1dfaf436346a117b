import { Box, Group, Kbd, Loader, Modal, Stack, Text, VisuallyHidden } from '@mantine/core';
import { useEffect, useId, useMemo, useState, type KeyboardEvent } from 'react';
import { navigate } from '../../app/router';
import { registerShortcutHelp } from '../../app/shortcut-registry';
import type { Profile } from '../../session/profile-cache';
import { PriorityBadge, StateBadge } from '../../ui/ticket-badges';
import type { SearchResult } from '../../workers/search-results';
import { Highlighted } from './highlighted';
import { matchCommands, paletteCommands, type PaletteCommand } from './palette-commands';
import { usePalette } from './palette-store';
import { useIndexStatus, useSearch } from './search-context';
import './palette.css';

registerShortcutHelp({
  id: 'palette',
  title: 'Search and command palette',
  order: 20,
  items: [
    { keys: ['↑/↓'], description: 'Move between results' },
    { keys: ['Enter'], description: 'Open the ticket or run the command' },
    { keys: ['Esc'], description: 'Close the palette' },
  ],
});

type Item =
  | { kind: 'command'; key: string; command: PaletteCommand }
  | { kind: 'ticket'; key: string; result: SearchResult };

const MAX_COMMANDS = 4;

const IndexLine = () => {
  const status = useIndexStatus();
  if (status.phase === 'building' || status.phase === 'checking') {
    const of = status.total ? ` of ${status.total.toLocaleString()}` : '';
    return (
      <Group gap={6} wrap="nowrap">
        <Loader size={10} />
        <Text size="xs" c="dimmed">
          {status.phase === 'building' ? 'Indexing' : 'Checking'} {status.scanned.toLocaleString()}
          {of} tickets…
        </Text>
      </Group>
    );
  }
  if (status.phase === 'failed') {
    return (
      <Text size="xs" c="red.8">
        Search index problem: {status.error}
      </Text>
    );
  }
  return (
    <Text size="xs" c="dimmed" data-testid="palette-index-status">
      {status.indexed.toLocaleString()} tickets on this device · works offline
    </Text>
  );
};

const TicketRow = ({ result }: { result: SearchResult }) => (
  <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
    <Group gap="sm" wrap="nowrap" justify="space-between">
      <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
        <Text size="sm" ff="monospace" c="dimmed" style={{ flexShrink: 0 }}>
          {result.label}
        </Text>
        <Text size="sm" fw={500} truncate>
          <Highlighted segments={result.title} />
        </Text>
      </Group>
      <Group gap={6} wrap="nowrap" style={{ flexShrink: 0 }}>
        <StateBadge state={result.state} />
        <PriorityBadge priority={result.priority} />
      </Group>
    </Group>
    {result.snippet ? (
      <Text size="xs" c="dimmed" lineClamp={2}>
        {result.snippet.source === 'comment' ? (
          <Text span size="xs" fw={600} c="dimmed">
            Comment:{' '}
          </Text>
        ) : null}
        <Highlighted segments={result.snippet.segments} />
      </Text>
    ) : null}
  </Stack>
);

const CommandRow = ({ command }: { command: PaletteCommand }) => (
  <Group justify="space-between" wrap="nowrap" style={{ flex: 1 }}>
    <Text size="sm">{command.label}</Text>
    {command.keys ? (
      <Group gap={4} wrap="nowrap" aria-hidden="true">
        {command.keys.map((k) => (
          <Kbd key={k} size="xs">
            {k}
          </Kbd>
        ))}
      </Group>
    ) : null}
  </Group>
);

/**
 * Ctrl/⌘+K: one field that finds tickets (number, title, description,
 * comments) and runs commands. The WAI-ARIA combobox pattern: focus stays
 * in the field, arrows move the active option, Enter opens it.
 */
export const CommandPalette = (props: { user: Profile; onShowShortcuts: () => void }) => {
  const opened = usePalette((s) => s.opened);
  const close = usePalette((s) => s.close);
  // Signing out (the shell unmounting) closes it: the next session starts without it.
  useEffect(() => close, [close]);
  return (
    <Modal.Root
      opened={opened}
      onClose={close}
      size="xl"
      yOffset="10vh"
      centered={false}
      trapFocus
      returnFocus
    >
      <Modal.Overlay backgroundOpacity={0.35} />
      <Modal.Content data-testid="command-palette">
        {opened ? <PaletteBody {...props} onClose={close} /> : null}
      </Modal.Content>
    </Modal.Root>
  );
};

const PaletteBody = (props: {
  user: Profile;
  onShowShortcuts: () => void;
  onClose: () => void;
}) => {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const base = useId();
  const { response, pending, error } = useSearch(query);
  const commands = useMemo(() => paletteCommands(props.user), [props.user]);
  const matchedCommands = useMemo(
    () => matchCommands(commands, query).slice(0, query.trim() ? MAX_COMMANDS : commands.length),
    [commands, query],
  );
  const searching = query.trim() !== '';
  const items: Item[] = [
    ...matchedCommands.map((c): Item => ({ kind: 'command', key: `c-${c.id}`, command: c })),
    ...(searching ? (response?.results ?? []) : []).map((r): Item => ({
      kind: 'ticket',
      key: `t-${r.id}`,
      result: r,
    })),
  ];
  const current = Math.min(active, Math.max(0, items.length - 1));
  const optionId = (i: number) => `${base}-option-${i}`;

  const run = (item: Item | undefined) => {
    if (!item) return;
    props.onClose();
    if (item.kind === 'ticket') navigate(`/tickets/${item.result.id}`);
    else if (item.command.action.kind === 'navigate') navigate(item.command.action.path);
    else props.onShowShortcuts();
  };

  const move = (to: number) => {
    if (items.length === 0) return;
    const next = (to + items.length) % items.length;
    setActive(next);
    document.getElementById(optionId(next))?.scrollIntoView?.({ block: 'nearest' });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') move(current + 1);
    else if (e.key === 'ArrowUp') move(current - 1);
    else if (e.key === 'PageDown') move(Math.min(items.length - 1, current + 5));
    else if (e.key === 'PageUp') move(Math.max(0, current - 5));
    else if (e.key === 'Enter') run(items[current]);
    else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') props.onClose();
    else return;
    e.preventDefault();
  };

  const ticketCount = items.filter((i) => i.kind === 'ticket').length;
  const firstTicket = items.findIndex((i) => i.kind === 'ticket');
  const listboxId = `${base}-listbox`;
  return (
    <>
      <VisuallyHidden>
        <Modal.Title>Search tickets and commands</Modal.Title>
      </VisuallyHidden>
      <Box className="outpost-palette-field">
        <input
          className="outpost-palette-input"
          // The palette exists to be typed into the moment it opens.
          autoFocus
          role="combobox"
          aria-label="Search tickets or type a command"
          aria-expanded={items.length > 0}
          aria-controls={listboxId}
          aria-autocomplete="list"
          aria-activedescendant={items.length > 0 ? optionId(current) : undefined}
          placeholder="Search tickets by number, words or comments — or type a command"
          value={query}
          onChange={(e) => {
            setQuery(e.currentTarget.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
          spellCheck={false}
          autoComplete="off"
        />
        {pending ? <Loader size="xs" aria-label="Searching" /> : null}
      </Box>
      <div role="listbox" id={listboxId} aria-label="Results" className="outpost-palette-list">
        {items.map((item, i) => (
          <div key={item.key}>
            {i === 0 && item.kind === 'command' ? (
              <div className="outpost-palette-group" aria-hidden="true">
                Commands
              </div>
            ) : null}
            {i === firstTicket ? (
              <div className="outpost-palette-group" aria-hidden="true">
                Tickets
              </div>
            ) : null}
            <div
              id={optionId(i)}
              role="option"
              aria-selected={i === current}
              data-active={i === current || undefined}
              className="outpost-palette-option"
              data-testid={
                item.kind === 'ticket' ? `palette-ticket-${item.result.label}` : undefined
              }
              onMouseMove={() => i !== current && setActive(i)}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => run(item)}
            >
              {item.kind === 'ticket' ? (
                <TicketRow result={item.result} />
              ) : (
                <CommandRow command={item.command} />
              )}
            </div>
          </div>
        ))}
        {searching && !pending && response?.query === query && ticketCount === 0 ? (
          <Text size="sm" c="dimmed" px="md" py="lg" ta="center" data-testid="palette-empty">
            No tickets match “{query.trim()}”.
            {response.status.phase === 'building' ? ' The index is still being built.' : ''}
          </Text>
        ) : null}
        {error ? (
          <Text size="sm" c="red.8" px="md" py="sm" role="alert">
            Search failed: {error}
          </Text>
        ) : null}
      </div>
      <Group className="outpost-palette-footer" justify="space-between" wrap="nowrap">
        <Group gap={12} wrap="nowrap" aria-hidden="true">
          <Text size="xs" c="dimmed">
            <Kbd size="xs">↑</Kbd> <Kbd size="xs">↓</Kbd> move
          </Text>
          <Text size="xs" c="dimmed">
            <Kbd size="xs">Enter</Kbd> open
          </Text>
          <Text size="xs" c="dimmed">
            <Kbd size="xs">Esc</Kbd> close
          </Text>
        </Group>
        <IndexLine />
      </Group>
      <VisuallyHidden aria-live="polite">
        {searching && response?.query === query
          ? `${ticketCount} ticket${ticketCount === 1 ? '' : 's'} found`
          : ''}
      </VisuallyHidden>
    </>
  );
};
