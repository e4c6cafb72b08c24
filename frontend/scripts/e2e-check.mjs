#!/usr/bin/env node
// e2e-check.mjs runs before `npm run e2e`: it clears the previous report
// and refuses to start, loudly, without a server to test or a browser to
// test with, instead of letting every spec time out one by one.

import { existsSync, rmSync } from 'node:fs';

rmSync('reports/playwright.json', { force: true });

const problems = [];
const base = process.env.P4_E2E_BASE_URL;
if (!base) {
  problems.push(
    'P4_E2E_BASE_URL is not set. Start the p4 server (the lead\'s e2e script does this) and run, e.g.:\n' +
      '  P4_E2E_BASE_URL=http://127.0.0.1:8080 npm run e2e',
  );
} else if (!/^https?:\/\//.test(base)) {
  problems.push(`P4_E2E_BASE_URL must be an http(s) URL, got "${base}"`);
}
const chromium = process.env.P4_CHROMIUM ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  problems.push(`No Chromium at ${chromium}. Install Debian's: apt-get install -y chromium (never "npx playwright install").`);
}

if (problems.length > 0) {
  for (const p of problems) console.error(`e2e: ${p}`);
  console.log('playwright: 0 passed, 1 failed');
  process.exit(1);
}
