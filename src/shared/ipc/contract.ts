import { z } from 'zod';
import { hubUrlSchema, settingsSnapshotSchema, type SettingsSnapshot } from './settings';

/**
 * The one contract between the renderer and the Electron main process
 * (CONVENTIONS.md rule 2, SECURITY.md "IPC"). Each channel names the zod
 * schema of its single argument and of its result. The preload exposes one
 * named function per channel; the main process validates every argument
 * against `arg` before its handler runs.
 */
const originSchema = z
  .string()
  .max(2048)
  .refine(
    (s) => {
      try {
        return new URL(s).origin === s;
      } catch {
        return false;
      }
    },
    { error: 'origin must look like https://host:port' },
  );

export const ipcContract = {
  'app:version': { arg: z.undefined(), result: z.string() },
  'settings:getHubUrl': { arg: z.undefined(), result: z.string().nullable() },
  'settings:setHubUrl': { arg: hubUrlSchema, result: z.null() },
  /** Effective settings (policy enforced > user > policy defaults > built-in), locks, problems. */
  'settings:get': { arg: z.undefined(), result: settingsSnapshotSchema },
} as const;

export type IpcChannel = keyof typeof ipcContract;
export type IpcArg<C extends IpcChannel> = z.input<(typeof ipcContract)[C]['arg']>;
export type IpcResult<C extends IpcChannel> = z.infer<(typeof ipcContract)[C]['result']>;

/** What `window.outpost` offers the renderer; absent in web mode. */
export interface OutpostApi {
  appVersion(): Promise<string>;
  getHubUrl(): Promise<string | null>;
  /** Rejects with `[POLICY_LOCKED] …` when the policy enforces the hub URL (see readIpcError). */
  setHubUrl(url: string): Promise<null>;
  getSettings(): Promise<SettingsSnapshot>;
}

export { hubUrlSchema, originSchema };

/**
 * Which channel each `OutpostApi` function calls. The preload is written by
 * hand (named functions, no generic invoke); this map lets a test prove that
 * every channel has exactly one function and vice versa.
 */
export const outpostApiChannels = {
  appVersion: 'app:version',
  getHubUrl: 'settings:getHubUrl',
  setHubUrl: 'settings:setHubUrl',
  getSettings: 'settings:get',
} as const satisfies Record<keyof OutpostApi, IpcChannel>;
