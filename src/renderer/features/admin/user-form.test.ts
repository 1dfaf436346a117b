import { describe, expect, it } from 'vitest';
import type { User } from '../../../shared/domain/accounts';
import type { QueueId, UserId } from '../../../shared/ids';
import { checkNewPassword, checkNewUser, checkUserEdit, emptyUserForm } from './user-form';
import { checkNewQueue, checkQueueEdit } from './queue-form';

const valid = {
  ...emptyUserForm,
  username: 'Dana.W',
  displayName: 'Dana Whitfield',
  password: 'long enough pw',
};

describe('checkNewUser', () => {
  it('accepts a valid user and normalises it as the hub will', () => {
    const r = checkNewUser({ ...valid, email: '  ' });
    expect(r).toEqual({
      ok: true,
      value: expect.objectContaining({ username: 'dana.w', email: null, roles: ['agent'] }),
    });
  });

  it("words the shared schema's messages with the form's labels", () => {
    const r = checkNewUser({
      ...valid,
      username: 'a',
      displayName: '  ',
      email: 'not-an-address',
      password: 'short',
      roles: [],
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual({
      username: 'Username must have at least 2 characters',
      displayName: 'Display name must not be empty',
      email: 'E-mail must be an e-mail address',
      password: 'Password must have at least 10 characters',
      roles: 'Roles must name at least one role',
    });
  });

  it('rejects characters the hub would reject in usernames', () => {
    const r = checkNewUser({ ...valid, username: 'dana whitfield' });
    expect(!r.ok && r.errors.username).toBe(
      'Username may contain only letters, digits, dot, underscore, @ and dash',
    );
  });
});

describe('checkUserEdit', () => {
  const user: User = {
    id: '0190a0b0-0000-7000-8000-000000000001' as UserId,
    username: 'dana',
    displayName: 'Dana',
    email: null,
    roles: ['agent'],
    disabled: false,
    queueIds: ['0190a0b0-0000-7000-8000-00000000000a' as QueueId],
  };

  it('sends only what changed', () => {
    const r = checkUserEdit(user, {
      displayName: 'Dana W.',
      email: '',
      roles: ['agent'],
      queueIds: [...user.queueIds],
    });
    expect(r).toEqual({ ok: true, value: { displayName: 'Dana W.' } });
  });

  it('reports an empty change set when nothing changed, in any order', () => {
    const r = checkUserEdit(
      { ...user, roles: ['agent', 'lead'] },
      { displayName: 'Dana', email: '', roles: ['lead', 'agent'], queueIds: [...user.queueIds] },
    );
    expect(r).toEqual({ ok: true, value: {} });
  });

  it('refuses to remove every role', () => {
    const r = checkUserEdit(user, { displayName: 'Dana', email: '', roles: [], queueIds: [] });
    expect(!r.ok && r.errors.roles).toBe('Roles must name at least one role');
  });
});

describe('checkNewPassword', () => {
  it('needs ten characters and the same text twice', () => {
    expect(checkNewPassword('short', 'short')).toEqual({
      ok: false,
      errors: { password: 'Password must have at least 10 characters' },
    });
    expect(checkNewPassword('long enough 1', 'long enough 2')).toEqual({
      ok: false,
      errors: { repeat: 'The two passwords differ' },
    });
    expect(checkNewPassword('long enough 1', 'long enough 1')).toEqual({
      ok: true,
      value: 'long enough 1',
    });
  });
});

describe('queue forms', () => {
  it('requires a name', () => {
    expect(checkNewQueue({ name: '  ', description: '' })).toEqual({
      ok: false,
      errors: { name: 'Name must not be empty' },
    });
  });

  it('sends only a changed name', () => {
    const queue = {
      id: '0190a0b0-0000-7000-8000-00000000000a' as QueueId,
      name: 'Network',
      description: 'Routers',
      disabled: false,
    };
    expect(checkQueueEdit(queue, { name: 'Networks', description: 'Routers' })).toEqual({
      ok: true,
      value: { name: 'Networks' },
    });
  });
});
