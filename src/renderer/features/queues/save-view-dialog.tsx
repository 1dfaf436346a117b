import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { SavedViewResult } from './saved-views';

/**
 * Names a view to save (or renames one). The name typed stays in the field
 * when the save is refused, with the reason under it.
 */
interface SaveViewDialogProps {
  opened: boolean;
  title: string;
  initialName: string;
  submitLabel: string;
  hint: string;
  onClose: () => void;
  onSave: (name: string) => Promise<SavedViewResult>;
}

export const SaveViewDialog = (props: SaveViewDialogProps) => (
  <Modal opened={props.opened} onClose={props.onClose} title={props.title} size="sm">
    {/* Mounted per opening, so each starts from the initial name. */}
    {props.opened ? <NameForm {...props} /> : null}
  </Modal>
);

const NameForm = (props: SaveViewDialogProps) => {
  const [name, setName] = useState(props.initialName);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setBusy(true);
    const r = await props.onSave(name);
    setBusy(false);
    if (r.ok) props.onClose();
    else setError(r.error.message);
  };

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Stack gap="md">
        <TextInput
          label="Name"
          data-autofocus
          value={name}
          onChange={(e) => {
            setName(e.currentTarget.value);
            setError(null);
          }}
          error={error}
          maxLength={80}
          placeholder="e.g. P1 and P2 waiting for me"
        />
        <Text size="sm" c="dimmed">
          {props.hint}
        </Text>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={busy}>
            {props.submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
};
