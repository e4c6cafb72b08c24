import { expect, expectNoHorizontalScroll, mainHeading, signIn, test } from './fixtures';
import { openFromMenu, settled } from './results-helpers';

// The ranked comparison and its drill-down, against the real p4 binary with
// the demo data: 2022 is published; in Bengkulu's Pemda ranking Kabupaten
// Kaur is first with A (94,01), and the split is 1 A / 8 B / 2 C. 2021 used
// the three-zone survey, so 2022 does not compare with it.

const kaurRow = /Kabupaten Kaur/;

test.describe('ranked comparison', () => {
  test('leadership filters the 2022 Bengkulu Pemda ranking and reads it', async ({ page }) => {
    await signIn(page, 'pimpinan@p4.demo');
    await openFromMenu(page, 'Peringkat');
    await expect(mainHeading(page)).toHaveText('Peringkat');

    await page.getByLabel('Tahun penilaian').selectOption('2022');
    await page.getByLabel('Kelompok lokus').selectOption('pemda');
    await page.getByLabel('Provinsi').selectOption({ label: 'Bengkulu' });
    await expect(page).toHaveURL(/year=2022/);

    const table = page.getByRole('table', { name: /^Peringkat Semua Pemda, tahun 2022 · Bengkulu/ });
    const first = table.getByRole('row').nth(1);
    await expect(first).toContainText('Kabupaten Kaur');
    await expect(first).toContainText('94,01');
    await expect(first).toContainText('Kategori A');
    await expect(first).toContainText('Kualitas Tertinggi');
    await expect(first).toContainText('Zona Hijau');
    await expect(table.getByRole('row')).toHaveCount(12);
    // Last year used the three-zone survey: no movement, a plain statement.
    await expect(first).toContainText('tidak sebanding (metode berbeda)');

    // The distribution's table, for screen readers, holds the published split.
    const dist = page.getByRole('table', { name: 'Sebaran kategori dan zona' });
    await expect(dist.getByRole('row', { name: /^Kategori A\b/ }).getByRole('cell')).toHaveText('1');
    await expect(dist.getByRole('row', { name: /^Kategori B\b/ }).getByRole('cell')).toHaveText('8');
    await expect(dist.getByRole('row', { name: /^Kategori C\b/ }).getByRole('cell')).toHaveText('2');
    await expect(dist.getByRole('row', { name: /^Zona Hijau/ }).getByRole('cell')).toHaveText('9');
    // The charts draw.
    await expect(page.getByTestId('category-chart').locator('svg')).toBeVisible();
    await expect(page.getByTestId('zone-chart').locator('svg')).toBeVisible();

    // Filters narrow the rows without changing ranks.
    await page.getByLabel('Kategori').selectOption('C');
    await expect(table.getByRole('row')).toHaveCount(3);
    await expect(page.getByText('Menampilkan 2 dari 11 lokus')).toBeVisible();
    await page.getByLabel('Kategori').selectOption({ label: 'Semua kategori' });
    await page.getByLabel('Cari nama lokus').fill('kaur');
    await expect(table.getByRole('row')).toHaveCount(2);
    await expect(table.getByRole('row').nth(1)).toContainText('1');
    await page.getByLabel('Cari nama lokus').fill('');

    // Sorting by score, lowest first.
    const score = table.getByRole('columnheader', { name: /^Nilai/ });
    await score.getByRole('button').click();
    await expect(score).toHaveAttribute('aria-sort', 'descending');
    await score.getByRole('button').click();
    await expect(score).toHaveAttribute('aria-sort', 'ascending');
    await expect(table.getByRole('row').nth(1)).toContainText('Kabupaten Bengkulu Tengah');
    await expect(table.getByRole('row').nth(11)).toContainText('Kabupaten Kaur');
    await settled(page);
    await expectNoHorizontalScroll(page);
  });

  test('leadership drills down to an indicator and its evidence', async ({ page }) => {
    await signIn(page, 'pimpinan@p4.demo');
    await page.goto('/peringkat?year=2022&group=pemda&province=17');
    const table = page.getByRole('table', { name: /^Peringkat Semua Pemda, tahun 2022 · Bengkulu/ });
    await table.getByRole('row', { name: kaurRow }).getByRole('link', { name: 'Kabupaten Kaur' }).click();
    await expect(page).toHaveURL(/\/peringkat\/2022\/entitas\/\d+$/);
    await expect(mainHeading(page)).toHaveText('Kabupaten Kaur');
    await expect(page.getByTestId('result-summary')).toContainText('94,01');
    await expect(page.getByTestId('result-summary')).toContainText('Peringkat 1 · Semua Pemda · Bengkulu');

    const unit = page.getByRole('button', { name: /Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Kabupaten Kaur/ });
    await unit.click();
    await expect(unit).toHaveAttribute('aria-expanded', 'true');
    const indicators = page.getByRole('table', { name: 'Indikator, poin yang hilang, catatan penilai, dan bukti' });
    const maklumat = indicators.getByRole('row', { name: /^Maklumat pelayanan/ });
    await expect(maklumat).toContainText('dari 3');
    const file = maklumat.getByRole('link', { name: /foto-maklumat-pelayanan-dpmptsp-kaur\.png/ });
    await expect(file).toBeVisible();
    const download = page.waitForEvent('download');
    await file.click();
    expect((await download).suggestedFilename()).toBe('foto-maklumat-pelayanan-dpmptsp-kaur.png');

    // Points lost and the assessor's note, per indicator.
    await expect(indicators.getByRole('columnheader', { name: 'Poin hilang' })).toBeVisible();
    await expect(indicators.getByRole('columnheader', { name: 'Catatan penilai' })).toBeVisible();
    // The open unit is in the address: a reload keeps it open.
    await expect(page).toHaveURL(/unit=\d+/);
    await page.reload();
    await expect(page.getByRole('table', { name: 'Indikator, poin yang hilang, catatan penilai, dan bukti' })).toBeVisible();
  });

  test('a coordinator sees their own province only', async ({ page }) => {
    await signIn(page, 'koordinator@p4.demo');
    await openFromMenu(page, 'Peringkat');
    await page.getByLabel('Tahun penilaian').selectOption('2022');
    await expect(page.getByRole('table', { name: /^Peringkat Semua Pemda, tahun 2022 · Bengkulu/ })).toBeVisible();
    await expect(page.getByLabel('Provinsi')).toBeDisabled();
    await expect(page.getByText('Koordinator melihat provinsinya sendiri.')).toBeVisible();
  });

  test('an agency user has no rankings: the address shows the not-found page', async ({ page }) => {
    await signIn(page, 'polres.kaur@p4.demo');
    await expect(page.getByRole('navigation', { name: 'Menu utama' }).getByRole('link', { name: 'Peringkat' })).toHaveCount(0);
    await page.goto('/peringkat?year=2022&group=pemda&province=17');
    await expect(mainHeading(page)).toHaveText('Halaman tidak ditemukan');
  });

  test.describe('on a phone', () => {
    test.use({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });

    test('the ranking reads as cards without sideways scrolling', async ({ page }) => {
      await signIn(page, 'pimpinan@p4.demo');
      await page.goto('/peringkat?year=2022&group=pemda&province=17');
      const list = page.getByRole('region', { name: /^Peringkat Semua Pemda, tahun 2022 · Bengkulu/ });
      await expect(list.getByRole('listitem').first()).toContainText('Kabupaten Kaur');
      await page.getByLabel('Urutkan').selectOption('score:asc');
      await expect(list.getByRole('listitem').first()).toContainText('Kabupaten Bengkulu Tengah');
      await settled(page);
      await expectNoHorizontalScroll(page);
    });
  });
});
