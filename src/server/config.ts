import { homedir } from 'node:os';
import { join, resolve, win32 } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { passwordSchema, usernameSchema } from '../shared/domain/accounts';
import { DEFAULT_SESSION_TTL_MS } from './context';
import { findProjectRoot } from './version';

/** Everything the standalone hub reads from flags and environment. */
export interface HubConfig {
  port: number;
  host: string;
  dataDir: string;
  /** postgres://… for scale-out; null → embedded SQLite in dataDir. */
  databaseUrl: string | null;
  webRoot: string;
  initAdmin: { username: string; password: string } | null;
  sessionTtlMs: number;
  trustProxy: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export interface PlatformInfo {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  home: string;
}

const currentPlatform = (): PlatformInfo => ({
  platform: process.platform,
  env: process.env,
  home: homedir(),
});

/** The per-user data folder each OS expects (the desktop app uses the same one). */
export function defaultDataDir(p: PlatformInfo = currentPlatform()): string {
  if (p.platform === 'win32') {
    return win32.join(p.env.APPDATA ?? win32.join(p.home, 'AppData', 'Roaming'), 'Outpost');
  }
  if (p.platform === 'darwin') return join(p.home, 'Library', 'Application Support', 'Outpost');
  const xdg = p.env.XDG_DATA_HOME;
  // XDG says a relative XDG_DATA_HOME is invalid and must be ignored.
  return join(xdg && xdg.startsWith('/') ? xdg : join(p.home, '.local', 'share'), 'outpost');
}

/** out/renderer of the Outpost checkout this file runs from (src/server or out/hub). */
export function defaultWebRoot(): string {
  const root = findProjectRoot();
  return root ? join(root, 'out', 'renderer') : resolve('out', 'renderer');
}

export const HELP = `Usage: outpost-hub [options]
       outpost-hub verify-audit [--data-dir DIR | --database-url URL]

Options (environment variable in brackets):
  --port N               TCP port, default 7410                 [OUTPOST_PORT]
  --host ADDR            address to listen on, default 127.0.0.1 [OUTPOST_HOST]
  --data-dir DIR         where outpost.db and hub.lock live      [OUTPOST_DATA_DIR]
  --database-url URL     postgres://… instead of embedded SQLite [OUTPOST_DATABASE_URL]
  --web-root DIR         built web app to serve, default out/renderer [OUTPOST_WEB_ROOT]
  --session-ttl-days N   idle days before a sign-in expires, default 14 [OUTPOST_SESSION_TTL_DAYS]
  --trust-proxy          honour X-Forwarded-* from a reverse proxy [OUTPOST_TRUST_PROXY=1]
  --log-level LEVEL      fatal|error|warn|info|debug|trace|silent, default info [OUTPOST_LOG_LEVEL]
  --help                 show this text
  --version              print the version

First run: set OUTPOST_INIT_ADMIN=username:password to create the first
administrator, or open the hub's address on the hub machine itself.
`;

const flagOptions = {
  port: { type: 'string' },
  host: { type: 'string' },
  'data-dir': { type: 'string' },
  'database-url': { type: 'string' },
  'web-root': { type: 'string' },
  'session-ttl-days': { type: 'string' },
  'trust-proxy': { type: 'boolean' },
  'log-level': { type: 'string' },
  help: { type: 'boolean' },
  version: { type: 'boolean' },
} as const;

const boolText = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no'], { error: 'must be 1/0, true/false or yes/no' })
  .transform((v) => ['1', 'true', 'yes'].includes(v));

const configSchema = z.object({
  port: z.coerce
    .number({ error: 'must be a number' })
    .int({ error: 'must be a whole number' })
    .min(0, { error: 'must be between 0 and 65535' })
    .max(65535, { error: 'must be between 0 and 65535' })
    .default(7410),
  host: z.string().trim().min(1, { error: 'must not be empty' }).default('127.0.0.1'),
  dataDir: z.string().trim().min(1, { error: 'must not be empty' }).optional(),
  databaseUrl: z
    .string()
    .trim()
    .regex(/^postgres(ql)?:\/\/.+/, { error: 'must be a postgres:// or postgresql:// URL' })
    .optional(),
  webRoot: z.string().trim().min(1, { error: 'must not be empty' }).optional(),
  sessionTtlDays: z.coerce
    .number({ error: 'must be a number' })
    .positive({ error: 'must be more than 0' })
    .max(365, { error: 'must be at most 365' })
    .optional(),
  trustProxy: boolText.default(false),
  logLevel: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'must be one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
  initAdmin: z.string().optional(),
});

const FIELD_NAMES: Record<string, string> = {
  port: '--port / OUTPOST_PORT',
  host: '--host / OUTPOST_HOST',
  dataDir: '--data-dir / OUTPOST_DATA_DIR',
  databaseUrl: '--database-url / OUTPOST_DATABASE_URL',
  webRoot: '--web-root / OUTPOST_WEB_ROOT',
  sessionTtlDays: '--session-ttl-days / OUTPOST_SESSION_TTL_DAYS',
  trustProxy: '--trust-proxy / OUTPOST_TRUST_PROXY',
  logLevel: '--log-level / OUTPOST_LOG_LEVEL',
};

/** Parses `username:password`; the message never repeats the password. */
export function parseInitAdmin(value: string): { username: string; password: string } {
  const colon = value.indexOf(':');
  if (colon < 0) {
    throw new ConfigError('OUTPOST_INIT_ADMIN must look like username:password');
  }
  const username = usernameSchema.safeParse(value.slice(0, colon));
  if (!username.success) {
    throw new ConfigError(`OUTPOST_INIT_ADMIN: ${username.error.issues[0]?.message}`);
  }
  const password = passwordSchema.safeParse(value.slice(colon + 1));
  if (!password.success) {
    throw new ConfigError(`OUTPOST_INIT_ADMIN: ${password.error.issues[0]?.message}`);
  }
  return { username: username.data, password: password.data };
}

export type ParsedCommand =
  | { command: 'serve'; config: HubConfig }
  | { command: 'verify-audit'; dataDir: string; databaseUrl: string | null }
  | { command: 'help' }
  | { command: 'version' };

/** Flags win over environment variables; unknown flags are errors, not silently ignored. */
export function parseCommandLine(
  argv: readonly string[],
  platform: PlatformInfo = currentPlatform(),
): ParsedCommand {
  const env = platform.env;
  const verify = argv[0] === 'verify-audit';
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: verify ? argv.slice(1) : [...argv],
      options: flagOptions,
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    throw new ConfigError(`${(err as Error).message}. Run with --help for the options.`);
  }
  if (values.help) return { command: 'help' };
  if (values.version) return { command: 'version' };
  const parsed = configSchema.safeParse({
    port: values.port ?? env.OUTPOST_PORT,
    host: values.host ?? env.OUTPOST_HOST,
    dataDir: values['data-dir'] ?? env.OUTPOST_DATA_DIR,
    databaseUrl: values['database-url'] ?? env.OUTPOST_DATABASE_URL,
    webRoot: values['web-root'] ?? env.OUTPOST_WEB_ROOT,
    sessionTtlDays: values['session-ttl-days'] ?? env.OUTPOST_SESSION_TTL_DAYS,
    trustProxy: values['trust-proxy'] ? 'true' : env.OUTPOST_TRUST_PROXY?.toLowerCase(),
    logLevel: values['log-level'] ?? env.OUTPOST_LOG_LEVEL,
    initAdmin: env.OUTPOST_INIT_ADMIN,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = String(issue.path[0] ?? '');
    throw new ConfigError(`${FIELD_NAMES[field] ?? field}: ${issue.message}`);
  }
  const c = parsed.data;
  const dataDir = resolve(c.dataDir ?? defaultDataDir(platform));
  if (verify) return { command: 'verify-audit', dataDir, databaseUrl: c.databaseUrl ?? null };
  return {
    command: 'serve',
    config: {
      port: c.port,
      host: c.host,
      dataDir,
      databaseUrl: c.databaseUrl ?? null,
      webRoot: resolve(c.webRoot ?? defaultWebRoot()),
      initAdmin:
        c.initAdmin !== undefined && c.initAdmin !== '' ? parseInitAdmin(c.initAdmin) : null,
      sessionTtlMs:
        c.sessionTtlDays !== undefined
          ? Math.round(c.sessionTtlDays * 86_400_000)
          : DEFAULT_SESSION_TTL_MS,
      trustProxy: c.trustProxy,
      logLevel: c.logLevel,
    },
  };
}
