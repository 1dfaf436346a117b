import { z } from 'zod';

/**
 * The one contract between the renderer and the Electron main process
 * (CONVENTIONS.md rule 2, SECURITY.md "IPC"). Each channel names the zod
 * schema of its single argument and of its result. The preload exposes one
 * named function per channel; the main process validates every argument
 * against `arg` before its handler runs.
 */
const hubUrlSchema = z
  .string()
  .trim()
  .max(2048)
  .refine(
    (s) => {
      try {
        const u = new URL(s);
        return (u.protocol === 'http:' || u.protocol === 'https:') && u.username === '' && u.password === '';
      } catch {
        return false;
      }
    },
    { error: 'hub URL must be an http(s) address such as https://hub.example.org:7410' },
  );

const originSchema = z.string().max(2048).refine((s) => {
  try {
    return new URL(s).origin === s;
  } catch {
    return false;
  }
}, { error: 'origin must look like https://host:port' });

export const ipcContract = {
  'app:version': { arg: z.undefined(), result: z.string() },
  'settings:getHubUrl': { arg: z.undefined(), result: z.string().nullable() },
  'settings:setHubUrl': { arg: hubUrlSchema, result: z.null() },
} as const;

export type IpcChannel = keyof typeof ipcContract;
export type IpcArg<C extends IpcChannel> = z.input<(typeof ipcContract)[C]['arg']>;
export type IpcResult<C extends IpcChannel> = z.infer<(typeof ipcContract)[C]['result']>;

/** What `window.outpost` offers the renderer; absent in web mode. */
export interface OutpostApi {
  appVersion(): Promise<string>;
  getHubUrl(): Promise<string | null>;
  setHubUrl(url: string): Promise<null>;
}

export { hubUrlSchema, originSchema };
