import { Alert, Button, Code, List, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { setupRequestSchema, type SetupStatus } from '../../../shared/api/accounts';
import { describeApiError } from '../../api/errors';
import { useServices } from '../../app/services';
import { useSession } from '../../session/session-store';
import { fieldErrorsFrom, fieldOfHubError, type FieldErrors } from '../../ui/form-errors';
import { IconAlert, IconServer } from '../../ui/icons';
import { AuthFrame } from './auth-frame';

type Field = 'displayName' | 'username' | 'password' | 'confirm';
const labels: Record<Field, string> = {
  displayName: 'Your name',
  username: 'Username',
  password: 'Password',
  confirm: 'Repeat password',
};

/** Why set-up must happen on the hub machine, and the two ways to do it. */
const SetupElsewhere = () => {
  const { session } = useServices();
  return (
    <Stack gap="md">
      <Alert variant="light" color="accent" icon={<IconServer size={18} />}>
        For safety, the first administrator can only be created on the hub machine itself.
      </Alert>
      <Text size="sm">Do one of these on the machine that runs the hub:</Text>
      <List size="sm" spacing="xs" type="ordered">
        <List.Item>
          Open <Code>http://127.0.0.1:7410</Code> in a browser there and fill in this form.
        </List.Item>
        <List.Item>
          Or start the hub with <Code>OUTPOST_INIT_ADMIN=username:password</Code> set in its
          environment.
        </List.Item>
      </List>
      <Text size="sm" c="dimmed">
        Then come back here and sign in.
      </Text>
      <Button variant="default" onClick={() => void session.start()}>
        Check again
      </Button>
    </Stack>
  );
};

const SetupForm = () => {
  const { session } = useServices();
  const [values, setValues] = useState<Record<Field, string>>({
    displayName: '',
    username: '',
    password: '',
    confirm: '',
  });
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (field: Field) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setValues((v) => ({ ...v, [field]: value }));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const parsed = setupRequestSchema.safeParse(values);
    const fe: FieldErrors<Field> = parsed.success ? {} : fieldErrorsFrom(parsed.error, labels);
    if (values.confirm !== values.password) fe.confirm = 'The two passwords differ';
    setErrors(fe);
    setFormError(null);
    if (!parsed.success || fe.confirm) return;
    setBusy(true);
    const r = await session.completeSetup(parsed.data);
    if (r.ok) return;
    setBusy(false);
    const onField = fieldOfHubError(r.error, labels);
    if (onField) setErrors({ [onField.field]: onField.message });
    else setFormError(describeApiError(r.error));
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Create the first administrator">
      <Stack gap="md">
        {formError ? (
          <Alert variant="light" color="red" icon={<IconAlert size={18} />} role="alert">
            {formError}
          </Alert>
        ) : null}
        <TextInput
          label={labels.displayName}
          description="Shown to your team, e.g. Dana Whitfield"
          autoComplete="name"
          autoFocus
          value={values.displayName}
          onChange={set('displayName')}
          error={errors.displayName}
        />
        <TextInput
          label={labels.username}
          description="Letters, digits, dot, underscore, @ and dash"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          value={values.username}
          onChange={set('username')}
          error={errors.username}
        />
        <PasswordInput
          label={labels.password}
          description="At least 10 characters"
          autoComplete="new-password"
          value={values.password}
          onChange={set('password')}
          error={errors.password}
        />
        <PasswordInput
          label={labels.confirm}
          autoComplete="new-password"
          value={values.confirm}
          onChange={set('confirm')}
          error={errors.confirm}
        />
        <Button type="submit" loading={busy} fullWidth mt="xs">
          Create administrator and sign in
        </Button>
      </Stack>
    </form>
  );
};

/** First run: the hub has no users yet. */
export const SetupScreen = ({ setup }: { setup: SetupStatus }) => {
  const hubOrigin = useSession((s) => s.hubOrigin);
  return (
    <AuthFrame
      title="Set up this hub"
      subtitle={
        setup.canSetupHere
          ? 'Nobody has an account yet. Create the first administrator; they can then add the rest of the team.'
          : 'This hub has no administrator yet.'
      }
      footer={hubOrigin ? `Hub: ${hubOrigin}` : undefined}
      width={440}
    >
      {setup.canSetupHere ? <SetupForm /> : <SetupElsewhere />}
    </AuthFrame>
  );
};
