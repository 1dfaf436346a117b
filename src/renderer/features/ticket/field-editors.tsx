import {
  Button,
  Group,
  SegmentedControl,
  Select,
  Stack,
  TagsInput,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useState } from 'react';
import { derivePriority, type Level } from '../../../shared/domain/priority';
import type { Ticket } from '../../../shared/domain/ticket';
import { PriorityBadge } from '../../ui/ticket-badges';
import { levelLabels } from './format';
import type { Directory } from './use-ticket-data';

/** In-place editors of the fields panel: Enter or a choice saves, Esc cancels. */
export type Save = (fields: Record<string, unknown>) => Promise<boolean>;

const levelData = [1, 2, 3].map((l) => ({ value: String(l), label: `${l} ${levelLabels[l]}` }));

/** Choosing saves at once; Esc or Cancel leaves the value as it was. */
export const SelectEditor = (props: {
  label: string;
  data: { value: string; label: string }[];
  value: string | null;
  onSave: (v: string | null) => void;
  onCancel: () => void;
  clearable?: boolean;
}) => (
  <Select
    aria-label={props.label}
    data={props.data}
    defaultValue={props.value}
    searchable
    clearable={props.clearable}
    defaultDropdownOpened
    autoFocus
    size="xs"
    nothingFoundMessage="Nothing matches"
    onChange={(v) => props.onSave(v)}
    onKeyDown={(e) => e.key === 'Escape' && props.onCancel()}
    onBlur={props.onCancel}
    comboboxProps={{ withinPortal: true }}
  />
);

export const TextEditor = (props: {
  label: string;
  initial: string;
  multiline?: boolean;
  onSave: (v: string) => void;
  onCancel: () => void;
}) => {
  const [v, setV] = useState(props.initial);
  const Input = props.multiline ? Textarea : TextInput;
  return (
    <Stack gap={4}>
      <Input
        aria-label={props.label}
        value={v}
        onChange={(e: { currentTarget: { value: string } }) => setV(e.currentTarget.value)}
        autoFocus
        size="xs"
        autosize={props.multiline ? true : undefined}
        minRows={props.multiline ? 3 : undefined}
        onKeyDown={(e: React.KeyboardEvent) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            props.onCancel();
          } else if (e.key === 'Enter' && (!props.multiline || e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            props.onSave(v);
          }
        }}
      />
      <Group gap={4} justify="flex-end">
        <Button size="compact-xs" variant="default" onClick={props.onCancel}>
          Cancel
        </Button>
        <Button size="compact-xs" onClick={() => props.onSave(v)}>
          Save
        </Button>
      </Group>
    </Stack>
  );
};

/** Impact and urgency together, with the priority they derive to shown as you choose. */
export const PriorityEditor = (props: {
  ticket: Ticket;
  dir: Directory;
  onSave: Save;
  onCancel: () => void;
}) => {
  const [impact, setImpact] = useState<Level>(props.ticket.impact);
  const [urgency, setUrgency] = useState<Level>(props.ticket.urgency);
  const derived = derivePriority(impact, urgency, props.dir.settings.priorityMatrix);
  const save = () => {
    const fields: Record<string, unknown> = {};
    if (impact !== props.ticket.impact) fields.impact = impact;
    if (urgency !== props.ticket.urgency) fields.urgency = urgency;
    if (Object.keys(fields).length === 0) return props.onCancel();
    void props.onSave(fields);
  };
  return (
    <Stack
      gap={6}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          props.onCancel();
        }
      }}
    >
      <Text size="xs" fw={500}>
        Impact
      </Text>
      <SegmentedControl
        size="xs"
        fullWidth
        data={levelData}
        value={String(impact)}
        onChange={(v) => setImpact(Number(v) as Level)}
        aria-label="Impact"
      />
      <Text size="xs" fw={500}>
        Urgency
      </Text>
      <SegmentedControl
        size="xs"
        fullWidth
        data={levelData}
        value={String(urgency)}
        onChange={(v) => setUrgency(Number(v) as Level)}
        aria-label="Urgency"
      />
      <Group justify="space-between">
        <Group gap={6} data-testid="derived-priority">
          <Text size="xs" c="dimmed">
            Priority becomes
          </Text>
          <PriorityBadge priority={derived} />
        </Group>
        <Group gap={4}>
          <Button size="compact-xs" variant="default" onClick={props.onCancel}>
            Cancel
          </Button>
          <Button size="compact-xs" onClick={save}>
            Save
          </Button>
        </Group>
      </Group>
    </Stack>
  );
};

export const TagsEditor = (props: {
  initial: string[];
  onSave: (v: string[]) => void;
  onCancel: () => void;
}) => {
  const [v, setV] = useState(props.initial);
  return (
    <Stack gap={4}>
      <TagsInput
        aria-label="Tags"
        value={v}
        onChange={setV}
        autoFocus
        size="xs"
        placeholder="Type a tag, Enter to add"
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            props.onCancel();
          }
        }}
      />
      <Group gap={4} justify="flex-end">
        <Button size="compact-xs" variant="default" onClick={props.onCancel}>
          Cancel
        </Button>
        <Button size="compact-xs" onClick={() => props.onSave(v)}>
          Save
        </Button>
      </Group>
    </Stack>
  );
};
