import { within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HostStatus } from '../../../shared/ipc/host';
import { createFakeHub } from '../../testing/fake-hub';
import { renderApp } from '../../testing/render-app';
import { behindProxy, desktopPlatform, hostStatus } from './settings-test-kit';

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
});
