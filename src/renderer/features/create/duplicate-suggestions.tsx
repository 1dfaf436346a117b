import { ticketById } from '../../db/ticket-packs';
import { Button, Drawer, Group, Paper, Stack, Text, UnstyledButton } from '@mantine/core';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { ticketLabel } from '../../../shared/domain/ticket';
import { useOutpostDb } from '../../app/db-context';
import { navigate } from '../../app/router';
import { Markdown } from '../../ui/markdown';
import { formatRelative } from '../../ui/time-format';
import { PriorityBadge, StateBadge } from '../../ui/ticket-badges';
import { useNow } from '../../ui/use-now';
import { Highlighted } from '../search/highlighted';
import { useSearch } from '../search/search-context';

/** Typing pauses this long before the title is looked up. */
export const DUPLICATE_DELAY_MS = 300;
const MIN_TITLE = 3;

/**
 * While a title is typed, open tickets that look like the same issue, from
 * the local index: the agent can open one and link or comment there
 * instead of raising a duplicate. The draft stays as it is.
 */
export const DuplicateSuggestions = ({ title }: { title: string }) => {
  const query = title.trim().length >= MIN_TITLE ? title.trim() : '';
  const { response } = useSearch(
    query,
    { openOnly: true, limit: 5, match: 'some' },
    DUPLICATE_DELAY_MS,
  );
  const [preview, setPreview] = useState<string | null>(null);
  const results = query && response ? response.results : [];
  return (
    <div aria-live="polite">
      {results.length > 0 ? (
        <Paper
          withBorder
          radius="md"
          p="sm"
          bg="yellow.0"
          style={{ borderColor: 'var(--mantine-color-yellow-4)' }}
          data-testid="duplicate-suggestions"
          role="region"
          aria-label="Possibly the same issue"
        >
          <Text size="sm" fw={600}>
            Possibly the same issue
          </Text>
          <Text size="xs" c="dimmed" mb={6}>
            Open tickets that look alike. Check them before raising a new one; your draft is kept.
          </Text>
          <Stack gap={2}>
            {results.map((r) => (
              <UnstyledButton
                key={r.id}
                onClick={() => setPreview(r.id)}
                className="outpost-duplicate-row"
                data-testid={`duplicate-${r.label}`}
                aria-label={`Preview ${r.label}: ${r.title.map((s) => s.text).join('')}`}
              >
                <Group gap="sm" wrap="nowrap" justify="space-between">
                  <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
                    <Text size="sm" ff="monospace" c="dimmed" style={{ flexShrink: 0 }}>
                      {r.label}
                    </Text>
                    <Text size="sm" truncate>
                      <Highlighted segments={r.title} />
                    </Text>
                  </Group>
                  <StateBadge state={r.state} />
                </Group>
              </UnstyledButton>
            ))}
          </Stack>
        </Paper>
      ) : null}
      <TicketPreview id={preview} onClose={() => setPreview(null)} />
    </div>
  );
};

/** A side panel with the ticket, so the form stays where it is. */
const TicketPreview = ({ id, onClose }: { id: string | null; onClose: () => void }) => {
  const db = useOutpostDb();
  const now = useNow(60_000);
  const data = useLiveQuery(async () => {
    if (!id) return null;
    const ticket = await ticketById(db, id);
    if (!ticket) return null;
    const [requester, queue] = await Promise.all([
      db.users.get(ticket.requesterId),
      db.queues.get(ticket.queueId),
    ]);
    return { ticket, requester, queue };
  }, [db, id]);
  const t = data?.ticket;
  return (
    <Drawer
      opened={id !== null}
      onClose={onClose}
      position="right"
      size="lg"
      title={t ? `${ticketLabel(t)} · ${t.title}` : 'Ticket'}
      closeButtonProps={{ 'aria-label': 'Close preview' }}
    >
      {t ? (
        <Stack gap="md" data-testid="duplicate-preview">
          <Group gap="xs">
            <StateBadge state={t.state} />
            <PriorityBadge priority={t.priority} />
          </Group>
          <Text size="sm" c="dimmed">
            Raised by {data?.requester?.displayName ?? 'an unknown user'} for{' '}
            {data?.queue?.name ?? 'a queue you do not see'} · updated{' '}
            {formatRelative(t.updatedAt, now)}
          </Text>
          {t.description.trim() ? (
            <Markdown text={t.description} />
          ) : (
            <Text size="sm" c="dimmed">
              No description.
            </Text>
          )}
          <Group>
            <Button onClick={() => navigate(`/tickets/${t.id}`)}>Open {ticketLabel(t)}</Button>
            <Button variant="default" onClick={onClose}>
              Back to my draft
            </Button>
          </Group>
        </Stack>
      ) : (
        <Text size="sm" c="dimmed">
          This ticket is no longer on this device.
        </Text>
      )}
    </Drawer>
  );
};
