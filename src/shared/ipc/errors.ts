/**
 * Typed IPC errors (CONVENTIONS.md rule 8). Main-process handlers reply with
 * an `IpcReply` envelope instead of throwing, because Electron reduces a
 * thrown error to its message. The preload turns a failed reply into an Error
 * whose message is `[CODE] text`; contextBridge keeps the message intact, and
 * the renderer reads it back with `readIpcError`.
 *
 * No zod here on purpose: the sandboxed preload bundles this file.
 */
export const ipcErrorCodes = [
  /** The argument failed the channel's zod schema; the message names the field. */
  'INVALID_ARGUMENT',
  /** The call came from a frame that is not the app's own origin. */
  'FORBIDDEN_SENDER',
  /** The value is enforced by the organisation's policy file. */
  'POLICY_LOCKED',
  /** The settings file could not be written (disk full, permissions). */
  'SETTINGS_WRITE_FAILED',
  /** Host mode: the port is taken by another program. */
  'HOST_PORT_IN_USE',
  /** Host mode: the user-data folder (hub database, certificate) cannot be written. */
  'HOST_DATA_UNWRITABLE',
  /** Host mode failed to start for another reason (named in the message). */
  'HOST_START_FAILED',
  /** The action needs host mode (with network sharing) to be running. */
  'HOST_NOT_RUNNING',
  /** Pairing: the host presented another certificate than the fingerprint typed. */
  'CERTIFICATE_MISMATCH',
  /** Pairing: the host could not be reached at that address. */
  'HOST_UNREACHABLE',
  /** Pairing: the host refused (wrong or expired code, wrong password); the message says which. */
  'PAIRING_REFUSED',
  /**
   * Pairing: the host accepted, but its certificate pin could not be saved in
   * the user-data folder, so the pairing was not kept.
   */
  'PIN_SAVE_FAILED',
  /** The mutation journal could not be written (disk full, permissions). */
  'JOURNAL_WRITE_FAILED',
  /** An unexpected failure in the main process; details are in its log. */
  'INTERNAL',
] as const;
export type IpcErrorCode = (typeof ipcErrorCodes)[number];

export interface IpcError {
  code: IpcErrorCode;
  message: string;
}

export type IpcReply<T> = { ok: true; value: T } | { ok: false; error: IpcError };

export const isIpcErrorCode = (s: unknown): s is IpcErrorCode =>
  typeof s === 'string' && (ipcErrorCodes as readonly string[]).includes(s);

export const formatIpcError = (e: IpcError): string => `[${e.code}] ${e.message}`;

const CODED_MESSAGE = /\[([A-Z_]+)\] ([\s\S]*)$/;

/** Reads the code and message back from whatever a `window.outpost` call rejected with. */
export const readIpcError = (e: unknown): IpcError => {
  const message = e instanceof Error ? e.message : typeof e === 'string' ? e : String(e);
  const match = CODED_MESSAGE.exec(message);
  if (match && isIpcErrorCode(match[1])) return { code: match[1], message: match[2] ?? '' };
  return { code: 'INTERNAL', message };
};
