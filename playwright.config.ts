import { defineConfig } from '@playwright/test';

/**
 * Browser tests drive Debian's Chromium (never a downloaded browser). Each
 * test starts its own hub on a free port with a temporary data dir.
 */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results',
  timeout: 120_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.OUTPOST_CHROMIUM ?? '/usr/bin/chromium',
      args: chromiumArgs,
    },
    // A missing control fails in seconds with its name, not at the test's hang guard.
    actionTimeout: 30_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    viewport: { width: 1440, height: 900 },
    // Toasts and dialogs appear without fading, so an accessibility check never
    // measures the contrast of a half-transparent one.
    contextOptions: { reducedMotion: 'reduce' },
  },
});
