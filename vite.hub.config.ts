import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';
import pkg from './package.json' with { type: 'json' };

/** Bundles the standalone hub (src/server/cli.ts) for plain `node out/hub/cli.js`. */
const external = [
  ...Object.keys(pkg.dependencies),
  ...builtinModules,
  ...builtinModules.map((m) => `node:${m}`),
];

export default defineConfig({
  build: {
    ssr: 'src/server/cli.ts',
    outDir: 'out/hub',
    target: 'node20',
    emptyOutDir: true,
    sourcemap: true,
    rollupOptions: {
      external: (id) => external.some((e) => id === e || id.startsWith(`${e}/`)),
      output: { format: 'es', entryFileNames: 'cli.js' },
    },
  },
  define: { __OUTPOST_VERSION__: JSON.stringify(pkg.version) },
});
