import { waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp, seededHub } from '../../testing/render-app';

/** The whole app, as a requester-only user meets it after signing in. */
const asRequester = (hash = '') => {
  const seeded = seededHub();
  const rita = seeded.hub.addUser({
    username: 'rita',
    password: 'requester pass 1',
    displayName: 'Rita Moreno',
    roles: ['requester'],
  });
  seeded.hub.sessionUserId = rita.id;
  return renderApp({ hub: seeded.hub, hash });
};

describe('requester-only users land in the portal', () => {
  it('opens My requests, with only the portal’s sections and no agent tools', async () => {
    const { screen } = asRequester();
    expect(await screen.findByRole('heading', { name: 'Hello, Rita' })).toBeTruthy();
    await waitFor(() => expect(window.location.hash).toBe('#/portal'));
    const nav = screen.getByRole('navigation', { name: 'Portal' });
    expect([...nav.querySelectorAll('a')].map((a) => a.textContent)).toEqual([
      'My requests',
      'Report a problem',
      'Request something',
    ]);
    expect(screen.queryByRole('navigation', { name: 'Main' })).toBeNull();
    expect(screen.queryByTestId('new-menu')).toBeNull();
    expect(screen.queryByRole('button', { name: /Search/ })).toBeNull();
    expect(document.title).toBe('My requests · Outpost');
  });

  it('sends an agent page to the portal and a ticket link to the portal’s page for it', async () => {
    const first = asRequester('#/incidents');
    await waitFor(() => expect(window.location.hash).toBe('#/portal'));
    expect(first.screen.queryByText(/needs the .* role/)).toBeNull();
    first.view.unmount();

    const id = '0190f5a0-0000-7000-8000-0000000000e1';
    const second = asRequester(`#/tickets/${id}`);
    await waitFor(() => expect(window.location.hash).toBe(`#/portal/tickets/${id}`));
    expect(await second.screen.findByText('We cannot find this on your device')).toBeTruthy();
  });

  it('goes to Report a problem with n and lists the portal keys with ?', async () => {
    const { screen, user } = asRequester();
    await screen.findByRole('heading', { name: 'Hello, Rita' });
    await user.keyboard('n');
    expect(await screen.findByRole('heading', { name: 'Report a problem' })).toBeTruthy();
    expect(window.location.hash).toBe('#/portal/new/problem');
    await user.click(document.body);
    await user.keyboard('?');
    const dialog = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(dialog.textContent).toContain('Request something');
    expect(dialog.textContent).not.toContain('Go to Incidents');
  });

  it('keeps staff in the agent workspace', async () => {
    const seeded = seededHub();
    seeded.hub.sessionUserId = seeded.agent.id;
    const { screen } = renderApp({ hub: seeded.hub });
    expect(await screen.findByRole('navigation', { name: 'Main' })).toBeTruthy();
    await waitFor(() => expect(window.location.hash).toBe('#/incidents'));
    expect(screen.queryByRole('navigation', { name: 'Portal' })).toBeNull();
  });
});
