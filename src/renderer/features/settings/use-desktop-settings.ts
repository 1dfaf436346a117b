import { useCallback, useEffect, useState } from 'react';
import type { OutpostApi, SettingsView } from '../../../shared/ipc/contract';
import { readIpcError, type IpcError } from '../../../shared/ipc/errors';
import type { AppInfo, HostStatus } from '../../../shared/ipc/host';

/**
 * What the Settings screen shows of the desktop shell, read through
 * window.outpost: effective settings with their locks, host mode, and the
 * app's own facts. Actions answer with the typed error to show, or null.
 */
export interface DesktopSettings {
  settings: SettingsView | null;
  host: HostStatus | null;
  info: AppInfo | null;
  loadError: string | null;
  /** Reads everything again (after a change made elsewhere, e.g. pairing). */
  refresh(): void;
  /** Runs a host-mode action; its new status replaces the shown one. */
  hostAction(action: (api: OutpostApi) => Promise<HostStatus>): Promise<IpcError | null>;
}

/** While a pairing code is shown, how often to look whether a device used it. */
const PAIRING_POLL_MS = 5_000;

export const useDesktopSettings = (desktop: OutpostApi | null): DesktopSettings => {
  const [settings, setSettings] = useState<SettingsView | null>(null);
  const [host, setHost] = useState<HostStatus | null>(null);
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  const [reloads, setReloads] = useState(0);
  const refresh = useCallback(() => setReloads((n) => n + 1), []);

  useEffect(() => {
    if (!desktop) return;
    let live = true;
    Promise.all([desktop.getSettings(), desktop.hostStatus(), desktop.appInfo()]).then(
      ([s, h, i]) => {
        if (!live) return;
        setSettings(s);
        setHost(h);
        setInfo(i);
        setLoadError(null);
      },
      (e: unknown) => live && setLoadError(readIpcError(e).message),
    );
    return () => {
      live = false;
    };
  }, [desktop, reloads]);

  const pairingActive = host?.pairing?.state === 'active';
  useEffect(() => {
    if (!desktop || !pairingActive) return;
    const id = window.setInterval(() => {
      desktop.hostStatus().then(setHost, () => undefined);
    }, PAIRING_POLL_MS);
    return () => window.clearInterval(id);
  }, [desktop, pairingActive]);

  const hostAction = useCallback(
    async (action: (api: OutpostApi) => Promise<HostStatus>): Promise<IpcError | null> => {
      if (!desktop) return { code: 'INTERNAL', message: 'Only the desktop app can host a hub.' };
      try {
        setHost(await action(desktop));
        return null;
      } catch (e) {
        // The status carries the reason too (port in use…): show the fresh one.
        desktop.hostStatus().then(setHost, () => undefined);
        return readIpcError(e);
      }
    },
    [desktop],
  );

  return { settings, host, info, loadError, refresh, hostAction };
};
