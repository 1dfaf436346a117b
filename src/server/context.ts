import type { Logger } from 'pino';
import type { Accounts } from './accounts/accounts-service';
import type { Auth } from './auth/auth';
import type { Login, LoginLimits } from './auth/login';
import type { ScryptParams } from './auth/password';
import type { Clock } from './clock';
import type { HubDatabase } from './storage/database';

/** Settings createHub needs (the CLI's HubConfig adds port, host, data dir...). */
export interface HubAppConfig {
  version: string;
  /** Folder of the built renderer; null or missing → a page saying to build it. */
  webRoot: string | null;
  sessionTtlMs: number;
  /** Honour X-Forwarded-* (only behind a reverse proxy you run). */
  trustProxy: boolean;
  bodyLimitBytes: number;
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
