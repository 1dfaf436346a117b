import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { createHub, defaultAppConfig, type HubAppConfig } from './app';
import { systemClock, type Clock } from './clock';
import type { HubConfig } from './config';
import { acquireDataDirLock, prepareDataDir, type DataDirLock } from './data-dir';
import { HubError } from './http/hub-error';
import { hasBuiltRenderer } from './http/web-root';
import type { PairingCodes } from './pairing/pairing-codes';
import { openDatabase, redactUrl, type DatabaseTarget, type HubDatabase } from './storage/database';
import { countUsers } from './storage/users-repo';
import { currentSeq } from './sync/change-log';
import { createPostgresPokeBus, type PokeBus } from './sync/pokes';

/** A startup failure with a message meant for the person starting the hub. */
export class StartupError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StartupError';
  }
}

export interface RunningHub {
  app: FastifyInstance;
  db: HubDatabase;
  /** Where the hub listens, as bound (port 0 resolved). */
  url: string;
  /** The address to open on this machine (0.0.0.0 → 127.0.0.1). */
  localUrl: string;
  needsSetup: boolean;
  /** Stops accepting requests, closes the database, releases the data-dir lock. */
  close(): Promise<void>;
}

export interface StartHubOptions {
  log: Logger;
  clock?: Clock;
  /** Overrides for tests and host mode (e.g. cheaper scrypt); the config file values win otherwise. */
  app?: Partial<HubAppConfig>;
  /** HTTPS instead of HTTP (desktop host mode sharing on the LAN). */
  tls?: { key: string; cert: string };
  /** Desktop host mode: accept pairing claims against these codes. */
  pairing?: PairingCodes;
}

export const databaseTarget = (dataDir: string, databaseUrl: string | null): DatabaseTarget =>
  databaseUrl
    ? { kind: 'postgres', url: databaseUrl }
    : { kind: 'sqlite', file: join(dataDir, 'outpost.db') };

const formatHost = (host: string): string => (host.includes(':') ? `[${host}]` : host);
const localHost = (host: string): string =>
  host === '0.0.0.0' || host === '::' || host === '' ? '127.0.0.1' : host;

function listenError(err: unknown, host: string, port: number): StartupError {
  const code = (err as NodeJS.ErrnoException).code;
  const where = `${formatHost(host)}:${port}`;
  const message =
    code === 'EADDRINUSE'
      ? `Port ${port} on ${host} is already in use (another hub or program listens there). Choose another with --port.`
      : code === 'EACCES'
        ? `Not allowed to listen on port ${port} on ${host}; ports below 1024 need privileges. Choose another with --port.`
        : code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND'
          ? `The address ${host} is not available on this machine (--host).`
          : `Cannot listen on ${where}: ${(err as Error).message}`;
  return new StartupError(message, { cause: err });
}

/**
 * Starts the standalone hub (also usable in-process by desktop host mode):
 * data dir, lock, database + migrations, first admin from OUTPOST_INIT_ADMIN,
 * HTTP listener. On any failure everything opened so far is closed again.
 */
export async function startHub(config: HubConfig, opts: StartHubOptions): Promise<RunningHub> {
  const { log } = opts;
  const clock = opts.clock ?? systemClock;
  prepareDataDir(config.dataDir);
  const lock: DataDirLock = acquireDataDirLock(config.dataDir);
  let db: HubDatabase | null = null;
  let app: FastifyInstance | null = null;
  let pokes: PokeBus | undefined;
  try {
    const target = databaseTarget(config.dataDir, config.databaseUrl);
    log.info(
      { database: target.kind === 'sqlite' ? target.file : redactUrl(target.url) },
      'opening database',
    );
    db = await openDatabase(target, { log });
    const appConfig = defaultAppConfig({
      webRoot: config.webRoot,
      sessionTtlMs: config.sessionTtlMs,
      trustProxy: config.trustProxy,
      ...opts.app,
    });
    if (!hasBuiltRenderer(appConfig.webRoot)) {
      log.warn(
        { webRoot: appConfig.webRoot },
        'web app not built: run `npm run build` to serve it',
      );
    }
    // Several hubs on one PostgreSQL: commits on any of them poke every client.
    const database = db;
    if (target.kind === 'postgres') {
      pokes = await createPostgresPokeBus(target.url, log, () => currentSeq(database.kysely));
    }
    app = createHub({
      db,
      clock,
      log,
      config: appConfig,
      pokes,
      ...(opts.tls ? { https: opts.tls } : {}),
      ...(opts.pairing ? { pairing: opts.pairing } : {}),
    });
    await createInitialAdmin(app, db, config, log);
    try {
      await app.listen({ port: config.port, host: config.host });
    } catch (err) {
      throw listenError(err, config.host, config.port);
    }
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const needsSetup = (await countUsers(db.kysely)) === 0;
    const opened = { app, db };
    const scheme = opts.tls ? 'https' : 'http';
    let closing: Promise<void> | null = null;
    return {
      app,
      db,
      url: `${scheme}://${formatHost(config.host)}:${port}`,
      localUrl: `${scheme}://${formatHost(localHost(config.host))}:${port}`,
      needsSetup,
      close: () =>
        (closing ??= (async () => {
          try {
            await opened.app.close();
          } finally {
            await pokes?.close();
            await opened.db.close();
            lock.release();
          }
        })()),
    };
  } catch (err) {
    await app?.close().catch(() => undefined);
    await pokes?.close().catch(() => undefined);
    await db?.close().catch(() => undefined);
    lock.release();
    throw err;
  }
}

async function createInitialAdmin(
  app: FastifyInstance,
  db: HubDatabase,
  config: HubConfig,
  log: Logger,
): Promise<void> {
  if (!config.initAdmin) return;
  if ((await countUsers(db.kysely)) > 0) {
    log.info('OUTPOST_INIT_ADMIN ignored: the hub already has users');
    return;
  }
  try {
    const user = await app.hub.accounts.createFirstAdmin(
      { ...config.initAdmin, displayName: config.initAdmin.username },
      'env',
    );
    log.info({ username: user.username }, 'first administrator created from OUTPOST_INIT_ADMIN');
  } catch (err) {
    // Another hub on the same PostgreSQL won the race: fine, an admin exists.
    if (err instanceof HubError && err.code === 'SETUP_DONE') return;
    throw err;
  }
}
