#!/usr/bin/env node
// `npm run web`: build what is stale, then run the hub serving the web app.
// Flags after `--` go to the hub (e.g. `npm run web -- --port 8080`).
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { staleReason } from './needs-build.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function run(cmd, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd: root,
      stdio: 'inherit',
      shell: process.platform === 'win32',
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}`)),
    );
  });
}

const reason = staleReason(root);
if (reason) {
  console.log(`outpost: building (${reason})…`);
  try {
    await run('npm', ['run', 'build']);
  } catch (err) {
    console.error(`outpost: the build failed: ${err.message}`);
    process.exit(1);
  }
}

const hub = spawn(
  process.execPath,
  [join(root, 'out', 'hub', 'cli.js'), ...process.argv.slice(2)],
  {
    cwd: root,
    stdio: ['inherit', 'pipe', 'inherit'],
  },
);

let announced = false;
createInterface({ input: hub.stdout }).on('line', async (line) => {
  process.stdout.write(`${line}\n`);
  if (announced) return;
  let entry;
  try {
    entry = JSON.parse(line);
  } catch {
    return;
  }
  const m = /^Outpost hub listening on (\S+)$/.exec(entry.msg ?? '');
  if (!m) return;
  announced = true;
  const url = new URL(m[1]);
  if (url.hostname === '0.0.0.0' || url.hostname === '[::]') url.hostname = '127.0.0.1';
  const open = url.origin;
  let needsSetup = false;
  try {
    const res = await fetch(`${open}/api/v1/setup`);
    needsSetup = (await res.json()).needsSetup === true;
  } catch {
    // The banner still helps without the set-up hint.
  }
  const lines = ['', `  Outpost is running: ${open}`];
  if (needsSetup) {
    lines.push(
      '',
      '  First run: open that address in a browser on THIS machine to create the',
      '  first administrator (set-up is refused from other machines).',
    );
  }
  lines.push('', '  Press Ctrl+C to stop.', '');
  process.stdout.write(`${lines.join('\n')}\n`);
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => hub.kill(signal));
}
hub.on('close', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
