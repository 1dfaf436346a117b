import { describe, expect, it } from 'vitest';
import { createFakeHub } from '../../testing/fake-hub';
import { renderApp } from '../../testing/render-app';

describe('first-run set-up', () => {
  it('explains where to create the first admin when this machine may not', async () => {
    const hub = createFakeHub();
    hub.needsSetup = true;
    hub.canSetupHere = false;
    const { screen } = renderApp({ hub });
    expect(await screen.findByText(/can only be created on the hub machine itself/)).toBeTruthy();
    expect(screen.getByText('http://127.0.0.1:7410')).toBeTruthy();
    expect(screen.getByText('OUTPOST_INIT_ADMIN=username:password')).toBeTruthy();
    expect(screen.queryByLabelText('Username')).toBeNull();
  });

  it('creates the first admin here and opens the shell signed in', async () => {
    const hub = createFakeHub();
    hub.needsSetup = true;
    hub.canSetupHere = true;
    const { screen, user } = renderApp({ hub });
    await user.type(await screen.findByLabelText(/Your name/), 'Dana Whitfield');
    await user.type(screen.getByLabelText(/Username/), 'dana');
    await user.type(screen.getByLabelText(/^Password/), 'long enough pw');
    await user.type(screen.getByLabelText(/Repeat password/), 'long enough pX{Enter}');
    expect(await screen.findByText('The two passwords differ')).toBeTruthy();
    expect(hub.users).toHaveLength(0);

    await user.clear(screen.getByLabelText(/Repeat password/));
    await user.type(screen.getByLabelText(/Repeat password/), 'long enough pw{Enter}');
    expect((await screen.findByTestId('current-user-name')).textContent).toBe('Dana Whitfield');
    expect(await screen.findByTestId('nav-section-admin')).toBeTruthy();
  });
});
