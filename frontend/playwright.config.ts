import { defineConfig, devices } from '@playwright/test';

// Browser tests drive the real p4 binary (which serves dist/ and the API)
// in Debian's Chromium. The lead's e2e script starts the server against a
// real PostgreSQL and sets P4_E2E_BASE_URL; nothing here starts a server.

const baseURL = process.env.P4_E2E_BASE_URL;
if (!baseURL) {
  throw new Error('P4_E2E_BASE_URL is not set: start the p4 server and point this at it, e.g. P4_E2E_BASE_URL=http://127.0.0.1:8080');
}

export default defineConfig({
  testDir: './e2e',
  outputDir: './reports/playwright-artifacts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [['json', { outputFile: 'reports/playwright.json' }]],
  use: {
    baseURL,
    locale: 'id-ID',
    timezoneId: 'Asia/Jakarta',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    serviceWorkers: 'block',
    launchOptions: {
      executablePath: process.env.P4_CHROMIUM ?? '/usr/bin/chromium',
      // Each launch gets a fresh temporary profile.
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], channel: undefined, headless: true } }],
});
