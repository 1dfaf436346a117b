import type { Logger } from 'pino';
import type { Accounts } from './accounts/accounts-service';
import type { Auth } from './auth/auth';
import type { Login, LoginLimits } from './auth/login';
import type { ScryptParams } from './auth/password';
import type { Clock } from './clock';
import type { HubDatabase } from './storage/database';

/** Field engineers are offline for days; a fortnight of inactivity ends a sign-in. */
export const DEFAULT_SESSION_TTL_MS = 14 * 24 * 60 * 60 * 1000;
/** An open event stream gets a comment this often (proxies close idle ones) and re-reads its reader. */
export const DEFAULT_EVENT_HEARTBEAT_MS = 20_000;
/** Request bodies on the API; sync routes may set their own per-route limit. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

/** Settings createHub needs (the CLI's HubConfig adds port, host, data dir...). */
export interface HubAppConfig {
  version: string;
  /** Folder of the built renderer; null or missing → a page saying to build it. */
  webRoot: string | null;
  sessionTtlMs: number;
  /** Honour X-Forwarded-* (only behind a reverse proxy you run). */
  trustProxy: boolean;
  bodyLimitBytes: number;
  /** See DEFAULT_EVENT_HEARTBEAT_MS. */
  eventHeartbeatMs: number;
  scrypt: ScryptParams;
  loginLimits: LoginLimits;
}

/** Everything route plugins need; exposed as `app.hub` so later plugins (sync) reuse it. */
export interface HubContext {
  db: HubDatabase;
  clock: Clock;
  log: Logger;
  config: HubAppConfig;
  auth: Auth;
  login: Login;
  accounts: Accounts;
}

declare module 'fastify' {
  interface FastifyInstance {
    hub: HubContext;
  }
}
