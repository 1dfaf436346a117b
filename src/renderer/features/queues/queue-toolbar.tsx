import {
  Badge,
  Button,
  Checkbox,
  CloseButton,
  Group,
  Kbd,
  Popover,
  ScrollArea,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useState, type RefObject } from 'react';
import type { User } from '../../../shared/domain/accounts';
import { priorityLabel, priorities, type Priority } from '../../../shared/domain/priority';
import { allStates, stateLabel } from '../../../shared/domain/states';
import { IconChevronDown, IconSearch } from '../../ui/icons';
import type { Facets } from './views';
import { isFiltered, slaStateLabels, slaStates, UNASSIGNED, type ViewFilters } from './views';

/**
 * Filters of a queue view: a quick text filter (`/` focuses it), open/all,
 * and one menu per column. Each menu lists the values present in the view,
 * with how many tickets carry them, so nothing offered leads to an empty list.
 */
interface Option {
  value: string;
  label: string;
  count: number;
}

const FilterMenu = (props: {
  label: string;
  selected: readonly string[];
  options: () => Option[];
  onChange: (values: string[]) => void;
}) => {
  const [opened, setOpened] = useState(false);
  const n = props.selected.length;
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-start" shadow="md" withinPortal>
      <Popover.Target>
        <Button
          size="xs"
          variant={n > 0 ? 'light' : 'default'}
          rightSection={<IconChevronDown size={14} />}
          onClick={() => setOpened((o) => !o)}
        >
          {props.label}
          {n > 0 ? (
            <Badge size="xs" ml={6} variant="filled" circle>
              {n}
            </Badge>
          ) : null}
        </Button>
      </Popover.Target>
      {/* Named by its button (Mantine links them with aria-labelledby). */}
      <Popover.Dropdown p="xs">{opened ? <FilterOptions {...props} /> : null}</Popover.Dropdown>
    </Popover>
  );
};

const FilterOptions = (props: {
  label: string;
  selected: readonly string[];
  options: () => Option[];
  onChange: (values: string[]) => void;
}) => {
  const options = props.options();
  return (
    <Stack gap={6} miw={220}>
      {options.length === 0 ? (
        <Text size="sm" c="dimmed" p={4}>
          Nothing to filter by in this view
        </Text>
      ) : (
        <ScrollArea.Autosize mah={320} type="auto">
          <Checkbox.Group value={[...props.selected]} onChange={props.onChange}>
            <Stack gap={6} p={4}>
              {options.map((o) => (
                <Checkbox
                  key={o.value}
                  value={o.value}
                  size="sm"
                  label={
                    <Group gap={6} wrap="nowrap" justify="space-between" w="100%">
                      <Text span size="sm">
                        {o.label}
                      </Text>
                      <Text span size="xs" c="dimmed">
                        {o.count.toLocaleString()}
                      </Text>
                    </Group>
                  }
                />
              ))}
            </Stack>
          </Checkbox.Group>
        </ScrollArea.Autosize>
      )}
      {props.selected.length > 0 ? (
        <Button size="compact-xs" variant="subtle" onClick={() => props.onChange([])}>
          Clear {props.label.toLowerCase()}
        </Button>
      ) : null}
    </Stack>
  );
};

const byCount = (a: Option, b: Option) => b.count - a.count || a.label.localeCompare(b.label);

export interface QueueToolbarProps {
  filters: ViewFilters;
  onChange: (filters: ViewFilters) => void;
  /** Breaching soon is about open work only: no open/all switch. */
  openToggle: boolean;
  facets: () => Facets;
  users: ReadonlyMap<string, User>;
  textRef: RefObject<HTMLInputElement | null>;
  onTextEscape: () => void;
}

export const QueueToolbar = ({
  filters: f,
  onChange,
  openToggle,
  facets,
  users,
  textRef,
  onTextEscape,
}: QueueToolbarProps) => {
  const set = (patch: Partial<ViewFilters>) => onChange({ ...f, ...patch });
  const stateRank = (s: string) => allStates.indexOf(s as never);
  return (
    <Group gap="xs" wrap="wrap" data-testid="queue-toolbar">
      <TextInput
        ref={textRef}
        size="xs"
        w={260}
        aria-label="Filter tickets by number or title"
        placeholder="Filter by number or title"
        leftSection={<IconSearch size={14} />}
        rightSection={
          f.text ? (
            <CloseButton
              size="sm"
              aria-label="Clear text filter"
              onClick={() => set({ text: '' })}
            />
          ) : (
            <Kbd size="xs">/</Kbd>
          )
        }
        value={f.text}
        onChange={(e) => set({ text: e.currentTarget.value })}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            onTextEscape();
          }
        }}
      />
      {openToggle ? (
        <SegmentedControl
          size="xs"
          aria-label="Which tickets"
          value={f.openOnly ? 'open' : 'all'}
          onChange={(v) => set({ openOnly: v === 'open' })}
          data={[
            { value: 'open', label: 'Open' },
            { value: 'all', label: 'All' },
          ]}
        />
      ) : null}
      <FilterMenu
        label="State"
        selected={f.states}
        onChange={(states) => set({ states })}
        options={() =>
          [...facets().states.entries()]
            .sort((a, b) => stateRank(a[0]) - stateRank(b[0]))
            .map(([value, count]) => ({ value, label: stateLabel(value), count }))
        }
      />
      <FilterMenu
        label="Priority"
        selected={f.priorities.map(String)}
        onChange={(values) => set({ priorities: values.map((v) => Number(v) as Priority) })}
        options={() => {
          const counts = facets().priorities;
          return priorities
            .filter((p) => counts.has(p))
            .map((p) => ({ value: String(p), label: priorityLabel(p), count: counts.get(p)! }));
        }}
      />
      <FilterMenu
        label="Assignee"
        selected={f.assignees}
        onChange={(assignees) => set({ assignees })}
        options={() =>
          [...facets().assignees.entries()]
            .map(([value, count]) => ({
              value,
              label:
                value === UNASSIGNED
                  ? 'Unassigned'
                  : (users.get(value)?.displayName ?? 'Unknown user'),
              count,
            }))
            .sort((a, b) =>
              a.value === UNASSIGNED
                ? -1
                : b.value === UNASSIGNED
                  ? 1
                  : a.label.localeCompare(b.label),
            )
        }
      />
      <FilterMenu
        label="Category"
        selected={f.categories}
        onChange={(categories) => set({ categories })}
        options={() =>
          [...facets().categories.entries()]
            .map(([value, count]) => ({ value, label: value || 'No category', count }))
            .sort(byCount)
        }
      />
      <FilterMenu
        label="SLA"
        selected={f.sla}
        onChange={(values) => set({ sla: values as ViewFilters['sla'] })}
        options={() => {
          const counts = facets().sla;
          return slaStates
            .filter((s) => counts.has(s))
            .map((s) => ({ value: s, label: slaStateLabels[s], count: counts.get(s)! }));
        }}
      />
      {isFiltered(f) ? (
        <Button
          size="xs"
          variant="subtle"
          color="gray"
          onClick={() =>
            onChange({
              ...f,
              text: '',
              states: [],
              priorities: [],
              assignees: [],
              categories: [],
              sla: [],
              openOnly: true,
            })
          }
        >
          Clear filters
        </Button>
      ) : null}
    </Group>
  );
};
