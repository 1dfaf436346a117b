import { z } from 'zod';

/**
 * Desktop settings that an organisation may preset or enforce through the
 * policy file (SECURITY.md "Locked-down workstations"). The same schemas
 * validate the policy file, the user's settings file and the `settings:get`
 * IPC result, so the Settings screen and the main process agree on shape.
 */
const isHttpUrl = (s: string, protocols: readonly string[]): boolean => {
  try {
    const u = new URL(s);
    return protocols.includes(u.protocol) && u.username === '' && u.password === '';
  } catch {
    return false;
  }
};

export const hubUrlSchema = z
  .string({ error: 'hub URL must be a string' })
  .trim()
  .max(2048, { error: 'hub URL must have at most 2048 characters' })
  .refine((s) => isHttpUrl(s, ['http:', 'https:']), {
    error: 'hub URL must be an http(s) address such as https://hub.example.org:7410',
  });

/** Update feeds carry executable code, so only https is accepted. */
export const updateFeedSchema = z
  .string({ error: 'update feed must be a string' })
  .trim()
  .max(2048)
  .refine((s) => isHttpUrl(s, ['https:']), {
    error: 'update feed must be an https address',
  });

/**
 * Maps onto Electron's `session.setProxy` modes. `system` (the default)
 * follows the operating system, which is what enterprise proxies expect.
 */
export const proxySettingSchema = z.discriminatedUnion(
  'mode',
  [
    z.object({ mode: z.literal('system') }).strict(),
    z.object({ mode: z.literal('direct') }).strict(),
    z.object({ mode: z.literal('auto_detect') }).strict(),
    z
      .object({
        mode: z.literal('pac_script'),
        pacUrl: z.string().refine((s) => isHttpUrl(s, ['http:', 'https:', 'file:']), {
          error: 'proxy.pacUrl must be an http(s) or file address',
        }),
      })
      .strict(),
    z
      .object({
        mode: z.literal('fixed_servers'),
        rules: z
          .string({ error: 'proxy.rules must be a string' })
          .trim()
          .min(1, { error: 'proxy.rules must name at least one proxy server' })
          .max(2048),
        bypass: z.string().max(2048).optional(),
      })
      .strict(),
  ],
  { error: 'proxy.mode must be one of system, direct, auto_detect, pac_script, fixed_servers' },
);
export type ProxySetting = z.infer<typeof proxySettingSchema>;

export const settingsValuesSchema = z.object({
  hubUrl: hubUrlSchema.nullable(),
  hostModeAllowed: z.boolean({ error: 'hostModeAllowed must be true or false' }),
  lanSharingAllowed: z.boolean({ error: 'lanSharingAllowed must be true or false' }),
  updateFeed: updateFeedSchema.nullable(),
  telemetry: z.boolean({ error: 'telemetry must be true or false' }),
  proxy: proxySettingSchema,
});
export type SettingsValues = z.infer<typeof settingsValuesSchema>;

export const settingKeys = [
  'hubUrl',
  'hostModeAllowed',
  'lanSharingAllowed',
  'updateFeed',
  'telemetry',
  'proxy',
] as const satisfies readonly (keyof SettingsValues)[];
export type SettingKey = (typeof settingKeys)[number];
export const settingKeySchema = z.enum(settingKeys);

/** What the app uses when neither the policy nor the user says otherwise. */
export const builtInSettings: SettingsValues = {
  hubUrl: null,
  hostModeAllowed: true,
  lanSharingAllowed: true,
  updateFeed: null,
  telemetry: false,
  proxy: { mode: 'system' },
};

export const settingsSnapshotSchema = z.object({
  values: settingsValuesSchema,
  /** Keys the policy file enforces; the Settings screen shows them read-only. */
  locked: z.array(settingKeySchema),
  /** Human-readable problems found in the policy or settings files. */
  problems: z.array(z.string()),
});
export type SettingsSnapshot = z.infer<typeof settingsSnapshotSchema>;
