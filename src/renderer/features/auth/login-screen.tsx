import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useRef, useState, type FormEvent } from 'react';
import { loginRequestSchema } from '../../../shared/api/accounts';
import { describeWait, type ApiError } from '../../api/errors';
import { useServices } from '../../app/services';
import { useSession } from '../../session/session-store';
import { fieldErrorsFrom, type FieldErrors } from '../../ui/form-errors';
import { IconAlert } from '../../ui/icons';
import { AuthFrame } from './auth-frame';

type Field = 'username' | 'password';
const labels: Record<Field, string> = { username: 'Username', password: 'Password' };

/** What to tell the person signing in, for each way sign-in can fail. */
export const signInErrorMessage = (error: ApiError): string => {
  if (error.kind === 'unreachable') {
    return 'Outpost cannot reach the hub. Check your network connection and try again.';
  }
  if (error.kind === 'invalid-response') return error.message;
  switch (error.code) {
    case 'INVALID_CREDENTIALS':
      // The hub's wording is deliberately generic (no hint whether the user exists).
      return error.message;
    case 'RATE_LIMITED':
      return error.retryAfterSeconds !== null
        ? `Too many sign-in attempts. Wait ${describeWait(error.retryAfterSeconds)} before trying again.`
        : error.message;
    default:
      return error.message;
  }
};

export const LoginScreen = () => {
  const { session } = useServices();
  const phase = useSession((s) => s.phase);
  const hubOrigin = useSession((s) => s.hubOrigin);
  const notice = phase.name === 'signed-out' ? phase.notice : null;
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const usernameRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const parsed = loginRequestSchema.safeParse({ username: username.trim(), password });
    if (!parsed.success) {
      const fe = fieldErrorsFrom(parsed.error, labels);
      setErrors(fe);
      setFormError(null);
      (fe.username ? usernameRef : passwordRef).current?.focus();
      return;
    }
    setErrors({});
    setFormError(null);
    setBusy(true);
    const r = await session.signIn(parsed.data.username, parsed.data.password);
    if (r.ok) return; // The gate swaps this screen for the shell.
    setBusy(false);
    setFormError(signInErrorMessage(r.error));
    if (r.error.kind === 'hub' && r.error.code === 'INVALID_CREDENTIALS') {
      // Keep what was typed, but make retyping the password one keystroke away.
      passwordRef.current?.focus();
      passwordRef.current?.select();
    }
  };

  return (
    <AuthFrame
      title="Sign in"
      subtitle="Use the account your service-desk administrator gave you."
      footer={hubOrigin ? `Hub: ${hubOrigin}` : undefined}
    >
      <form onSubmit={submit} noValidate aria-label="Sign in">
        <Stack gap="md">
          {notice && !formError ? (
            <Alert variant="light" color="gray" data-testid="login-notice">
              {notice}
            </Alert>
          ) : null}
          {formError ? (
            <Alert
              variant="light"
              color="red"
              icon={<IconAlert size={18} />}
              role="alert"
              data-testid="login-error"
            >
              {formError}
            </Alert>
          ) : null}
          <TextInput
            ref={usernameRef}
            label="Username"
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            autoFocus
            value={username}
            onChange={(e) => setUsername(e.currentTarget.value)}
            error={errors.username}
          />
          <PasswordInput
            ref={passwordRef}
            label="Password"
            name="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={errors.password}
          />
          <Button type="submit" loading={busy} fullWidth mt="xs">
            Sign in
          </Button>
        </Stack>
      </form>
    </AuthFrame>
  );
};
