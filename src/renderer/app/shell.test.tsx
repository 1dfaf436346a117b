import { act, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { QueueId } from '../../shared/ids';
import { fakeId } from '../testing/fake-hub';
import { renderApp, seededHub } from '../testing/render-app';
import { useSyncStatus } from '../sync/status-store';
import { notifySuccess } from '../ui/notify';

const signedIn = (who: 'admin' | 'agent', hash = '') => {
  const seeded = seededHub();
  seeded.hub.sessionUserId = seeded[who].id;
  return renderApp({ hub: seeded.hub, hash });
};

describe('app shell', () => {
  it('shows an agent the record sections but no Admin section', async () => {
    const { screen } = signedIn('agent');
    expect((await screen.findByTestId('current-user-name')).textContent).toBe('Sam Agent');
    const nav = screen.getByRole('navigation', { name: 'Main' });
    for (const label of ['Incidents', 'Requests', 'Problems', 'Changes', 'Knowledge', 'Reports']) {
      expect(within(nav).getByText(label)).toBeTruthy();
    }
    expect(within(nav).queryByText('Users')).toBeNull();
    expect(screen.queryByTestId('nav-section-admin')).toBeNull();
  });

  it('lands on Incidents with an honest empty state', async () => {
    const { screen } = signedIn('agent');
    expect(await screen.findByText('No incidents in your queues yet')).toBeTruthy();
    expect(screen.getByText('You are not in any queue yet')).toBeTruthy();
    await waitFor(() => expect(window.location.hash).toBe('#/incidents'));
  });

  it("names the agent's queues above the record list", async () => {
    const seeded = seededHub();
    seeded.hub.queues.push(
      { id: fakeId<QueueId>(), name: 'Network', description: '', disabled: false },
      { id: fakeId<QueueId>(), name: 'Service Desk', description: '', disabled: false },
    );
    seeded.hub.users.find((u) => u.id === seeded.agent.id)!.queueIds = [seeded.hub.queues[1]!.id];
    seeded.hub.sessionUserId = seeded.agent.id;
    const { screen } = renderApp({ hub: seeded.hub });
    const mine = await screen.findByTestId('my-queues');
    expect(mine.textContent).toBe('Your queues:Service Desk');
    expect(screen.queryByText('You are not in any queue yet')).toBeNull();
  });

  it('tells an agent who opens an admin link that it needs the Admin role', async () => {
    const { screen } = signedIn('agent', '#/admin/users');
    expect(await screen.findByText('Users needs the Admin role')).toBeTruthy();
  });

  it('gives admins the Admin section', async () => {
    const { screen } = signedIn('admin');
    const admin = await screen.findByTestId('nav-section-admin');
    expect(within(admin).getByText('Users')).toBeTruthy();
    expect(within(admin).getByText('Queues')).toBeTruthy();
  });

  it('opens the shortcut list with ? and jumps to sections with g then a key', async () => {
    const { screen, user } = signedIn('admin');
    await screen.findByText('No incidents in your queues yet');
    await user.keyboard('?');
    const dialog = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(within(dialog).getByText('Go to Queues')).toBeTruthy();
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await user.keyboard('gq');
    expect(await screen.findByRole('heading', { name: 'Queues' })).toBeTruthy();
    expect(window.location.hash).toBe('#/admin/queues');
  });

  it('ignores shortcut keys typed into a field', async () => {
    const { screen, user } = signedIn('admin', '#/admin/users');
    const filter = await screen.findByLabelText('Filter users');
    await user.type(filter, 'gq');
    expect((filter as HTMLInputElement).value).toBe('gq');
    expect(window.location.hash).toBe('#/admin/users');
  });

  it('shows the connection state from the sync status store', async () => {
    const { screen } = signedIn('agent');
    const pill = await screen.findByTestId('sync-status');
    await waitFor(() => expect(pill.getAttribute('data-connection')).toBe('online'));
    useSyncStatus.getState().setConnection('offline');
    useSyncStatus.getState().setPending(3);
    await waitFor(() => expect(pill.textContent).toBe('Offline · 3 pending'));
  });

  it('signs out from the user menu back to the sign-in screen, forgetting the page', async () => {
    const { screen, user, hub } = signedIn('agent', '#/knowledge');
    await screen.findByText('No knowledge articles yet');
    await user.click(await screen.findByTestId('user-menu'));
    await user.click(await screen.findByRole('menuitem', { name: 'Sign out' }));
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy();
    expect(screen.getByTestId('login-notice').textContent).toBe('You signed out.');
    expect(hub.sessionUserId).toBeNull();
    expect(window.location.hash).toBe('#/');
  });

  it('takes the signed-out user’s notifications off the screen with them', async () => {
    const { screen, user } = signedIn('admin', '#/knowledge');
    await screen.findByText('No knowledge articles yet');
    act(() => notifySuccess('New password set for Sam Agent. Share it with them privately.'));
    expect(await screen.findByText(/New password set for Sam Agent/)).toBeTruthy();
    await user.click(await screen.findByTestId('user-menu'));
    await user.click(await screen.findByRole('menuitem', { name: 'Sign out' }));
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy();
    // After its exit transition (250 ms), long before it would have closed by itself (4 s).
    await waitFor(() => expect(screen.queryByText(/New password set for Sam Agent/)).toBeNull(), {
      timeout: 2000,
    });
  });
});
