import { test as base, expect, type Page } from '@playwright/test';

/**
 * test is Playwright's, plus a watch on uncaught page errors: a page that
 * throws fails the test even when it still looks right.
 */
export const test = base.extend<{ pageErrors: Error[] }>({
  pageErrors: [
    async ({ page }, use) => {
      const errors: Error[] = [];
      page.on('pageerror', (err) => errors.push(err));
      await use(errors);
      expect(errors.map((e) => e.message), 'uncaught errors in the page').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** demoPassword is the demo users' password (scripts/test.sh may pass another). */
export const demoPassword = process.env.P4_E2E_PASSWORD ?? 'p4-demo-bengkulu';

/** signIn signs a demo user in through the form and waits for the home page. */
export async function signIn(page: Page, email: string) {
  await page.goto('/masuk');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Kata sandi').first().fill(demoPassword);
  await page.getByRole('form', { name: 'Masuk' }).getByRole('button', { name: 'Masuk' }).click();
  await expect(page).toHaveURL(/\/beranda$/);
}

/** expectNoHorizontalScroll checks that nothing sticks out sideways. */
export async function expectNoHorizontalScroll(page: Page) {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth, `page is ${scrollWidth}px wide in a ${clientWidth}px viewport`).toBeLessThanOrEqual(clientWidth);
}

/** mainHeading is the page's h1. */
export function mainHeading(page: Page) {
  return page.getByRole('heading', { level: 1 });
}

/**
 * settledResults waits until /publik has finished loading and returns what
 * it shows: the ranking, an empty state, or an error. Whichever it is, it
 * must be a proper state, never an endless spinner.
 */
export async function settledResults(page: Page): Promise<'ranking' | 'empty' | 'error'> {
  const ranking = page.getByRole('table', { name: /^Peringkat|^Ranking/ }).or(page.getByRole('region', { name: /^Peringkat|^Ranking/ }));
  const empty = page.getByRole('heading', { name: /^Belum ada hasil|^No results/ });
  const error = page.getByRole('alert');
  await expect(ranking.or(empty).or(error).first()).toBeVisible();
  if (await error.count()) return 'error';
  if (await empty.count()) return 'empty';
  return 'ranking';
}
