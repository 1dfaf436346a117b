import { within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HostStatus } from '../../../shared/ipc/host';
import { createFakeHub } from '../../testing/fake-hub';
import { renderApp } from '../../testing/render-app';
import { builtInSettings } from '../../../shared/ipc/settings';
import { behindProxy, desktopPlatform, hostStatus, settingsView } from './settings-test-kit';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('first start of the desktop without a hub', () => {
  it('offers to host the hub here, then sets this computer up as the hub', async () => {
    const fake = createFakeHub();
    fake.needsSetup = true;
    fake.canSetupHere = true;
    const hub = behindProxy(fake);
    vi.stubGlobal('fetch', hub.fetch);
    let hubUrl: string | null = null;
    let status: HostStatus = hostStatus();
    const { screen, user } = renderApp({
      hub,
      platform: desktopPlatform({
        getHubUrl: async () => hubUrl,
        setHubUrl: async (url) => {
          hubUrl = url;
          return null;
        },
        hostStatus: async () => status,
        hostStart: async () => {
          status = hostStatus({
            state: 'running',
            enabled: true,
            localUrl: 'https://127.0.0.1:7410',
          });
          return status;
        },
        hostUseAsHub: async () => {
          hubUrl = 'https://127.0.0.1:7410';
          return { hubUrl };
        },
      }),
    });
    expect(await screen.findByText('Connect to your hub')).toBeTruthy();
    await user.click(await screen.findByRole('button', { name: 'Host it here…' }));
    const dialog = within(
      await screen.findByRole('dialog', { name: 'Host the hub on this computer' }),
    );
    await user.click(dialog.getByRole('switch', { name: 'Run the hub on this computer' }));
    await user.click(await dialog.findByRole('button', { name: 'Use this computer’s hub' }));
    // The new hub has no users yet: this computer creates the first administrator.
    expect(await screen.findByText('Set up this hub')).toBeTruthy();
    expect(hubUrl).toBe('https://127.0.0.1:7410');
  });

  it('does not offer hosting where the policy forbids it, but still offers pairing', async () => {
    const hub = behindProxy(createFakeHub());
    vi.stubGlobal('fetch', hub.fetch);
    const { screen } = renderApp({
      hub,
      platform: desktopPlatform({
        getHubUrl: async () => null,
        hostStatus: async () =>
          hostStatus({ allowed: false, lanAllowed: false, lockedReason: 'policy' }),
      }),
    });
    expect(await screen.findByRole('button', { name: 'Pair with a host…' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Host it here…' })).toBeNull();
  });

  it('shows the lock and the policy problem instead of an address form when the policy enforces an invalid hub', async () => {
    const hub = behindProxy(createFakeHub());
    vi.stubGlobal('fetch', hub.fetch);
    const problem =
      '/etc/outpost/policy.json: enforced.hubUrl is invalid (hub URL must start with https://); no hub is configured until the policy file is fixed';
    const setHubUrl = vi.fn(async () => null);
    const { screen } = renderApp({
      hub,
      platform: desktopPlatform({
        getHubUrl: async () => null,
        setHubUrl,
        getSettings: async () =>
          settingsView({
            values: { ...builtInSettings, hubUrl: null },
            locked: ['hubUrl'],
            problems: [problem],
          }),
      }),
    });
    expect(await screen.findByRole('heading', { name: 'No hub can be used yet' })).toBeTruthy();
    const locked = screen.getByTestId('hub-policy-locked');
    expect(within(locked).getByTestId('policy-lock').textContent).toContain(
      'Locked: The hub address is set by your organisation’s policy file',
    );
    expect(locked.textContent).toContain(problem);
    expect(locked.textContent).toContain('Ask your IT department to correct the hub address');
    // Nothing to type that would only be refused, and no way around the policy.
    expect(screen.queryByRole('textbox', { name: 'Hub address' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Connect' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Pair with a host…' })).toBeNull();
    expect(setHubUrl).not.toHaveBeenCalled();
  });
});
