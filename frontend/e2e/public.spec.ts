import { expect, expectNoHorizontalScroll, mainHeading, settledResults, test } from './fixtures';

test.describe('public results', () => {
  test('shows the ranking, or a proper empty or error state', async ({ page }) => {
    await page.goto('/publik');
    await expect(mainHeading(page)).toHaveText('Hasil Penilaian Publik');
    const state = await settledResults(page);

    if (state === 'error') {
      // An error names the problem and offers another try; no endless spinner.
      await expect(page.getByRole('alert')).toContainText(/\S/);
      await expect(page.getByRole('button', { name: 'Coba lagi' })).toBeVisible();
    } else if (state === 'empty') {
      await expect(page.getByRole('heading', { name: /^Belum ada hasil/ })).toBeVisible();
    } else {
      const table = page.getByRole('table', { name: /^Peringkat/ });
      const rows = table.getByRole('row');
      expect(await rows.count()).toBeGreaterThan(1);
      // Every zone is a word, not a colour only.
      await expect(table.getByText(/^Zona (Hijau|Kuning|Merah)$|^Belum ada zona$/).first()).toBeVisible();
      // Scores carry two decimals with a comma in Indonesian.
      await expect(table.getByText(/^\d{1,3},\d{2}$/).first()).toBeVisible();
      // The chart draws, and its table equivalent is there for screen readers.
      await expect(page.getByTestId('zone-chart').locator('svg')).toBeVisible();
      await expect(page.getByRole('table', { name: 'Jumlah lokus per zona' })).toBeAttached();
      await expect(page.getByRole('heading', { name: 'Cara penilaian' })).toBeVisible();
    }
    await expect(page.getByText('Memuat…')).toHaveCount(0);
    await expectNoHorizontalScroll(page);
  });

  test('keeps the chosen group in the address', async ({ page }) => {
    await page.goto('/publik');
    const state = await settledResults(page);
    test.skip(state === 'error' || (await page.getByLabel('Kelompok lokus').count()) === 0, 'no published period to filter');
    await page.getByLabel('Kelompok lokus').selectOption('kantah');
    await expect(page).toHaveURL(/[?&]group=kantah/);
    await settledResults(page);
    await page.reload();
    await expect(page.getByLabel('Kelompok lokus')).toHaveValue('kantah');
  });

  test('reads in English too, with official opinions left untranslated', async ({ page }) => {
    await page.goto('/publik');
    await page.getByRole('button', { name: 'English (EN)' }).click();
    await expect(mainHeading(page)).toHaveText('Public Assessment Results');
    const state = await settledResults(page);
    if (state === 'ranking') {
      const table = page.getByRole('table', { name: /^Ranking/ });
      await expect(table.getByText(/^(Green|Yellow|Red) zone$|^No zone yet$/).first()).toBeVisible();
      await expect(table.getByText(/^\d{1,3}\.\d{2}$/).first()).toBeVisible();
      const opinions = table.locator('[lang="id"]');
      if (await opinions.count()) await expect(opinions.first()).toHaveText(/^(Kualitas|Kepatuhan) /);
    }
  });
});
