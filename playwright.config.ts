import { defineConfig } from '@playwright/test';

/** Browser tests: Debian's Chromium, never a downloaded browser. Each spec starts its own server. */
export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 2,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: '.ci-results/playwright.json' }]],
  outputDir: 'test-results',
  use: {
    // The apps drop their pop-in animations and transitions under reduced motion: each state the
    // tests look at (and axe scans) is then final when it appears, not half-faded. Applies to
    // browser.newContext() in tests too.
    reducedMotion: 'reduce',
    screenshot: 'on',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
      ],
    },
  },
});
