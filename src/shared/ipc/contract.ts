import { z } from 'zod';
import {
  appInfoSchema,
  diagnosticsResultSchema,
  hostStartSchema,
  hostStatusSchema,
  pairRequestSchema,
  pairResultSchema,
  type AppInfo,
  type HostStartRequest,
  type HostStatus,
  type PairRequest,
  type PairResult,
} from './host';
import {
  journalAppendSchema,
  journalEntrySchema,
  journalScopeSchema,
  journalTrimSchema,
  type JournalEntryInput,
  type JournalEntryRecord,
  type JournalScope,
} from './journal';
import { originSchema } from './origin';
import { hubUrlSchema, settingsSnapshotSchema } from './settings';

/**
 * The one contract between the renderer and the Electron main process
 * (CONVENTIONS.md rule 2, SECURITY.md "IPC"). Each channel names the zod
 * schema of its single argument and of its result. The preload exposes one
 * named function per channel; the main process validates every argument
 * against `arg` before its handler runs.
 */
export const settingsViewSchema = settingsSnapshotSchema.extend({
  /** Fingerprint this device pinned for the current hub (paired with a desktop host), if any. */
  hubPin: z.string().nullable(),
});
export type SettingsView = z.infer<typeof settingsViewSchema>;

export const ipcContract = {
  'app:version': { arg: z.undefined(), result: z.string() },
  'app:info': { arg: z.undefined(), result: appInfoSchema },
  'settings:getHubUrl': { arg: z.undefined(), result: z.string().nullable() },
  'settings:setHubUrl': { arg: hubUrlSchema, result: z.null() },
  /** Effective settings (policy enforced > user > policy defaults > built-in), locks, problems. */
  'settings:get': { arg: z.undefined(), result: settingsViewSchema },
  'journal:append': { arg: journalAppendSchema, result: z.null() },
  'journal:list': { arg: journalScopeSchema, result: z.array(journalEntrySchema) },
  'journal:trim': { arg: journalTrimSchema, result: z.null() },
  'host:status': { arg: z.undefined(), result: hostStatusSchema },
  'host:start': { arg: hostStartSchema, result: hostStatusSchema },
  'host:stop': { arg: z.undefined(), result: hostStatusSchema },
  'host:newPairingCode': { arg: z.undefined(), result: hostStatusSchema },
  'host:regenerateCertificate': { arg: z.undefined(), result: hostStatusSchema },
  /** Points this desktop's hub address at its own running hub. */
  'host:useAsHub': { arg: z.undefined(), result: z.object({ hubUrl: z.string() }) },
  /** Pairs with a desktop host on the LAN; on success the hub address and sign-in are set. */
  'hub:pair': { arg: pairRequestSchema, result: pairResultSchema },
  'diagnostics:export': { arg: z.undefined(), result: diagnosticsResultSchema },
} as const;

export type IpcChannel = keyof typeof ipcContract;
export type IpcArg<C extends IpcChannel> = z.input<(typeof ipcContract)[C]['arg']>;
export type IpcResult<C extends IpcChannel> = z.infer<(typeof ipcContract)[C]['result']>;

/** What `window.outpost` offers the renderer; absent in web mode. */
export interface OutpostApi {
  appVersion(): Promise<string>;
  appInfo(): Promise<AppInfo>;
  getHubUrl(): Promise<string | null>;
  /** Rejects with `[POLICY_LOCKED] …` when the policy enforces the hub URL (see readIpcError). */
  setHubUrl(url: string): Promise<null>;
  getSettings(): Promise<SettingsView>;
  journalAppend(arg: { scope: JournalScope; entry: JournalEntryInput }): Promise<null>;
  journalList(scope: JournalScope): Promise<JournalEntryRecord[]>;
  journalTrim(arg: { scope: JournalScope; clientId: string; through: number }): Promise<null>;
  hostStatus(): Promise<HostStatus>;
  hostStart(request: HostStartRequest): Promise<HostStatus>;
  hostStop(): Promise<HostStatus>;
  hostNewPairingCode(): Promise<HostStatus>;
  hostRegenerateCertificate(): Promise<HostStatus>;
  hostUseAsHub(): Promise<{ hubUrl: string }>;
  pairWithHost(request: PairRequest): Promise<PairResult>;
  exportDiagnostics(): Promise<{ path: string } | null>;
}

export { hubUrlSchema, originSchema };

/**
 * Which channel each `OutpostApi` function calls. The preload is written by
 * hand (named functions, no generic invoke); this map lets a test prove that
 * every channel has exactly one function and vice versa.
 */
export const outpostApiChannels = {
  appVersion: 'app:version',
  appInfo: 'app:info',
  getHubUrl: 'settings:getHubUrl',
  setHubUrl: 'settings:setHubUrl',
  getSettings: 'settings:get',
  journalAppend: 'journal:append',
  journalList: 'journal:list',
  journalTrim: 'journal:trim',
  hostStatus: 'host:status',
  hostStart: 'host:start',
  hostStop: 'host:stop',
  hostNewPairingCode: 'host:newPairingCode',
  hostRegenerateCertificate: 'host:regenerateCertificate',
  hostUseAsHub: 'host:useAsHub',
  pairWithHost: 'hub:pair',
  exportDiagnostics: 'diagnostics:export',
} as const satisfies Record<keyof OutpostApi, IpcChannel>;
