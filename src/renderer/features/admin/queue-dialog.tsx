import { Alert, Button, Group, Modal, Stack, TextInput, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { Queue } from '../../../shared/domain/accounts';
import { describeApiError } from '../../api/errors';
import { notifySuccess } from '../../ui/notify';
import { useServices } from '../../app/services';
import { fieldOfHubError, type FieldErrors } from '../../ui/form-errors';
import { IconAlert } from '../../ui/icons';
import { checkNewQueue, checkQueueEdit, queueFieldLabels, type QueueField } from './queue-form';

/** Create a queue, or rename / re-describe one (`queue` given). */
export const QueueDialog = (props: {
  queue?: Queue;
  onClose: () => void;
  onSaved: (queue: Queue) => void;
}) => {
  const { accounts } = useServices();
  const editing = props.queue;
  const [values, setValues] = useState({
    name: editing?.name ?? '',
    description: editing?.description ?? '',
  });
  const [errors, setErrors] = useState<FieldErrors<QueueField>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const checked = editing ? checkQueueEdit(editing, values) : checkNewQueue(values);
    setFormError(null);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    if (editing && Object.keys(checked.value).length === 0) {
      props.onClose();
      return;
    }
    setBusy(true);
    const r = editing
      ? await accounts.updateQueue(editing.id, checked.value)
      : await accounts.createQueue({ name: values.name, description: values.description });
    setBusy(false);
    if (!r.ok) {
      const onField = fieldOfHubError(r.error, queueFieldLabels);
      if (onField) setErrors({ [onField.field]: onField.message });
      else setFormError(describeApiError(r.error));
      return;
    }
    notifySuccess(editing ? `Saved queue ${r.value.name}.` : `Queue ${r.value.name} created.`);
    props.onSaved(r.value);
  };

  return (
    <Modal opened onClose={props.onClose} title={editing ? `Edit ${editing.name}` : 'New queue'}>
      <form onSubmit={submit} noValidate aria-label={editing ? 'Edit queue' : 'New queue'}>
        <Stack gap="md">
          {formError ? (
            <Alert color="red" variant="light" icon={<IconAlert size={18} />} role="alert">
              {formError}
            </Alert>
          ) : null}
          <TextInput
            label={queueFieldLabels.name}
            description="The assignment group, e.g. Service Desk, Network, Field Services"
            data-autofocus
            value={values.name}
            onChange={(e) => {
              const name = e.currentTarget.value;
              setValues((v) => ({ ...v, name }));
            }}
            error={errors.name}
          />
          <Textarea
            label={queueFieldLabels.description}
            description="Optional: what this queue handles"
            autosize
            minRows={2}
            maxRows={6}
            value={values.description}
            onChange={(e) => {
              const description = e.currentTarget.value;
              setValues((v) => ({ ...v, description }));
            }}
            error={errors.description}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={busy}>
              {editing ? 'Save changes' : 'Create queue'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
};
