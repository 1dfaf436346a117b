import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { Conflict } from '../../../shared/domain/conflict';
import type { Ticket } from '../../../shared/domain/ticket';
import { baseFor } from '../../../shared/sync/mutations/set-fields';
import { useOutpostDb } from '../../app/db-context';
import { TOO_LARGE_CODE } from '../../sync/oversized';
import { IconAlert } from '../../ui/icons';
import { describeConflict, isFieldConflict } from './conflict-text';
import { TooLargeConflict } from './too-large-conflict';
import { useMutate } from './use-mutate';
import { DISMISSED_PREFIX, type Directory } from './use-ticket-data';

const dismissal = () => ({ at: Date.now() });

/**
 * Edits of this user that lost to someone else's or that the hub refused:
 * shown until re-applied or dismissed (SYNC.md: nothing is silently lost).
 * Dismissal is remembered on this device only, in the local settings table.
 */
export const ConflictsBanner = (props: {
  ticket: Ticket;
  conflicts: Conflict[];
  dismissed: Set<string>;
  userId: string;
  dir: Directory;
}) => {
  const db = useOutpostDb();
  const mutate = useMutate();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const open = props.conflicts
    .filter((c) => c.userId === props.userId && !props.dismissed.has(c.id))
    .sort((a, b) => b.at - a.at);
  if (open.length === 0) return null;

  const dismiss = (c: Conflict) =>
    db.settings.put({ key: `${DISMISSED_PREFIX}${c.id}`, value: dismissal() });

  const reapply = async (c: Conflict) => {
    const fields = { [c.field!]: c.mine };
    const r = await mutate('ticket.setFields', {
      ticketId: props.ticket.id,
      fields,
      base: baseFor(props.ticket, fields),
    });
    if (r.ok) await dismiss(c);
    else setErrors((e) => ({ ...e, [c.id]: r.error.message }));
  };

  return (
    <Stack gap="xs" data-testid="conflicts-banner">
      {open.map((c) => {
        if (c.code === TOO_LARGE_CODE) {
          return <TooLargeConflict key={c.id} conflict={c} onDismiss={() => void dismiss(c)} />;
        }
        const d = describeConflict(c, props.dir, props.ticket);
        const field = isFieldConflict(c);
        return (
          <Alert
            key={c.id}
            color={field ? 'orange' : 'red'}
            variant="light"
            icon={<IconAlert size={18} />}
            title={d.title}
            role="alert"
            data-testid="conflict"
          >
            <Stack gap={6}>
              <Text size="sm">
                {field ? `${d.text.charAt(0).toUpperCase()}${d.text.slice(1)}.` : d.text}
              </Text>
              {errors[c.id] ? (
                <Text size="sm" c="red.8">
                  Re-applying failed: {errors[c.id]}
                </Text>
              ) : null}
              <Group gap="xs">
                {field ? (
                  <Button size="compact-sm" onClick={() => void reapply(c)}>
                    Re-apply mine
                  </Button>
                ) : null}
                <Button size="compact-sm" variant="default" onClick={() => void dismiss(c)}>
                  {field ? 'Keep theirs' : 'Dismiss'}
                </Button>
              </Group>
            </Stack>
          </Alert>
        );
      })}
    </Stack>
  );
};
