import { existsSync } from 'node:fs';
import type { Logger } from 'pino';
import { verifyAudit } from './audit/audit-log';
import { ConfigError, HELP, parseCommandLine } from './config';
import { DataDirError } from './data-dir';
import { createLogger } from './logger';
import { MigrationError } from './storage/migrate';
import { DatabaseOpenError, openDatabase, redactUrl } from './storage/database';
import { databaseTarget, startHub, StartupError, type RunningHub } from './start-hub';
import { hubVersion } from './version';

/** Exit codes: 0 fine, 1 failure (or tampered audit log), 2 bad usage. */
const EXIT_FAILURE = 1;
const EXIT_USAGE = 2;

const fail = (message: string, code = EXIT_FAILURE): never => {
  process.stderr.write(`outpost-hub: ${message}\n`);
  process.exit(code);
};

async function runVerifyAudit(dataDir: string, databaseUrl: string | null): Promise<number> {
  const target = databaseTarget(dataDir, databaseUrl);
  const where = target.kind === 'sqlite' ? target.file : redactUrl(target.url);
  if (target.kind === 'sqlite' && !existsSync(target.file)) {
    return fail(`no hub database at ${where} (check --data-dir)`);
  }
  const db = await openDatabase(target, { migrate: false });
  try {
    if (db.schemaVersion < 2)
      return fail(`${where} has no audit log yet (schema ${db.schemaVersion})`);
    const result = await verifyAudit(db.kysely);
    if (result.ok) {
      process.stdout.write(`Audit log intact: ${result.entries} entries verified in ${where}\n`);
      return 0;
    }
    process.stdout.write(
      `Audit log TAMPERED at seq ${result.seq}: ${result.reason} (${result.entries} entries before it verified) in ${where}\n`,
    );
    return EXIT_FAILURE;
  } finally {
    await db.close();
  }
}

function handleSignals(hub: RunningHub, log: Logger): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    hub.close().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, 'error during shutdown');
        process.exit(EXIT_FAILURE);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function main(argv: readonly string[]): Promise<void> {
  const parsed = parseCommandLine(argv);
  if (parsed.command === 'help') {
    process.stdout.write(HELP);
    return;
  }
  if (parsed.command === 'version') {
    process.stdout.write(`${hubVersion()}\n`);
    return;
  }
  if (parsed.command === 'verify-audit') {
    process.exitCode = await runVerifyAudit(parsed.dataDir, parsed.databaseUrl);
    return;
  }
  const { config } = parsed;
  const log = createLogger(config.logLevel);
  const hub = await startHub(config, { log });
  handleSignals(hub, log);
  log.info(
    { url: hub.url, dataDir: config.dataDir, database: hub.db.dialect, version: hubVersion() },
    `Outpost hub listening on ${hub.url}`,
  );
  if (hub.needsSetup) {
    log.warn(
      `No users yet: open ${hub.localUrl} in a browser on this machine to create the first administrator (or set OUTPOST_INIT_ADMIN=username:password)`,
    );
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  if (err instanceof ConfigError) fail(err.message, EXIT_USAGE);
  const expected =
    err instanceof DataDirError ||
    err instanceof StartupError ||
    err instanceof MigrationError ||
    err instanceof DatabaseOpenError;
  // Expected failures get one clear line; anything else keeps its stack for the bug report.
  fail(
    expected
      ? (err as Error).message
      : err instanceof Error
        ? (err.stack ?? err.message)
        : String(err),
  );
});
