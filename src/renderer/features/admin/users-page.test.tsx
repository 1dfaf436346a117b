import { within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { QueueId } from '../../../shared/ids';
import { fakeId, hubError } from '../../testing/fake-hub';
import { renderApp, seededHub } from '../../testing/render-app';

const asAdmin = () => {
  const seeded = seededHub();
  seeded.hub.sessionUserId = seeded.admin.id;
  seeded.hub.queues.push({
    id: fakeId<QueueId>(),
    name: 'Service Desk',
    description: 'First line',
    disabled: false,
  });
  return seeded;
};

describe('admin users page', () => {
  it('lists users with roles, queues and status', async () => {
    const { hub, agent } = asAdmin();
    hub.users.find((u) => u.id === agent.id)!.queueIds = [hub.queues[0]!.id];
    const { screen } = renderApp({ hub, hash: '#/admin/users' });
    const row = await screen.findByTestId('user-row-sam');
    expect(within(row).getByText('Sam Agent')).toBeTruthy();
    expect(within(row).getByText('Agent')).toBeTruthy();
    expect(within(row).getByText('Service Desk')).toBeTruthy();
    expect(within(row).getByText('Active')).toBeTruthy();
    expect(within(await screen.findByTestId('user-row-admin')).getByText('(you)')).toBeTruthy();
  });

  it('validates the new-user form before asking the hub', async () => {
    const { hub } = asAdmin();
    const { screen, user } = renderApp({ hub, hash: '#/admin/users' });
    await user.click(await screen.findByRole('button', { name: 'New user' }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText('Username'), 'x');
    await user.click(within(dialog).getByRole('button', { name: 'Create user' }));
    expect(
      await within(dialog).findByText('Username must have at least 2 characters'),
    ).toBeTruthy();
    expect(within(dialog).getByText('Display name must not be empty')).toBeTruthy();
    expect(within(dialog).getByText('Password must have at least 10 characters')).toBeTruthy();
    expect(hub.requests.some((r) => r.method === 'POST' && r.path.endsWith('/admin/users'))).toBe(
      false,
    );
  });

  it('shows a hub conflict next to the field and keeps everything typed', async () => {
    const { hub } = asAdmin();
    const { screen, user } = renderApp({ hub, hash: '#/admin/users' });
    await user.click(await screen.findByRole('button', { name: 'New user' }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText('Display name'), 'Sam Again');
    await user.type(within(dialog).getByLabelText('Username'), 'sam');
    await user.type(within(dialog).getByLabelText(/Initial password/), 'long enough pw');
    await user.click(within(dialog).getByRole('button', { name: 'Create user' }));
    expect(await within(dialog).findByText("Username 'sam' is already taken")).toBeTruthy();
    expect((within(dialog).getByLabelText('Display name') as HTMLInputElement).value).toBe(
      'Sam Again',
    );
    expect((within(dialog).getByLabelText(/Initial password/) as HTMLInputElement).value).toBe(
      'long enough pw',
    );
  });

  it('creates a user in a queue and shows it in the table', async () => {
    const { hub } = asAdmin();
    const { screen, user } = renderApp({ hub, hash: '#/admin/users' });
    await user.click(await screen.findByRole('button', { name: 'New user' }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText('Display name'), 'Dana Whitfield');
    await user.type(within(dialog).getByLabelText('Username'), 'dana');
    await user.type(within(dialog).getByLabelText(/Initial password/), 'long enough pw');
    await user.click(within(dialog).getByRole('combobox', { name: 'Queues' }));
    await user.click(await screen.findByRole('option', { name: 'Service Desk' }));
    await user.click(within(dialog).getByRole('button', { name: 'Create user' }));
    const row = await screen.findByTestId('user-row-dana');
    expect(within(row).getByText('Service Desk')).toBeTruthy();
    const created = hub.users.find((u) => u.username === 'dana')!;
    expect(created.queueIds).toEqual([hub.queues[0]!.id]);
    expect(created.roles).toEqual(['agent']);
    expect(await screen.findByText('Dana Whitfield can now sign in.')).toBeTruthy();
  });

  it('asks to sign in again when the session expired, keeping the form, and then saves', async () => {
    const { hub } = asAdmin();
    const { screen, user } = renderApp({ hub, hash: '#/admin/users' });
    await user.click(await screen.findByRole('button', { name: 'New user' }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText('Display name'), 'Dana Whitfield');
    await user.type(within(dialog).getByLabelText('Username'), 'dana');
    await user.type(within(dialog).getByLabelText(/Initial password/), 'long enough pw');
    hub.intercept(
      (r) => r.method === 'POST' && r.path === '/api/v1/admin/users',
      () => hubError(401, 'SESSION_EXPIRED', 'Your session has expired.'),
    );
    await user.click(within(dialog).getByRole('button', { name: 'Create user' }));

    const reauth = await screen.findByRole('dialog', { name: 'Your session expired' });
    expect((within(reauth).getByLabelText('Username') as HTMLInputElement).value).toBe('admin');
    await user.type(within(reauth).getByLabelText('Password'), 'correct horse battery{Enter}');
    await screen.findByRole('dialog', { name: 'New user' });
    expect(screen.queryByRole('dialog', { name: 'Your session expired' })).toBeNull();

    expect((within(dialog).getByLabelText('Display name') as HTMLInputElement).value).toBe(
      'Dana Whitfield',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Create user' }));
    expect(await screen.findByTestId('user-row-dana')).toBeTruthy();
  });

  it('disables a user only after confirmation', async () => {
    const { hub, agent } = asAdmin();
    const { screen, user } = renderApp({ hub, hash: '#/admin/users' });
    await user.click(await screen.findByRole('button', { name: 'Actions for Sam Agent' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Disable' }));
    const confirm = await screen.findByRole('dialog', { name: 'Disable Sam Agent?' });
    expect(hub.users.find((u) => u.id === agent.id)!.disabled).toBe(false);
    await user.click(within(confirm).getByRole('button', { name: 'Disable' }));
    expect(
      await within(await screen.findByTestId('user-row-sam')).findByText('Disabled'),
    ).toBeTruthy();
    expect(hub.users.find((u) => u.id === agent.id)!.disabled).toBe(true);
  });

  it('says so when the hub cannot be reached, with a retry', async () => {
    const { hub } = asAdmin();
    hub.intercept(
      (r) => r.path === '/api/v1/admin/users',
      () => 'network-error',
    );
    const { screen, user } = renderApp({ hub, hash: '#/admin/users' });
    expect(await screen.findByText('The hub is not reachable')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByTestId('user-row-sam')).toBeTruthy();
  });
});
