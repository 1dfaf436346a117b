import Fastify, {
  LogController,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import type { Logger } from 'pino';
import { API_PREFIX } from '../shared/api/accounts';
import { SYNC_PREFIX } from '../shared/sync/protocol';
import { createAccounts } from './accounts/accounts-service';
import { BLOB_PREFIX, registerBlobRoutes } from './blobs/blob-routes';
import { createAuth } from './auth/auth';
import { createLogin, DEFAULT_LOGIN_LIMITS } from './auth/login';
import { DEFAULT_SCRYPT } from './auth/password';
import type { Clock } from './clock';
import {
  DEFAULT_BODY_LIMIT,
  DEFAULT_EVENT_HEARTBEAT_MS,
  DEFAULT_SESSION_TTL_MS,
  type HubAppConfig,
  type HubContext,
} from './context';
import { installErrorHandler, installJsonParser } from './http/error-handling';
import { registerAdminRoutes } from './http/routes/admin-routes';
import { registerAuthRoutes } from './http/routes/auth-routes';
import { registerDirectoryRoutes } from './http/routes/directory-routes';
import { registerHealthRoutes } from './http/routes/health-routes';
import { registerReferenceRoutes } from './http/routes/reference-routes';
import { registerSetupRoutes } from './http/routes/setup-routes';
import { installSecurityHeaders } from './http/security-headers';
import { installWebRoot } from './http/web-root';
import type { PairingCodes } from './pairing/pairing-codes';
import { registerPairingRoutes } from './pairing/pairing-routes';
import type { HubDatabase } from './storage/database';
import { hubVersion } from './version';
import { currentSeq } from './sync/change-log';
import { createLocalPokeBus, type PokeBus } from './sync/pokes';
import { ensureReferenceData } from './sync/reference-data';
import { registerSyncRoutes } from './sync/routes';
import { scheduleAutoClose, type Scheduler } from './jobs/auto-close';

export type { HubAppConfig, HubContext } from './context';

export { DEFAULT_BODY_LIMIT, DEFAULT_SESSION_TTL_MS } from './context';

export function defaultAppConfig(overrides: Partial<HubAppConfig> = {}): HubAppConfig {
  return {
    version: hubVersion(),
    webRoot: null,
    sessionTtlMs: DEFAULT_SESSION_TTL_MS,
    trustProxy: false,
    bodyLimitBytes: DEFAULT_BODY_LIMIT,
    eventHeartbeatMs: DEFAULT_EVENT_HEARTBEAT_MS,
    scrypt: DEFAULT_SCRYPT,
    loginLimits: DEFAULT_LOGIN_LIMITS,
    ...overrides,
  };
}

export interface HubDeps {
  db: HubDatabase;
  clock: Clock;
  log: Logger;
  config: HubAppConfig;
  /**
   * Where commits are announced to event streams. Defaults to an in-process
   * bus; several hubs on one PostgreSQL pass a LISTEN/NOTIFY bus (sync/pokes.ts).
   * A bus passed in is closed by its owner, not by the app.
   */
  pokes?: PokeBus;
  /** Serve HTTPS with this key and certificate (desktop host mode with LAN sharing). */
  https?: { key: string; cert: string };
  /** Desktop host mode: devices pair with the host's codes (POST /api/v1/pairing/claim). */
  pairing?: PairingCodes;
}

/**
 * One line per answered request: method, path, status and time. Fastify's
 * own logging wrote two (received, completed) with the whole request
 * serialised: at 50 syncing clients, ~1,800 lines a second and ~3 % of the
 * hub's CPU, with nothing in the first line the second lacks.
 */
class AccessLog extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    const line = {
      method: request.method,
      url: request.url,
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime * 10) / 10,
      remoteAddress: request.ip,
    };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log.info(line, 'request completed');
  }
}

/**
 * Builds the hub's HTTP app from its dependencies (no globals, no listening).
 * Callers may register more plugins (sync) before `listen`/`ready`; they find
 * the shared services on `app.hub` (auth.requireAuth, auth.requireRole, db...).
 */
export function createHub({
  db,
  clock,
  log,
  config,
  pokes,
  https,
  pairing,
}: HubDeps): FastifyInstance {
  const app = Fastify({
    ...(https ? { https } : {}),
    loggerInstance: log,
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    return503OnClosing: true,
    logController: new AccessLog(),
  }) as unknown as FastifyInstance;

  const ctx: HubContext = {
    db,
    clock,
    log,
    config,
    auth: createAuth({ db: db.kysely, clock, sessionTtlMs: config.sessionTtlMs }),
    login: createLogin({
      db: db.kysely,
      clock,
      scrypt: config.scrypt,
      limits: config.loginLimits,
    }),
    accounts: createAccounts({ db: db.kysely, clock, scrypt: config.scrypt }),
  };
  app.decorate('hub', ctx);
  app.decorateRequest('auth', null);

  installJsonParser(app);
  installErrorHandler(app, config.bodyLimitBytes);
  installSecurityHeaders(app);
  registerHealthRoutes(app, ctx);
  void app.register(
    async (api) => {
      registerSetupRoutes(api, ctx);
      registerAuthRoutes(api, ctx);
      registerDirectoryRoutes(api, ctx);
      registerAdminRoutes(api, ctx);
      registerReferenceRoutes(api, ctx);
      if (pairing) registerPairingRoutes(api, ctx, pairing);
    },
    { prefix: API_PREFIX },
  );
  const bus = pokes ?? createLocalPokeBus(() => currentSeq(db.kysely));
  if (!pokes) app.addHook('onClose', () => bus.close());
  // Built-in calendars, SLA definitions and settings, before the first request.
  app.addHook('onReady', () => ensureReferenceData(db, clock.now()));
  let autoClose: Scheduler | null = null;
  app.addHook('onReady', async () => {
    autoClose = scheduleAutoClose({ db, clock, log, onCommit: (seq) => bus.publish(seq) });
  });
  app.addHook('onClose', async () => autoClose?.stop());
  void app.register(async (sync) => registerSyncRoutes(sync, ctx, bus), { prefix: SYNC_PREFIX });
  void app.register(async (blobs) => registerBlobRoutes(blobs, ctx), { prefix: BLOB_PREFIX });
  void app.register(async (root) => installWebRoot(root, config.webRoot));
  return app;
}
