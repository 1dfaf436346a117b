import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// One project per layer so each runs in the environment it ships in.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'shared',
          include: ['src/shared/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'server',
          include: ['src/server/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/fixtures/postgres-global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'renderer',
          include: ['src/renderer/**/*.test.{ts,tsx}'],
          environment: 'happy-dom',
          setupFiles: ['tests/fixtures/renderer-setup.ts'],
        },
      },
      {
        test: {
          name: 'main',
          include: [
            'src/main/**/*.test.ts',
            'src/preload/**/*.test.ts',
            'tests/packaging/**/*.test.ts',
          ],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/fixtures/postgres-global-setup.ts'],
          testTimeout: 600_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
    coverage: {
      provider: 'v8',
      include: ['src/shared/**/*.ts'],
      exclude: ['src/shared/**/*.test.ts'],
      reporter: ['text-summary', 'text'],
      thresholds: { 'src/shared/**': { lines: 90 } },
    },
  },
});
