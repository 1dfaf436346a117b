import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { describeApiError, type ApiResult } from '../api/errors';

/**
 * Asks before a consequential action and runs it; a hub error stays in the
 * dialog instead of closing it, so the admin sees what happened.
 */
export const ConfirmDialog = <T,>(props: {
  opened: boolean;
  title: string;
  body: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  onConfirm: () => Promise<ApiResult<T>>;
  onDone: (value: T) => void;
  onClose: () => void;
}) => {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    setError(null);
    props.onClose();
  };
  const run = async () => {
    setBusy(true);
    setError(null);
    const r = await props.onConfirm();
    setBusy(false);
    if (r.ok) {
      props.onDone(r.value);
      close();
    } else {
      setError(describeApiError(r.error));
    }
  };
  return (
    <Modal opened={props.opened} onClose={close} title={props.title} size="md">
      <Stack gap="md">
        {typeof props.body === 'string' ? <Text size="sm">{props.body}</Text> : props.body}
        {error ? (
          <Alert color="red" variant="light" role="alert">
            {error}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          <Button
            color={props.danger ? 'red' : undefined}
            loading={busy}
            onClick={() => void run()}
          >
            {props.confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
};
