import { Alert, Button, PasswordInput, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { OutpostApi } from '../../../shared/ipc/contract';
import { readIpcError } from '../../../shared/ipc/errors';
import { pairRequestSchema, type PairResult } from '../../../shared/ipc/host';
import { IconAlert } from '../../ui/icons';
import { parsePairingDetails } from './pairing-text';

type Field = 'address' | 'code' | 'fingerprint' | 'username' | 'password';

/**
 * The device side of pairing with a desktop host: the host's address, its
 * pairing code and certificate fingerprint (typed or pasted from the host's
 * "Copy pairing details"), and the user's own account on that hub.
 */
export const PairForm = (props: {
  desktop: OutpostApi;
  onPaired: (result: PairResult) => void;
}) => {
  const [values, setValues] = useState<Record<Field, string>>({
    address: '',
    code: '',
    fingerprint: '',
    username: '',
    password: '',
  });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const set = (field: Field) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setValues((v) => ({ ...v, [field]: value }));
  };

  const paste = (text: string) => {
    const found = parsePairingDetails(text);
    setValues((v) => ({ ...v, ...found }));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = pairRequestSchema.safeParse(values);
    if (!parsed.success) {
      const next: Partial<Record<Field, string>> = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as Field;
        next[field] ??= issue.message;
      }
      setErrors(next);
      return;
    }
    setErrors({});
    setFailure(null);
    setBusy(true);
    try {
      props.onPaired(await props.desktop.pairWithHost(values));
    } catch (err) {
      setFailure(readIpcError(err).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Pair with a desktop host">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          On the host computer, open Settings → Host mode. It shows its address, a pairing code and
          a certificate fingerprint; “Copy pairing details” gives all three to paste here.
        </Text>
        <Textarea
          label="Paste pairing details (optional)"
          placeholder="Outpost host: https://…&#10;Pairing code: …&#10;Certificate fingerprint: …"
          autosize
          minRows={2}
          onChange={(e) => paste(e.currentTarget.value)}
        />
        <TextInput
          label="Host address"
          placeholder="192.168.1.20:7410"
          spellCheck={false}
          autoCapitalize="none"
          value={values.address}
          onChange={set('address')}
          error={errors.address}
        />
        <TextInput
          label="Pairing code"
          placeholder="ABCD-EFGH"
          spellCheck={false}
          autoCapitalize="characters"
          value={values.code}
          onChange={set('code')}
          error={errors.code}
        />
        <TextInput
          label="Certificate fingerprint (SHA-256)"
          description="Outpost connects only if the host's certificate has exactly this fingerprint."
          placeholder="AB:CD:EF:…"
          spellCheck={false}
          ff="monospace"
          value={values.fingerprint}
          onChange={set('fingerprint')}
          error={errors.fingerprint}
        />
        <TextInput
          label="Your username on that hub"
          autoCapitalize="none"
          spellCheck={false}
          value={values.username}
          onChange={set('username')}
          error={errors.username}
        />
        <PasswordInput
          label="Password"
          value={values.password}
          onChange={set('password')}
          error={errors.password}
        />
        {failure ? (
          <Alert
            variant="light"
            color="red"
            icon={<IconAlert size={18} />}
            role="alert"
            title="Pairing failed"
          >
            {failure}
          </Alert>
        ) : null}
        <Button type="submit" loading={busy}>
          Pair and sign in
        </Button>
      </Stack>
    </form>
  );
};
