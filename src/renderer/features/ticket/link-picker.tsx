import { findTickets } from '../../db/ticket-packs';
import {
  Alert,
  Button,
  Group,
  Modal,
  Select,
  Stack,
  Text,
  TextInput,
  UnstyledButton,
} from '@mantine/core';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { LinkKind } from '../../../shared/domain/link';
import type { TicketType } from '../../../shared/domain/states';
import { ticketLabel, type Ticket } from '../../../shared/domain/ticket';
import { useOutpostDb } from '../../app/db-context';
import { StateBadge } from '../../ui/ticket-badges';
import { useMutate } from './use-mutate';
import type { Directory } from './use-ticket-data';

interface KindOption {
  value: string;
  kind: LinkKind;
  label: string;
  target: 'ticket' | 'article' | 'ci';
  types?: TicketType[];
}

/** The relations that make sense from this ticket's type (the hub checks them again). */
export const linkOptions = (type: TicketType): KindOption[] => {
  const common: KindOption[] = [
    { value: 'related', kind: 'related', label: 'Related ticket', target: 'ticket' },
    {
      value: 'documented_in',
      kind: 'documented_in',
      label: 'Knowledge article',
      target: 'article',
    },
    { value: 'affects', kind: 'affects', label: 'Configuration item it affects', target: 'ci' },
  ];
  const byType: Record<TicketType, KindOption[]> = {
    incident: [
      {
        value: 'caused_by',
        kind: 'caused_by',
        label: 'Caused by a problem or change',
        target: 'ticket',
        types: ['problem', 'change'],
      },
    ],
    problem: [
      {
        value: 'causes',
        kind: 'caused_by',
        label: 'Incident this problem causes',
        target: 'ticket',
        types: ['incident'],
      },
      {
        value: 'fixed_by',
        kind: 'fixed_by',
        label: 'Fixed by a change',
        target: 'ticket',
        types: ['change'],
      },
    ],
    change: [
      {
        value: 'fixes',
        kind: 'fixed_by',
        label: 'Problem this change fixes',
        target: 'ticket',
        types: ['problem'],
      },
      {
        value: 'caused',
        kind: 'caused_by',
        label: 'Incident this change caused',
        target: 'ticket',
        types: ['incident'],
      },
    ],
    request: [],
  };
  return [...byType[type], ...common];
};

interface Candidate {
  id: string;
  primary: string;
  secondary: string;
  state?: string;
}

const MAX_RESULTS = 12;

/**
 * Finds what to link among the records on this device: tickets by number or
 * title words, knowledge articles, configuration items.
 */
export const LinkPicker = (props: {
  ticket: Ticket;
  dir: Directory;
  opened: boolean;
  onClose: () => void;
}) => {
  const db = useOutpostDb();
  const mutate = useMutate();
  const options = linkOptions(props.ticket.type);
  const [choice, setChoice] = useState(options[0]!.value);
  const [query, setQuery] = useState('');
  const [error, setError] = useState<string | null>(null);
  const option = options.find((o) => o.value === choice) ?? options[0]!;
  const q = query.trim().toLowerCase();
  const words = q.split(/\s+/).filter(Boolean);
  const matches = (text: string) => words.every((w) => text.toLowerCase().includes(w));

  const candidates = useLiveQuery(async (): Promise<Candidate[]> => {
    if (option.target === 'ticket') {
      const types = option.types ?? ['incident', 'request', 'problem', 'change'];
      const rows = await findTickets(
        db,
        types,
        (t) => t.id !== props.ticket.id && matches(`${ticketLabel(t)} ${t.title}`),
        MAX_RESULTS,
      );
      return rows.map((t) => ({
        id: t.id,
        primary: ticketLabel(t),
        secondary: t.title,
        state: t.state,
      }));
    }
    if (option.target === 'article') {
      return [...props.dir.articles.values()]
        .filter((a) => a.state !== 'retired' && matches(`${a.number ?? ''} ${a.title}`))
        .slice(0, MAX_RESULTS)
        .map((a) => ({ id: a.id, primary: a.number ?? 'KB', secondary: a.title }));
    }
    return [...props.dir.cis.values()]
      .filter((c) => c.status !== 'retired' && matches(`${c.name} ${c.kind}`))
      .slice(0, MAX_RESULTS)
      .map((c) => ({ id: c.id, primary: c.name, secondary: c.kind }));
  }, [db, option.value, q, props.dir, props.ticket.id]);

  const close = () => {
    setError(null);
    setQuery('');
    props.onClose();
  };
  const link = async (id: string) => {
    setError(null);
    const r = await mutate('ticket.link', {
      fromId: props.ticket.id,
      kind: option.kind,
      to: { kind: option.target, id },
    });
    if (r.ok) close();
    else setError(r.error.message);
  };

  return (
    <Modal opened={props.opened} onClose={close} title="Add a link" size="lg">
      <Stack gap="sm">
        <Select
          label="Link to"
          data={options.map((o) => ({ value: o.value, label: o.label }))}
          value={choice}
          onChange={(v) => v && setChoice(v)}
          allowDeselect={false}
          comboboxProps={{ withinPortal: false }}
        />
        <TextInput
          label="Search"
          placeholder={
            option.target === 'ticket' ? 'Number or words from the title' : 'Name or words'
          }
          value={query}
          onChange={(e) => setQuery(e.currentTarget.value)}
          data-autofocus
        />
        <Stack gap={2} role="list" aria-label="Matches">
          {(candidates ?? []).map((c) => (
            <UnstyledButton
              key={c.id}
              role="listitem"
              onClick={() => void link(c.id)}
              className="outpost-pick-row"
              p={6}
            >
              <Group gap={8} wrap="nowrap">
                <Text size="sm" ff="monospace" fw={600} style={{ flex: 'none' }}>
                  {c.primary}
                </Text>
                <Text size="sm" truncate style={{ flex: 1 }}>
                  {c.secondary}
                </Text>
                {c.state ? <StateBadge state={c.state} /> : null}
              </Group>
            </UnstyledButton>
          ))}
          {candidates && candidates.length === 0 ? (
            <Text size="sm" c="dimmed" p={6}>
              Nothing on this device matches{q ? ` “${query.trim()}”` : ''}.
            </Text>
          ) : null}
        </Stack>
        {error ? (
          <Alert color="red" variant="light" role="alert">
            {error}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Close
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
};
