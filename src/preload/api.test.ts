import { describe, expect, it, vi } from 'vitest';
import { ipcContract, outpostApiChannels, type IpcChannel } from '../shared/ipc/contract';
import { readIpcError } from '../shared/ipc/errors';
import { createOutpostApi } from './api';

const recording = (reply: unknown) => {
  const calls: [IpcChannel, unknown][] = [];
  const api = createOutpostApi(async (channel, arg) => {
    calls.push([channel, arg]);
    return reply;
  });
  return { api, calls };
};

describe('window.outpost', () => {
  it('exposes only named functions, one per contract channel', () => {
    const { api } = recording({ ok: true, value: null });
    expect(Object.keys(api).sort()).toEqual(Object.keys(outpostApiChannels).sort());
    expect(Object.values(outpostApiChannels).sort()).toEqual(Object.keys(ipcContract).sort());
    for (const fn of Object.values(api)) expect(typeof fn).toBe('function');
    expect(api).not.toHaveProperty('invoke');
    expect(api).not.toHaveProperty('send');
  });

  it.each(Object.entries(outpostApiChannels))(
    '%s calls %s with one argument',
    async (name, channel) => {
      const { api, calls } = recording({ ok: true, value: null });
      const fn = api[name as keyof typeof api] as (arg?: unknown) => Promise<unknown>;
      await fn('https://hub.example.org');
      expect(calls).toHaveLength(1);
      expect(calls[0]![0]).toBe(channel);
    },
  );

  it('resolves with the value of a successful reply', async () => {
    const { api, calls } = recording({ ok: true, value: 'https://hub.example.org' });
    await expect(api.getHubUrl()).resolves.toBe('https://hub.example.org');
    expect(calls).toEqual([['settings:getHubUrl', undefined]]);
  });

  it('rejects with a typed error the renderer can read back', async () => {
    const { api } = recording({
      ok: false,
      error: { code: 'POLICY_LOCKED', message: "hubUrl is set by your organisation's policy" },
    });
    const error = await api.setHubUrl('https://x.example').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(readIpcError(error)).toEqual({
      code: 'POLICY_LOCKED',
      message: "hubUrl is set by your organisation's policy",
    });
  });

  it('rejects a malformed reply instead of passing it on', async () => {
    for (const reply of [
      undefined,
      'x',
      { ok: true },
      { ok: false, error: { code: 'NOPE', message: 'x' } },
    ]) {
      const { api } = recording(reply);
      const error = await api.appVersion().catch((e: unknown) => e);
      expect(readIpcError(error).code).toBe('INTERNAL');
    }
  });
});

describe('preload entry', () => {
  it('exposes the API as window.outpost through contextBridge and nothing else', async () => {
    const exposed: [string, unknown][] = [];
    const invoke = vi.fn(async () => ({ ok: true, value: '1.0.0' }));
    vi.doMock('electron', () => ({
      contextBridge: {
        exposeInMainWorld: (key: string, value: unknown) => exposed.push([key, value]),
      },
      ipcRenderer: { invoke },
    }));
    await import('./index');
    expect(exposed.map(([k]) => k)).toEqual(['outpost']);
    const api = exposed[0]![1] as { appVersion(): Promise<string> };
    await expect(api.appVersion()).resolves.toBe('1.0.0');
    expect(invoke).toHaveBeenCalledWith('app:version', undefined);
    vi.doUnmock('electron');
  });
});
