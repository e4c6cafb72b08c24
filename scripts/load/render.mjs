// Measures how long the ranking page and the agency portal take to show
// their table in headless Chromium, against a p4 serving the national demo
// data set (docs/PERFORMANCE.md). Not part of CI.
//
//   node scripts/load/render.mjs http://127.0.0.1:8080 [year] [agency-email]
//
// Each page is opened RUNS times (default 5) in a fresh browser context
// (cold: no cache, nothing in memory) after signing in through the API; the
// time is from the start of navigation until the table is visible with its
// rows (ranking: the first rows, and separately every row of the national
// pemkab group; portal: the indicators that lost points). The wait is a
// plain DOM check run once per animation frame: Playwright's role queries
// would compute accessible names over the page on its main thread while
// it loads, and be timed with it. Each line also gives the main thread's
// busy time (Chromium's TaskDuration, median) to tell work from waiting.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '../../frontend/package.json'));
const { chromium } = require('playwright-core');

const base = process.argv[2] ?? 'http://127.0.0.1:8080';
const year = process.argv[3] ?? '2024';
const agency = process.argv[4] ?? '';
const runs = Number(process.env.RUNS ?? 5);
const password = 'p4-demo-bengkulu';

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

async function timed(email, url, ready) {
  const times = [];
  const busy = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ baseURL: base, serviceWorkers: 'block', viewport: { width: 1366, height: 900 } });
    const res = await context.request.post('/api/v1/session', { data: { email, password } });
    if (!res.ok()) throw new Error(`sign in ${email}: ${res.status()}`);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const t0 = Date.now();
    await page.goto(url);
    await ready(page);
    times.push(Date.now() - t0);
    const { metrics } = await cdp.send('Performance.getMetrics');
    busy.push(Math.round(1000 * (metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0)));
    await context.close();
  }
  times.sort((a, b) => a - b);
  busy.sort((a, b) => a - b);
  const mid = Math.floor(times.length / 2);
  return { min: times[0], median: times[mid], max: times[times.length - 1], all: times, busy: busy[mid] };
}

const until = (page, fn, arg) => page.waitForFunction(fn, arg, { timeout: 60000, polling: 'raf' });
const line = (what, r) => `${what}: median ${r.median} ms, min ${r.min}, max ${r.max} (${r.all.join(', ')}); main thread busy ${r.busy} ms`;

// The ranking page draws the first rows of a large group and the rest on
// demand ("Tampilkan semua"): "first rows" is until the table shows at least
// 50 rows (what a reader sees first; before the incremental drawing this was
// every row at once), "all rows" until every row of the group is in the
// table, clicking "Tampilkan semua" when the page offers it.
const rowsIn = (n) => {
  const t = [...document.querySelectorAll('table')].find((x) => (x.getAttribute('aria-label') ?? x.querySelector('caption')?.textContent ?? '').startsWith('Peringkat'));
  return t && t.querySelectorAll('tbody tr').length >= n;
};
const rankingURL = `/peringkat?year=${year}&group=pemkab`;
const first = await timed('pimpinan@nasional.p4.demo', rankingURL, (page) => until(page, rowsIn, 50));
console.log(line(`ranking page, ${year} national pemkab, first rows (>= 50 of 415)`, first));
const all = await timed('pimpinan@nasional.p4.demo', rankingURL, async (page) => {
  await until(page, rowsIn, 50);
  const more = page.getByRole('button', { name: /^Tampilkan semua/ });
  if (await more.count()) await more.click();
  await until(page, rowsIn, 400);
});
console.log(line(`ranking page, ${year} national pemkab, all 415 rows`, all));

if (agency) {
  // The table of the indicators that lost points (from the result's
  // explanation): the portal's main table. (The comparison with peers
  // needs a published period; the national 2024 is closed, not published.)
  const fixRows = () => {
    const t = [...document.querySelectorAll('table')].find((x) => /indikator kehilangan poin$/.test(x.getAttribute('aria-label') ?? x.querySelector('caption')?.textContent ?? ''));
    return !!t?.querySelector('tbody tr');
  };
  const portal = await timed(agency, '/instansi', (page) => until(page, fixRows));
  console.log(line(`agency portal (${agency})`, portal));
}
await browser.close();
