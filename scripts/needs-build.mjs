// Whether `npm run web` must build first: the outputs it serves are missing,
// or something that goes into them changed after they were written. Kept
// apart from web.mjs so it can be tested without building or starting anything.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** What `npm run web` serves: the built renderer and the hub bundle. */
export const BUILD_OUTPUTS = ['out/renderer/index.html', 'out/hub/cli.js'];

/** Source folders of the renderer and the hub (the desktop shell is not served). */
export const SOURCE_DIRS = ['src/renderer', 'src/shared', 'src/server'];

/**
 * Files at the top of the repository that change the build without touching a
 * source: dependencies (package.json, package-lock.json), the bundler
 * configurations and every TypeScript configuration.
 */
export const isBuildConfigFile = (name) =>
  name === 'package.json' ||
  name === 'package-lock.json' ||
  name === 'electron.vite.config.ts' ||
  name === 'vite.hub.config.ts' ||
  /^tsconfig(\..+)?\.json$/.test(name);

/** The newest file below `dir` as { file, mtimeMs }, or null when there is none. */
function newestBelow(dir) {
  if (!existsSync(dir)) return null;
  let newest = null;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    // Tests beside the code never reach the bundle.
    if (/\.test\.[cm]?[jt]sx?$/.test(entry.name)) continue;
    const path = join(dir, entry.name);
    const found = entry.isDirectory()
      ? newestBelow(path)
      : { file: path, mtimeMs: statSync(path).mtimeMs };
    if (found && (!newest || found.mtimeMs > newest.mtimeMs)) newest = found;
  }
  return newest;
}

/** The top-level config files and the newest file of each source folder, with their times. */
function buildInputs(root) {
  const configs = readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isFile() && isBuildConfigFile(e.name))
    .map((e) => join(root, e.name))
    .map((file) => ({ file, mtimeMs: statSync(file).mtimeMs }));
  const sources = SOURCE_DIRS.map((d) => newestBelow(join(root, d))).filter(Boolean);
  return [...configs, ...sources];
}

/**
 * Why a build is needed, in words for the terminal, or null when the outputs
 * are newer than every input.
 */
export function staleReason(root) {
  const missing = BUILD_OUTPUTS.find((o) => !existsSync(join(root, o)));
  if (missing) return `${missing} is missing`;
  const built = Math.min(...BUILD_OUTPUTS.map((o) => statSync(join(root, o)).mtimeMs));
  const changed = buildInputs(root)
    .filter((input) => input.mtimeMs > built)
    .sort((a, b) => b.mtimeMs - a.mtimeMs)[0];
  return changed ? `${relative(root, changed.file)} changed since the last build` : null;
}
