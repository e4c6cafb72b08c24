import { expect, mainHeading, signIn, test } from './fixtures';

// Each page's code is its own file, loaded with the page; once the first
// page is drawn and the browser is idle, the app loads every other page's
// code too (src/layout/lazyPage.ts), so that moving on needs no download.
// This spec only reads.

test('a page loads its own code first and every other page once the browser is idle', async ({ page }) => {
  const chunks: string[] = [];
  page.on('request', (r) => {
    const m = /\/assets\/([A-Za-z]+Page)-[\w-]+\.js$/.exec(r.url());
    if (m) chunks.push(m[1]!);
  });
  await page.goto('/publik');
  await expect(mainHeading(page)).toHaveText(/Hasil Penilaian/);
  expect(chunks).toContain('PublicResultsPage');
  // Idle: the questionnaire, the ranking and the admin pages follow.
  await expect.poll(() => chunks, { timeout: 15_000 }).toEqual(expect.arrayContaining(['QuestionnairePage', 'RankingPage', 'PeriodsPage', 'RespondentEntryPage']));
});

test('an assessor who loses the network can still open a page not visited yet', async ({ page, context }) => {
  await signIn(page, 'penilai2@p4.demo');
  await page.getByRole('navigation', { name: 'Menu utama' }).getByRole('link', { name: 'Pekerjaan saya' }).click();
  await expect(mainHeading(page)).toHaveText('Pekerjaan saya');
  // The questionnaire's code arrives while the work list is idle.
  await expect
    .poll(() => page.evaluate(() => performance.getEntriesByType('resource').some((e) => /QuestionnairePage-/.test(e.name))), { timeout: 15_000 })
    .toBe(true);
  await context.setOffline(true);
  await page.locator('main a[href^="/kerja/unit/"]').first().click();
  // The questionnaire page itself is drawn (its data waits for the
  // network), not the app's error page for code that could not be loaded.
  await expect(page).toHaveURL(/\/kerja\/unit\/\d+$/);
  await expect(page.getByRole('main').getByRole('status')).toContainText('Memuat');
  await expect(page.getByText('Halaman ini tidak dapat ditampilkan')).toHaveCount(0);
  await context.setOffline(false);
  await expect(mainHeading(page)).toBeVisible();
  await expect(page.getByText('Halaman ini tidak dapat ditampilkan')).toHaveCount(0);
});
