import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Replaced with the package version by vite.hub.config.ts; undefined under tsx/vitest. */
declare const __OUTPOST_VERSION__: string | undefined;

/**
 * The folder holding Outpost's package.json, found by walking up from this
 * file (src/server/ under tsx, out/hub/ when bundled); null inside an archive.
 */
export function findProjectRoot(
  from: string = dirname(fileURLToPath(import.meta.url)),
): string | null {
  let dir = from;
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      try {
        const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: unknown };
        if (pkg.name === 'outpost') return dir;
      } catch {
        // An unreadable package.json is not ours; keep walking.
      }
    }
    const up = dirname(dir);
    if (up === dir) return null;
    dir = up;
  }
}

let cached: string | null = null;

export function hubVersion(): string {
  if (cached) return cached;
  if (typeof __OUTPOST_VERSION__ === 'string') return (cached = __OUTPOST_VERSION__);
  const root = findProjectRoot();
  if (root) {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      version?: unknown;
    };
    if (typeof pkg.version === 'string') return (cached = pkg.version);
  }
  return (cached = '0.0.0-unknown');
}
