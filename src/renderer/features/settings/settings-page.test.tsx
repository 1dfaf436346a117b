import { within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HostStartRequest, HostStatus } from '../../../shared/ipc/host';
import { builtInSettings } from '../../../shared/ipc/settings';
import { renderApp, seededHub } from '../../testing/render-app';
import {
  behindProxy,
  desktopPlatform,
  FP,
  hostStatus,
  runningLan,
  settingsView,
} from './settings-test-kit';

const signedIn = () => {
  const seeded = seededHub();
  seeded.hub.sessionUserId = seeded.agent.id;
  return seeded;
};

/**
 * The sync engine and attachment uploads call the global fetch; in the
 * desktop that is the app:// origin, here the fake hub behind the proxy.
 */
const desktopHub = () => {
  const hub = behindProxy(signedIn().hub);
  vi.stubGlobal('fetch', hub.fetch);
  return hub;
};
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('settings in a browser (web mode)', () => {
  it('is reached from the user menu and shows only what applies to a browser', async () => {
    const { hub } = signedIn();
    const { screen, user } = renderApp({ hub, hash: '#/incidents' });
    await user.click(await screen.findByTestId('user-menu'));
    await user.click(await screen.findByRole('menuitem', { name: 'Settings' }));
    expect(await screen.findByRole('heading', { name: 'Settings' })).toBeTruthy();
    expect(window.location.hash).toBe('#/settings');
    expect(screen.getByTestId('hub-url').textContent).toBe('http://hub.test');
    expect(await screen.findByTestId('hub-version')).toBeTruthy();
    expect(screen.getByTestId('pending-count')).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Host mode' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Export diagnostics/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /Pair with a desktop host/ })).toBeNull();
  });
});

