import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import type { z } from 'zod';
import { ipcContract, type IpcChannel, type IpcResult } from '../shared/ipc/contract';
import type { IpcError, IpcReply } from '../shared/ipc/errors';
import type { Log } from './log';
import { APP_ORIGIN } from './protocol';
import { isAppUrl } from './security';

/**
 * Every IPC handler in one map typed from `ipcContract` (CONVENTIONS.md,
 * SECURITY.md "IPC"). The dispatcher, not the handlers, checks the sender
 * and validates the argument, so no handler can forget either.
 */
type ParsedArg<C extends IpcChannel> = z.output<(typeof ipcContract)[C]['arg']>;

export type IpcHandlers = {
  [C in IpcChannel]: (
    arg: ParsedArg<C>,
    event: IpcMainInvokeEvent,
  ) => Promise<IpcReply<IpcResult<C>>> | IpcReply<IpcResult<C>>;
};

const fail = (code: IpcError['code'], message: string): { ok: false; error: IpcError } => ({
  ok: false,
  error: { code, message },
});

/**
 * Only the app's own top-level page may call: not another origin the
 * window was somehow navigated to, not an iframe (which could inherit the
 * origin through about:blank or srcdoc).
 */
export const isTrustedSender = (event: Pick<IpcMainInvokeEvent, 'senderFrame'>): boolean => {
  const frame = event.senderFrame;
  if (!frame) return false;
  return frame.parent === null && frame.origin === APP_ORIGIN && isAppUrl(frame.url);
};

const describeIssues = (issues: readonly z.core.$ZodIssue[]): string =>
  issues
    .map((issue) =>
      issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message,
    )
    .join('; ');

export const dispatchIpc = async <C extends IpcChannel>(
  channel: C,
  handlers: IpcHandlers,
  event: IpcMainInvokeEvent,
  args: readonly unknown[],
  log: Log,
): Promise<IpcReply<IpcResult<C>>> => {
  if (!isTrustedSender(event)) {
    log.warn('ipc call from untrusted sender refused', {
      channel,
      sender: event.senderFrame?.url ?? null,
    });
    return fail('FORBIDDEN_SENDER', `${channel} may only be called by Outpost's own pages`);
  }
  if (args.length > 1) return fail('INVALID_ARGUMENT', `${channel} takes at most one argument`);
  const contract = ipcContract[channel];
  const parsed = contract.arg.safeParse(args[0]);
  if (!parsed.success) {
    return fail('INVALID_ARGUMENT', `${channel}: ${describeIssues(parsed.error.issues)}`);
  }
  try {
    const handler = handlers[channel] as (
      arg: unknown,
      event: IpcMainInvokeEvent,
    ) => Promise<IpcReply<IpcResult<C>>> | IpcReply<IpcResult<C>>;
    const reply = await handler(parsed.data, event);
    if (!reply.ok) return reply;
    const checked = contract.result.safeParse(reply.value);
    if (!checked.success) {
      log.error('ipc handler returned a value outside the contract', {
        channel,
        issues: describeIssues(checked.error.issues),
      });
      return fail(
        'INTERNAL',
        `Outpost hit an unexpected error in ${channel}; details are in the log`,
      );
    }
    return reply;
  } catch (e) {
    log.error('ipc handler failed', {
      channel,
      reason: e instanceof Error ? (e.stack ?? e.message) : String(e),
    });
    return fail(
      'INTERNAL',
      `Outpost hit an unexpected error in ${channel}; details are in the log`,
    );
  }
};

export const registerIpcHandlers = (
  ipcMain: Pick<IpcMain, 'handle'>,
  handlers: IpcHandlers,
  log: Log,
): void => {
  for (const channel of Object.keys(ipcContract) as IpcChannel[]) {
    ipcMain.handle(channel, (event, ...args: unknown[]) =>
      dispatchIpc(channel, handlers, event, args, log),
    );
  }
};

export { createIpcHandlers, type IpcHandlerDeps } from './ipc-handlers';
