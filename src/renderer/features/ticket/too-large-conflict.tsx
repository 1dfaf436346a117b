import { Alert, Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { useMemo, useState } from 'react';
import type { Conflict } from '../../../shared/domain/conflict';
import { IconAlert } from '../../ui/icons';
import { copyableText, tooLargeSubject } from './conflict-text';

/**
 * An edit the hub refuses as too large even alone (sync/oversized.ts). The
 * conflict is the only place its text still exists, so the user can copy it
 * back out before dismissing. Where the clipboard is not available (an
 * insecure origin, a refused permission) the text is shown read-only and
 * selected, for the user to copy by hand.
 */
export const TooLargeConflict = (props: { conflict: Conflict; onDismiss: () => void }) => {
  const text = useMemo(() => copyableText(props.conflict.mine), [props.conflict.mine]);
  const [copied, setCopied] = useState<'no' | 'yes' | 'by-hand'>('no');
  const subject = tooLargeSubject(props.conflict);

  const copy = async () => {
    try {
      if (typeof navigator.clipboard?.writeText !== 'function') throw new Error('no clipboard');
      await navigator.clipboard.writeText(text);
      setCopied('yes');
    } catch {
      setCopied('by-hand');
    }
  };

  return (
    <Alert
      color="red"
      variant="light"
      icon={<IconAlert size={18} />}
      title={`${subject} was too large to send`}
      role="alert"
      data-testid="conflict"
    >
      <Stack gap={6}>
        <Text size="sm">
          The hub does not accept a change this large, so it was not saved there. What you typed is
          kept here: copy it, shorten it or attach it as a file, then make the change again.
        </Text>
        {copied === 'yes' ? (
          <Text size="sm" role="status">
            Your text is on the clipboard.
          </Text>
        ) : null}
        {copied === 'by-hand' ? (
          <Textarea
            label="Your text"
            description="Copying is not available here: select the text and copy it (Ctrl+C)."
            value={text}
            readOnly
            autosize
            minRows={3}
            maxRows={12}
            autoFocus
            onFocus={(e) => e.currentTarget.select()}
          />
        ) : null}
        <Group gap="xs">
          <Button size="compact-sm" onClick={() => void copy()}>
            Copy my text
          </Button>
          <Button size="compact-sm" variant="default" onClick={props.onDismiss}>
            Dismiss
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
};
