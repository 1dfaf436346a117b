import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { defaultDataDir } from './config';
import { acquireDataDirLock, prepareDataDir } from './data-dir';
import { openDatabase, redactUrl } from './storage/database';
import { databaseTarget } from './start-hub';
import { seedHub } from './seed';

/**
 * `npm run seed -- --tickets N [--data-dir D | --database-url URL] [--seed S] [--password P]`
 * Loads generated demo data into a hub's database (SQLite: stop the hub first;
 * the data-dir lock says so). Every seeded user gets the same password.
 */
const HELP = `Usage: npm run seed -- --tickets N [--data-dir DIR | --database-url postgres://…] [--seed S] [--password P]

Loads a realistic organisation (20 queues, 200 agents, 5,000 requesters, the
service catalogue) and N generated tickets with their histories into a hub,
replaying each history through the hub's own rules. All seeded users share one
password: --password, or OUTPOST_SEED_PASSWORD, or a random one printed at the end.
`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      tickets: { type: 'string', default: '1000' },
      'data-dir': { type: 'string' },
      'database-url': { type: 'string' },
      seed: { type: 'string', default: 'outpost' },
      password: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const tickets = Number(values.tickets);
  if (!Number.isInteger(tickets) || tickets < 0 || tickets > 5_000_000) {
    process.stderr.write(
      `seed: --tickets must be a whole number from 0 to 5,000,000 (got ${values.tickets})\n`,
    );
    return 2;
  }
  const password =
    values.password ?? process.env.OUTPOST_SEED_PASSWORD ?? randomBytes(12).toString('base64url');
  if (password.length < 10) {
    process.stderr.write('seed: the password must have at least 10 characters\n');
    return 2;
  }
  const databaseUrl = values['database-url'] ?? process.env.OUTPOST_DATABASE_URL ?? null;
  const dataDir = values['data-dir'] ?? defaultDataDir();
  const target = databaseTarget(dataDir, databaseUrl);
  let release = () => {};
  if (target.kind === 'sqlite') {
    prepareDataDir(dataDir);
    release = acquireDataDirLock(dataDir).release;
  }
  const db = await openDatabase(target);
  const started = Date.now();
  try {
    const where = target.kind === 'sqlite' ? target.file : redactUrl(target.url);
    process.stdout.write(`Seeding ${tickets} tickets into ${where}…\n`);
    const summary = await seedHub(db, {
      tickets,
      seed: values.seed,
      password,
      nowMs: Date.now(),
      onProgress: (done, total) => {
        if (done % 1000 === 0 || done === total)
          process.stdout.write(`  ${done}/${total} tickets\n`);
      },
    });
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    process.stdout.write(
      `Done in ${secs} s: ${summary.queues} queues, ${summary.users} users, ${summary.tickets} tickets (${summary.mutations} mutations).\n` +
        `Seeded users sign in with the password: ${password}\n`,
    );
    return 0;
  } finally {
    await db.close();
    release();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`seed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
