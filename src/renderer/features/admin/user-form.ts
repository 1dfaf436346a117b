import {
  createUserRequestSchema,
  updateUserRequestSchema,
  type CreateUserRequest,
  type UpdateUserRequest,
} from '../../../shared/api/accounts';
import { passwordSchema, type Role, type User } from '../../../shared/domain/accounts';
import { fieldErrorsFrom, labelMessage, type FieldErrors } from '../../ui/form-errors';

/**
 * Validation of the admin user forms, by the shared schemas the hub also
 * applies, so the form says exactly what the hub would and says it first.
 */
export type UserField = 'username' | 'displayName' | 'email' | 'password' | 'roles' | 'queueIds';

export const userFieldLabels: Record<UserField, string> = {
  username: 'Username',
  displayName: 'Display name',
  email: 'E-mail',
  password: 'Password',
  roles: 'Roles',
  queueIds: 'Queues',
};

export interface UserFormValues {
  username: string;
  displayName: string;
  email: string;
  password: string;
  roles: Role[];
  queueIds: string[];
}

export const emptyUserForm: UserFormValues = {
  username: '',
  displayName: '',
  email: '',
  password: '',
  roles: ['agent'],
  queueIds: [],
};

type Checked<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors<UserField> };

const emailOrNull = (email: string): string | null => (email.trim() === '' ? null : email.trim());

export const checkNewUser = (values: UserFormValues): Checked<CreateUserRequest> => {
  const parsed = createUserRequestSchema.safeParse({
    ...values,
    username: values.username.trim(),
    email: emailOrNull(values.email),
  });
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, errors: fieldErrorsFrom(parsed.error, userFieldLabels) };
};

export type UserEditValues = Pick<UserFormValues, 'displayName' | 'email' | 'roles' | 'queueIds'>;

export const editValuesOf = (user: User): UserEditValues => ({
  displayName: user.displayName,
  email: user.email ?? '',
  roles: [...user.roles],
  queueIds: [...user.queueIds],
});

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x) => b.includes(x));

/** Only what changed goes to the hub, so concurrent edits of other fields survive. */
export const checkUserEdit = (user: User, values: UserEditValues): Checked<UpdateUserRequest> => {
  const patch: Record<string, unknown> = {};
  if (values.displayName.trim() !== user.displayName) patch.displayName = values.displayName;
  if (emailOrNull(values.email) !== user.email) patch.email = emailOrNull(values.email);
  if (!sameSet(values.roles, user.roles)) patch.roles = values.roles;
  if (!sameSet(values.queueIds, user.queueIds)) patch.queueIds = values.queueIds;
  const parsed = updateUserRequestSchema.safeParse(patch);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, errors: fieldErrorsFrom(parsed.error, userFieldLabels) };
};

export const checkNewPassword = (
  password: string,
  repeat: string,
): { ok: true; value: string } | { ok: false; errors: { password?: string; repeat?: string } } => {
  const parsed = passwordSchema.safeParse(password);
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? 'password is not valid';
    return { ok: false, errors: { password: labelMessage(message, 'password', 'Password') } };
  }
  if (password !== repeat) return { ok: false, errors: { repeat: 'The two passwords differ' } };
  return { ok: true, value: parsed.data };
};

export const roleDescriptions: Record<Role, string> = {
  requester: 'Raises and follows their own tickets',
  agent: 'Works tickets in the queues they belong to',
  lead: 'Sees all queues of their group, reassigns, reads reports',
  change_manager: 'Approves changes on the CAB',
  admin: 'Manages users, queues, SLAs and settings',
};
