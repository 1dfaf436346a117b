import {
  Alert,
  Button,
  Checkbox,
  Group,
  Modal,
  MultiSelect,
  PasswordInput,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { roles, type Queue, type Role, type User } from '../../../shared/domain/accounts';
import { describeApiError, type ApiResult } from '../../api/errors';
import { notifySuccess } from '../../ui/notify';
import { useServices } from '../../app/services';
import { roleLabels } from '../../app/user-menu';
import { fieldOfHubError, type FieldErrors } from '../../ui/form-errors';
import { IconAlert } from '../../ui/icons';
import {
  checkNewPassword,
  checkNewUser,
  checkUserEdit,
  editValuesOf,
  emptyUserForm,
  roleDescriptions,
  userFieldLabels,
  type UserField,
  type UserFormValues,
} from './user-form';

/** Submitting state shared by the dialogs: hub errors land on a field or above the form. */
const useSubmit = () => {
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const run = async <T,>(
    call: () => Promise<ApiResult<T>>,
    onFieldError: (field: UserField, message: string) => void,
  ): Promise<T | null> => {
    setBusy(true);
    setFormError(null);
    const r = await call();
    setBusy(false);
    if (r.ok) return r.value;
    const onField = fieldOfHubError(r.error, userFieldLabels);
    if (onField) onFieldError(onField.field, onField.message);
    else setFormError(describeApiError(r.error));
    return null;
  };
  return { busy, formError, run };
};

const FormError = ({ message }: { message: string | null }) =>
  message ? (
    <Alert color="red" variant="light" icon={<IconAlert size={18} />} role="alert">
      {message}
    </Alert>
  ) : null;

const queueOptions = (queues: Queue[], selected: string[]) =>
  queues
    .filter((q) => !q.disabled || selected.includes(q.id))
    .map((q) => ({ value: q.id, label: q.disabled ? `${q.name} (disabled)` : q.name }));

const RolesField = (props: { value: Role[]; onChange: (v: Role[]) => void; error?: string }) => (
  <Checkbox.Group
    label={userFieldLabels.roles}
    value={props.value}
    onChange={(v) => props.onChange(v as Role[])}
    error={props.error}
  >
    <Stack gap={8} mt={6}>
      {roles.map((r) => (
        <Checkbox key={r} value={r} label={roleLabels[r]} description={roleDescriptions[r]} />
      ))}
    </Stack>
  </Checkbox.Group>
);

export const CreateUserDialog = (props: {
  queues: Queue[];
  onClose: () => void;
  onSaved: (user: User) => void;
}) => {
  const { accounts } = useServices();
  const [values, setValues] = useState<UserFormValues>(emptyUserForm);
  const [errors, setErrors] = useState<FieldErrors<UserField>>({});
  const { busy, formError, run } = useSubmit();
  const set = <K extends keyof UserFormValues>(k: K, v: UserFormValues[K]) =>
    setValues((s) => ({ ...s, [k]: v }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const checked = checkNewUser(values);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    const user = await run(
      () => accounts.createUser(checked.value),
      (field, message) => setErrors({ [field]: message }),
    );
    if (user) {
      notifySuccess(`${user.displayName} can now sign in.`);
      props.onSaved(user);
    }
  };

  return (
    <Modal opened onClose={props.onClose} title="New user" size="lg">
      <form onSubmit={submit} noValidate aria-label="New user">
        <Stack gap="md">
          <FormError message={formError} />
          <Group grow align="flex-start">
            <TextInput
              label={userFieldLabels.displayName}
              data-autofocus
              value={values.displayName}
              onChange={(e) => set('displayName', e.currentTarget.value)}
              error={errors.displayName}
            />
            <TextInput
              label={userFieldLabels.username}
              autoCapitalize="none"
              spellCheck={false}
              value={values.username}
              onChange={(e) => set('username', e.currentTarget.value)}
              error={errors.username}
            />
          </Group>
          <Group grow align="flex-start">
            <TextInput
              label={userFieldLabels.email}
              description="Optional"
              type="email"
              value={values.email}
              onChange={(e) => set('email', e.currentTarget.value)}
              error={errors.email}
            />
            <PasswordInput
              label="Initial password"
              description="At least 10 characters; share it privately"
              autoComplete="new-password"
              value={values.password}
              onChange={(e) => set('password', e.currentTarget.value)}
              error={errors.password}
            />
          </Group>
          <RolesField value={values.roles} onChange={(v) => set('roles', v)} error={errors.roles} />
          <MultiSelect
            label={userFieldLabels.queueIds}
            description="Agents see the tickets of the queues they belong to"
            placeholder={values.queueIds.length ? undefined : 'No queues'}
            data={queueOptions(props.queues, values.queueIds)}
            value={values.queueIds}
            onChange={(v) => set('queueIds', v)}
            error={errors.queueIds}
            searchable
            nothingFoundMessage="No queue with that name"
            comboboxProps={{ withinPortal: true }}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={busy}>
              Create user
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
};

export const EditUserDialog = (props: {
  user: User;
  queues: Queue[];
  onClose: () => void;
  onSaved: (user: User) => void;
}) => {
  const { accounts } = useServices();
  const [values, setValues] = useState(() => editValuesOf(props.user));
  const [errors, setErrors] = useState<FieldErrors<UserField>>({});
  const { busy, formError, run } = useSubmit();
  const set = <K extends keyof typeof values>(k: K, v: (typeof values)[K]) =>
    setValues((s) => ({ ...s, [k]: v }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const checked = checkUserEdit(props.user, values);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    if (Object.keys(checked.value).length === 0) {
      props.onClose();
      return;
    }
    const user = await run(
      () => accounts.updateUser(props.user.id, checked.value),
      (field, message) => setErrors({ [field]: message }),
    );
    if (user) {
      notifySuccess(`Saved changes to ${user.displayName}.`);
      props.onSaved(user);
    }
  };

  return (
    <Modal opened onClose={props.onClose} title={`Edit ${props.user.displayName}`} size="lg">
      <form onSubmit={submit} noValidate aria-label="Edit user">
        <Stack gap="md">
          <FormError message={formError} />
          <Group grow align="flex-start">
            <TextInput
              label={userFieldLabels.displayName}
              data-autofocus
              value={values.displayName}
              onChange={(e) => set('displayName', e.currentTarget.value)}
              error={errors.displayName}
            />
            <TextInput label={userFieldLabels.username} value={props.user.username} readOnly />
          </Group>
          <TextInput
            label={userFieldLabels.email}
            description="Optional"
            type="email"
            value={values.email}
            onChange={(e) => set('email', e.currentTarget.value)}
            error={errors.email}
          />
          <RolesField value={values.roles} onChange={(v) => set('roles', v)} error={errors.roles} />
          <MultiSelect
            label={userFieldLabels.queueIds}
            data={queueOptions(props.queues, values.queueIds)}
            value={values.queueIds}
            onChange={(v) => set('queueIds', v)}
            error={errors.queueIds}
            searchable
            nothingFoundMessage="No queue with that name"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={busy}>
              Save changes
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
};

export const ResetPasswordDialog = (props: {
  user: User;
  onClose: () => void;
  onSaved: (user: User) => void;
}) => {
  const { accounts } = useServices();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<{ password?: string; repeat?: string }>({});
  const { busy, formError, run } = useSubmit();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const checked = checkNewPassword(password, repeat);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    const user = await run(
      () => accounts.updateUser(props.user.id, { password: checked.value }),
      (field, message) => setErrors(field === 'password' ? { password: message } : {}),
    );
    if (user) {
      notifySuccess(`New password set for ${user.displayName}. Share it with them privately.`);
      props.onSaved(user);
    }
  };

  return (
    <Modal opened onClose={props.onClose} title={`Reset password of ${props.user.displayName}`}>
      <form onSubmit={submit} noValidate aria-label="Reset password">
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            The old password stops working as soon as you save.
          </Text>
          <FormError message={formError} />
          <PasswordInput
            label="New password"
            description="At least 10 characters"
            autoComplete="new-password"
            data-autofocus
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={errors.password}
          />
          <PasswordInput
            label="Repeat new password"
            autoComplete="new-password"
            value={repeat}
            onChange={(e) => setRepeat(e.currentTarget.value)}
            error={errors.repeat}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={busy}>
              Set password
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
};
