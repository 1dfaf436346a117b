import type { ProxyConfig, Session } from 'electron';
import type { ProxySetting } from '../shared/ipc/settings';
import type { Log } from './log';

/**
 * Hub traffic goes through Electron's network stack (net.fetch), so the
 * proxy chosen here, or the operating system's by default, applies to it,
 * with the enterprise's certificates.
 */
export const toProxyConfig = (setting: ProxySetting): ProxyConfig => {
  switch (setting.mode) {
    case 'system':
      return { mode: 'system' };
    case 'direct':
      return { mode: 'direct' };
    case 'auto_detect':
      return { mode: 'auto_detect' };
    case 'pac_script':
      return { mode: 'pac_script', pacScript: setting.pacUrl };
    case 'fixed_servers':
      return {
        mode: 'fixed_servers',
        proxyRules: setting.rules,
        ...(setting.bypass ? { proxyBypassRules: setting.bypass } : {}),
      };
  }
};

export const applyProxy = async (
  session: Pick<Session, 'setProxy' | 'closeAllConnections'>,
  setting: ProxySetting,
  log: Log,
): Promise<void> => {
  try {
    await session.setProxy(toProxyConfig(setting));
    // Connections opened under the previous proxy would otherwise keep using it.
    await session.closeAllConnections();
    log.info('proxy applied', { mode: setting.mode });
  } catch (e) {
    log.error('proxy not applied', {
      mode: setting.mode,
      reason: e instanceof Error ? e.message : String(e),
    });
  }
};
