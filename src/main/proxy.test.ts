import { describe, expect, it } from 'vitest';
import { createMemoryLog } from './log';
import { applyProxy, toProxyConfig } from './proxy';
import { FakeSession } from './testing/fakes';

describe('proxy settings', () => {
  it('follow the operating system by default and map every policy mode onto Electron', () => {
    expect(toProxyConfig({ mode: 'system' })).toEqual({ mode: 'system' });
    expect(toProxyConfig({ mode: 'direct' })).toEqual({ mode: 'direct' });
    expect(toProxyConfig({ mode: 'auto_detect' })).toEqual({ mode: 'auto_detect' });
    expect(toProxyConfig({ mode: 'pac_script', pacUrl: 'http://wpad.corp/proxy.pac' })).toEqual({
      mode: 'pac_script',
      pacScript: 'http://wpad.corp/proxy.pac',
    });
    expect(
      toProxyConfig({ mode: 'fixed_servers', rules: 'proxy.corp:3128', bypass: '<local>;*.corp' }),
    ).toEqual({
      mode: 'fixed_servers',
      proxyRules: 'proxy.corp:3128',
      proxyBypassRules: '<local>;*.corp',
    });
  });

  it('are applied to the session hub requests use, closing connections made under the old proxy', async () => {
    const session = new FakeSession();
    await applyProxy(
      session,
      { mode: 'fixed_servers', rules: 'proxy.corp:3128' },
      createMemoryLog(),
    );
    expect(session.proxies).toEqual([{ mode: 'fixed_servers', proxyRules: 'proxy.corp:3128' }]);
    expect(session.closedConnections).toBe(1);
  });

  it('log a proxy Electron refuses instead of crashing', async () => {
    const log = createMemoryLog();
    const session = {
      setProxy: async () => {
        throw new Error('Invalid proxy rules');
      },
      closeAllConnections: async () => {},
    };
    await applyProxy(session, { mode: 'fixed_servers', rules: '???' }, log);
    expect(log.lines).toEqual([
      expect.objectContaining({ level: 'error', message: 'proxy not applied' }),
    ]);
  });
});
