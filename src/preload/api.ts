import type { IpcArg, IpcChannel, IpcResult, OutpostApi } from '../shared/ipc/contract';
import { formatIpcError, isIpcErrorCode, type IpcReply } from '../shared/ipc/errors';

/**
 * The API the renderer sees as `window.outpost`: one named function per IPC
 * channel and nothing else, so a compromised page cannot reach a channel by
 * name (SECURITY.md "IPC"). Only types come from the contract; zod stays out
 * of the sandboxed preload, the main process validates.
 */
export type Invoke = (channel: IpcChannel, arg: unknown) => Promise<unknown>;

const isReply = (v: unknown): v is IpcReply<unknown> => {
  if (typeof v !== 'object' || v === null || !('ok' in v)) return false;
  if (v.ok === true) return 'value' in v;
  if (v.ok !== false || !('error' in v)) return false;
  const error = v.error;
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    isIpcErrorCode(error.code) &&
    'message' in error &&
    typeof error.message === 'string'
  );
};

export const createOutpostApi = (invoke: Invoke) => {
  const call = async <C extends IpcChannel>(channel: C, arg: IpcArg<C>): Promise<IpcResult<C>> => {
    const reply = await invoke(channel, arg);
    if (!isReply(reply))
      throw new Error(formatIpcError({ code: 'INTERNAL', message: `${channel}: malformed reply` }));
    // contextBridge keeps only an Error's message, hence "[CODE] message".
    if (!reply.ok) throw new Error(formatIpcError(reply.error));
    return reply.value as IpcResult<C>;
  };

  return {
    appVersion: () => call('app:version', undefined),
    getHubUrl: () => call('settings:getHubUrl', undefined),
    setHubUrl: (url: string) => call('settings:setHubUrl', url),
    appInfo: () => call('app:info', undefined),
    getSettings: () => call('settings:get', undefined),
    journalAppend: (arg) => call('journal:append', arg),
    journalList: (scope) => call('journal:list', scope),
    journalTrim: (arg) => call('journal:trim', arg),
    hostStatus: () => call('host:status', undefined),
    hostStart: (request) => call('host:start', request),
    hostStop: () => call('host:stop', undefined),
    hostNewPairingCode: () => call('host:newPairingCode', undefined),
    hostRegenerateCertificate: () => call('host:regenerateCertificate', undefined),
    hostUseAsHub: () => call('host:useAsHub', undefined),
    pairWithHost: (request) => call('hub:pair', request),
    exportDiagnostics: () => call('diagnostics:export', undefined),
  } satisfies OutpostApi;
};
