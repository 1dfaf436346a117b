import { waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { hubError } from '../../testing/fake-hub';
import { renderApp, seededHub } from '../../testing/render-app';

const fillAndPressEnter = async (
  user: ReturnType<typeof renderApp>['user'],
  screen: ReturnType<typeof renderApp>['screen'],
  username: string,
  password: string,
) => {
  await user.type(await screen.findByLabelText('Username'), username);
  await user.type(screen.getByLabelText('Password'), `${password}{Enter}`);
};

describe('sign-in screen', () => {
  it('focuses the username field and signs in with Enter, opening the shell', async () => {
    const { hub } = seededHub();
    const { user, screen } = renderApp({ hub });
    const username = await screen.findByLabelText('Username');
    expect(document.activeElement).toBe(username);
    await fillAndPressEnter(user, screen, 'sam', 'agent password 1');
    expect(await screen.findByTestId('current-user-name')).toHaveProperty(
      'textContent',
      'Sam Agent',
    );
    const login = hub.requests.find((r) => r.path === '/api/v1/auth/login')!;
    expect(login.headers['content-type']).toBe('application/json');
    expect(login.credentials).toBe('same-origin');
  });

  it('never keeps the hub token: only the public profile is cached', async () => {
    const { hub } = seededHub();
    const { user, screen } = renderApp({ hub });
    await fillAndPressEnter(user, screen, 'sam', 'agent password 1');
    await screen.findByTestId('current-user-name');
    const stored = Object.keys(window.localStorage)
      .map((k) => window.localStorage.getItem(k) ?? '')
      .join('\n');
    expect(stored).toContain('Sam Agent');
    expect(stored).not.toContain('secret-token-123');
  });

  it('names the empty field instead of asking the hub', async () => {
    const { hub } = seededHub();
    const { user, screen } = renderApp({ hub });
    await user.type(await screen.findByLabelText('Password'), 'whatever{Enter}');
    expect(await screen.findByText('Username is required')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByLabelText('Username'));
    expect(hub.requests.some((r) => r.path === '/api/v1/auth/login')).toBe(false);
  });

  it('shows the generic hub message for a wrong password, keeps the input and refocuses the password', async () => {
    const { hub } = seededHub();
    const { user, screen } = renderApp({ hub });
    await fillAndPressEnter(user, screen, 'sam', 'not the password');
    expect((await screen.findByTestId('login-error')).textContent).toContain(
      'Wrong username or password.',
    );
    expect((screen.getByLabelText('Username') as HTMLInputElement).value).toBe('sam');
    const password = screen.getByLabelText('Password') as HTMLInputElement;
    expect(password.value).toBe('not the password');
    expect(document.activeElement).toBe(password);
  });

  it('tells how long to wait when sign-in is rate limited', async () => {
    const { hub } = seededHub();
    hub.intercept(
      (r) => r.path === '/api/v1/auth/login',
      () =>
        hubError(429, 'RATE_LIMITED', 'Too many sign-in attempts.', {
          details: { retryAfterSeconds: 95 },
          headers: { 'retry-after': '95' },
        }),
    );
    const { user, screen } = renderApp({ hub });
    await fillAndPressEnter(user, screen, 'sam', 'agent password 1');
    expect((await screen.findByTestId('login-error')).textContent).toContain(
      'Wait 2 minutes before trying again',
    );
  });

  it('says the hub is unreachable when the network fails', async () => {
    const { hub } = seededHub();
    hub.intercept(
      (r) => r.path === '/api/v1/auth/login',
      () => 'network-error',
    );
    const { user, screen } = renderApp({ hub });
    await fillAndPressEnter(user, screen, 'sam', 'agent password 1');
    expect((await screen.findByTestId('login-error')).textContent).toContain(
      'cannot reach the hub',
    );
  });

  it('shows a loading state while the hub answers', async () => {
    const { hub } = seededHub();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const realFetch = hub.fetch;
    hub.fetch = async (input, init) => {
      if (String(input).endsWith('/auth/login')) await gate;
      return realFetch(input, init);
    };
    const { user, screen } = renderApp({ hub });
    await fillAndPressEnter(user, screen, 'sam', 'agent password 1');
    const button = screen.getByRole('button', { name: /sign in/i });
    await waitFor(() => expect(button.getAttribute('data-loading')).toBe('true'));
    release();
    await screen.findByTestId('current-user-name');
  });
});