describe('settings in the desktop app', () => {
  const open = (api: Parameters<typeof desktopPlatform>[0]) =>
    renderApp({ hub: desktopHub(), platform: desktopPlatform(api), hash: '#/settings' });

  it('marks policy-locked values with the reason and lists policy problems', async () => {
    const { screen } = open({
      getSettings: async () =>
        settingsView({
          locked: ['hubUrl', 'hostModeAllowed'],
          problems: [
            '/etc/outpost/policy.json: defaults.telemetry is invalid (telemetry must be true or false); it was ignored',
          ],
        }),
      hostStatus: async () =>
        hostStatus({
          allowed: false,
          lanAllowed: false,
          lockedReason:
            "Host mode is turned off by your organisation's policy (/etc/outpost/policy.json); ask your IT department.",
          lanLockedReason:
            "Host mode is turned off by your organisation's policy (/etc/outpost/policy.json); ask your IT department.",
        }),
    });
    expect(await screen.findByText(/defaults.telemetry is invalid/)).toBeTruthy();
    const locks = await screen.findAllByTestId('policy-lock');
    expect(locks.map((l) => l.textContent)).toEqual([
      expect.stringContaining('policy sets the hub address'),
      expect.stringContaining('Host mode is turned off by your organisation'),
    ]);
    expect(
      (screen.getByRole('switch', { name: 'Run the hub on this computer' }) as HTMLInputElement)
        .disabled,
    ).toBe(true);
    expect(screen.queryByRole('button', { name: 'Change hub address' })).toBeNull();
    expect(screen.getByTestId('data-folder').textContent).toBe('/home/hana/.config/Outpost');
    expect(screen.getByTestId('app-version').textContent).toContain('0.1.0 (Electron 45.5.0)');
  });

  it('shows the proxy, update feed and telemetry in effect, marking what the policy locks', async () => {
    const { screen } = open({
      getSettings: async () =>
        settingsView({
          values: {
            ...builtInSettings,
            hubUrl: 'https://hub.test',
            proxy: { mode: 'fixed_servers', rules: 'proxy.corp:3128', bypass: '<local>' },
            updateFeed: 'https://updates.corp.example/outpost',
          },
          locked: ['proxy', 'updateFeed'],
        }),
    });
    const section = within(await screen.findByRole('region', { name: 'Network and updates' }));
    expect(section.getByTestId('network-proxy').textContent).toBe('proxy.corp:3128 except <local>');
    expect(section.getByTestId('network-updates').textContent).toBe(
      'From https://updates.corp.example/outpost (not available on Linux: update through your package manager)',
    );
    expect(section.getByTestId('network-telemetry').textContent).toBe(
      'Off: Outpost sends no usage data',
    );
    // Proxy and feed are locked, telemetry is not.
    expect(section.getAllByTestId('policy-lock').map((l) => l.textContent)).toEqual([
      expect.stringContaining("Your organisation's policy sets this"),
      expect.stringContaining("Your organisation's policy sets this"),
    ]);
  });

  it('shows the built-in network defaults without locks', async () => {
    const { screen } = open({});
    const section = within(await screen.findByRole('region', { name: 'Network and updates' }));
    expect(section.getByTestId('network-proxy').textContent).toBe('The system’s proxy settings');
    expect(section.getByTestId('network-updates').textContent).toBe(
      'Off: no update feed is set by your organisation',
    );
    expect(section.queryAllByTestId('policy-lock')).toEqual([]);
  });

  it('says no hub can be used while the policy enforces an invalid hub address', async () => {
    const { screen } = open({
      getSettings: async () =>
        settingsView({
          values: { ...builtInSettings, hubUrl: null },
          locked: ['hubUrl'],
          problems: [
            '/etc/outpost/policy.json: enforced.hubUrl is invalid (hub URL must be an http(s) address such as https://hub.example.org:7410); no hub is configured until the policy file is fixed (ask your IT department)',
          ],
        }),
    });
    expect(await screen.findByText(/enforced\.hubUrl is invalid/)).toBeTruthy();
    const hub = within(screen.getByRole('region', { name: 'Hub' }));
    expect(hub.getByTestId('hub-url').textContent).toBe('no hub set');
    expect(hub.getByTestId('policy-lock').textContent).toContain(
      'invalid hub address, so no hub can be used until your IT department fixes it',
    );
    expect(hub.queryByRole('button', { name: /Pair with a desktop host/ })).toBeNull();
    expect(hub.queryByRole('button', { name: 'Change hub address' })).toBeNull();
  });

  it('allows host mode but keeps network sharing locked, with the reason', async () => {
    const { screen } = open({
      hostStatus: async () =>
        hostStatus({
          state: 'running',
          enabled: true,
          localUrl: 'https://127.0.0.1:7410',
          lanAllowed: false,
          lanLockedReason:
            "Sharing on the network is turned off by your organisation's policy (/etc/outpost/policy.json).",
        }),
    });
    const host = within(await screen.findByRole('region', { name: 'Host mode' }));
    expect(
      (host.getByRole('switch', { name: 'Run the hub on this computer' }) as HTMLInputElement)
        .disabled,
    ).toBe(false);
    expect(
      (host.getByRole('switch', { name: /Share it on the local network/ }) as HTMLInputElement)
        .disabled,
    ).toBe(true);
    expect(host.getByTestId('policy-lock').textContent).toContain(
      'Sharing on the network is turned off by your organisation',
    );
  });

  it('turns host mode on with LAN sharing, shows address, fingerprint and a pairing code', async () => {
    const starts: HostStartRequest[] = [];
    let status: HostStatus = hostStatus();
    const { screen, user } = open({
      hostStatus: async () => status,
      hostStart: async (request) => {
        starts.push(request);
        status = request.lan
          ? runningLan({ port: request.port ?? 7410 })
          : hostStatus({ state: 'running', enabled: true, localUrl: 'https://127.0.0.1:7410' });
        return status;
      },
      hostNewPairingCode: async () => {
        status = runningLan({
          pairing: {
            state: 'active',
            code: 'ABCD2345',
            expiresAt: Date.now() + 600_000,
            note: null,
          },
        });
        return status;
      },
    });
    await user.click(await screen.findByRole('switch', { name: 'Run the hub on this computer' }));
    expect(await screen.findByText(/This computer reaches it at/)).toBeTruthy();
    expect(starts).toEqual([{ lan: false, port: 7410 }]);
    await user.click(screen.getByRole('switch', { name: /Share it on the local network/ }));
    expect(await screen.findByText('https://192.168.1.20:7410')).toBeTruthy();
    expect(starts.at(-1)).toEqual({ lan: true, port: 7410 });
    expect(screen.getByTestId('host-fingerprint').textContent).toBe(FP);
    await user.click(screen.getByRole('button', { name: 'Make a pairing code' }));
    expect((await screen.findByTestId('pairing-code')).textContent).toBe('ABCD-2345');
    expect(screen.getByText(/^valid for \d+:\d\d$/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'New pairing code' })).toBeTruthy();
  });

  it('keeps working when the port is taken and says so', async () => {
    const { screen, user } = open({
      hostStart: async () => {
        throw new Error(
          '[HOST_PORT_IN_USE] Port 7410 is already in use on this computer (another Outpost hub or another program).',
        );
      },
    });
    await user.click(await screen.findByRole('switch', { name: 'Run the hub on this computer' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Port 7410 is already in use');
    expect(screen.getByTestId('host-state').textContent).toBe('Off');
    expect(screen.getByRole('heading', { name: 'Settings' })).toBeTruthy();
  });

  it('exports diagnostics to the file the user picked', async () => {
    const exportDiagnostics = vi.fn(async () => ({ path: '/home/hana/outpost-diagnostics.json' }));
    const { screen, user } = open({ exportDiagnostics });
    await user.click(await screen.findByRole('button', { name: /Export diagnostics/ }));
    expect(
      await screen.findByText('Diagnostics saved to /home/hana/outpost-diagnostics.json'),
    ).toBeTruthy();
    expect(exportDiagnostics).toHaveBeenCalledTimes(1);
  });

  it('shows the pinned certificate of a paired hub', async () => {
    const { screen } = open({ getSettings: async () => settingsView({ hubPin: FP }) });
    expect(await screen.findByText('Certificate pinned')).toBeTruthy();
    expect(screen.getByText(`Paired certificate: ${FP}`)).toBeTruthy();
  });
});

describe('pairing with a desktop host', () => {
  const openPair = async (pairWithHost: Parameters<typeof desktopPlatform>[0]['pairWithHost']) => {
    const { hub } = signedIn();
    const r = renderApp({
      hub: behindProxy(hub),
      platform: desktopPlatform({ pairWithHost }),
      hash: '#/settings',
    });
    await r.user.click(await r.screen.findByRole('button', { name: /Pair with a desktop host/ }));
    const dialog = await r.screen.findByRole('dialog', { name: 'Pair with a desktop host' });
    return { ...r, dialog: within(dialog) };
  };

  it('names each missing or malformed field and sends nothing', async () => {
    const pair = vi.fn();
    const { dialog, user } = await openPair(pair);
    await user.type(dialog.getByLabelText('Pairing code'), 'ABCD-0000');
    await user.type(dialog.getByLabelText(/Certificate fingerprint/), 'AB:CD');
    await user.click(dialog.getByRole('button', { name: 'Pair and sign in' }));
    expect(await dialog.findByText('address is required')).toBeTruthy();
    expect(dialog.getByText(/code contains a character the host never shows/)).toBeTruthy();
    expect(dialog.getByText(/fingerprint must be the 64 hexadecimal digits/)).toBeTruthy();
    expect(dialog.getByText('password is required')).toBeTruthy();
    expect(pair).not.toHaveBeenCalled();
  });

  it('fills the form from pasted pairing details and shows why the host refused', async () => {
    const pair = vi.fn(async () => {
      throw new Error('[PAIRING_REFUSED] This pairing code has expired; ask for a new one');
    });
    const { dialog, user } = await openPair(pair);
    const details = `Outpost host: https://192.168.1.20:7410\nPairing code: ABCD-2345\nCertificate fingerprint (SHA-256): ${FP}`;
    await user.click(dialog.getByLabelText(/Paste pairing details/));
    await user.paste(details);
    expect((dialog.getByLabelText('Host address') as HTMLInputElement).value).toBe(
      'https://192.168.1.20:7410',
    );
    expect((dialog.getByLabelText('Pairing code') as HTMLInputElement).value).toBe('ABCD-2345');
    await user.type(dialog.getByLabelText('Your username on that hub'), 'sam');
    await user.type(dialog.getByLabelText('Password'), 'agent password 1');
    await user.click(dialog.getByRole('button', { name: 'Pair and sign in' }));
    expect((await dialog.findByRole('alert')).textContent).toContain(
      'This pairing code has expired',
    );
    expect(pair).toHaveBeenCalledWith({
      address: 'https://192.168.1.20:7410',
      code: 'ABCD-2345',
      fingerprint: FP,
      username: 'sam',
      password: 'agent password 1',
    });
  });
});
