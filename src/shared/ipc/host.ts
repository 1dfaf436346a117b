import { z } from 'zod';
import { pairingCodeSchema } from '../api/pairing';
import { fingerprintSchema } from './fingerprint';

/**
 * IPC shapes for host mode, LAN pairing, "about" and diagnostics: what the
 * Settings screen shows and sends. The main process validates every
 * argument with these; the renderer reuses them for its forms.
 */
export const hostStateSchema = z.enum(['stopped', 'starting', 'running', 'stopping']);

export const hostStatusSchema = z.object({
  /** Policy: may this desktop host at all / share on the LAN; with the reason when not. */
  allowed: z.boolean(),
  lanAllowed: z.boolean(),
  /** Locked by the policy file (shown with a lock), with the sentence to show. */
  lockedReason: z.string().nullable(),
  lanLockedReason: z.string().nullable(),
  state: hostStateSchema,
  /** What the user chose (kept across restarts). */
  enabled: z.boolean(),
  lan: z.boolean(),
  port: z.number().int(),
  localUrl: z.string().nullable(),
  lanUrls: z.array(z.string()),
  fingerprint: z.string().nullable(),
  certificateValidUntil: z.number().nullable(),
  pairing: z
    .object({
      state: z.enum(['none', 'active', 'expired', 'used', 'withdrawn']),
      code: z.string().nullable(),
      expiresAt: z.number().nullable(),
      note: z.string().nullable(),
    })
    .nullable(),
  dataDir: z.string(),
  /** Why the last start failed (port in use, folder not writable…), until the next success. */
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  /** True when this desktop's own hub address points at its hub. */
  usedByThisDevice: z.boolean(),
});
export type HostStatus = z.infer<typeof hostStatusSchema>;

export const hostPortSchema = z
  .number({ error: 'port must be a number' })
  .int({ error: 'port must be a whole number' })
  .min(1024, { error: 'port must be between 1024 and 65535' })
  .max(65535, { error: 'port must be between 1024 and 65535' });

export const hostStartSchema = z
  .object({
    lan: z.boolean({ error: 'lan must be true or false' }),
    port: hostPortSchema.optional(),
  })
  .strict();
export type HostStartRequest = z.infer<typeof hostStartSchema>;

/** "192.168.1.20", "192.168.1.20:7410" or "https://192.168.1.20:7410". */
export const hostAddressSchema = z
  .string({ error: 'address is required' })
  .trim()
  .min(1, { error: 'address is required' })
  .max(300, { error: 'address is too long' });

export const pairRequestSchema = z
  .object({
    address: hostAddressSchema,
    code: pairingCodeSchema,
    fingerprint: fingerprintSchema,
    username: z
      .string({ error: 'username is required' })
      .min(1, { error: 'username is required' })
      .max(200),
    password: z
      .string({ error: 'password is required' })
      .min(1, { error: 'password is required' })
      .max(1000),
    deviceName: z.string().trim().max(80).optional(),
  })
  .strict();
export type PairRequest = z.input<typeof pairRequestSchema>;

export const pairResultSchema = z.object({
  hubUrl: z.string(),
  fingerprint: z.string(),
  displayName: z.string(),
});
export type PairResult = z.infer<typeof pairResultSchema>;

export const appInfoSchema = z.object({
  version: z.string(),
  dataFolder: z.string(),
  logFolder: z.string(),
  platform: z.string(),
  versions: z.record(z.string(), z.string()),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

/** Null when the user cancelled the save dialog. */
export const diagnosticsResultSchema = z.object({ path: z.string() }).nullable();
