import { expect, expectNoHorizontalScroll, mainHeading, signIn, test } from './fixtures';
import { openFromMenu, settled } from './results-helpers';

// The agency's report card, against the real p4 binary with the demo data:
// polres.kaur@p4.demo reads Polres Kaur (2022: 83,53, Kategori B, third of
// the Polres); kaur@p4.demo reads Kabupaten Kaur, whose 2021 result used the
// three-zone survey. 2022 is published; its objection window (1–14 December
// 2022) has closed; 2023 is open and not shared with the agencies yet.

test.describe('agency report card', () => {
  test('Polres Kaur reads its result, its dimensions against its peers, and what to fix', async ({ page }) => {
    await signIn(page, 'polres.kaur@p4.demo');
    await openFromMenu(page, 'Rapor Instansi');
    await expect(mainHeading(page)).toHaveText('Polres Kaur');
    await expect(page.getByText('Rapor tahun 2022 · hasil dipublikasikan')).toBeVisible();
    const summary = page.getByTestId('result-summary');
    await expect(summary).toContainText('83,53');
    await expect(summary).toContainText('Kategori B');
    await expect(summary).toContainText('Kualitas Tinggi');
    await expect(summary).toContainText('Zona Hijau');

    // The dimension chart and its table: own, group average, best in group.
    await expect(page.getByTestId('peer-chart').locator('svg')).toBeVisible();
    const peers = page.getByRole('table', { name: /^Poin per dimensi dibandingkan dengan Kepolisian Resor \(Polres\), tahun 2022/ });
    for (const d of ['Input', 'Proses', 'Output', 'Pengaduan', 'Nilai total']) {
      await expect(peers.getByRole('row', { name: new RegExp(`^${d}`) })).toBeVisible();
    }
    await expect(peers.getByRole('row', { name: /^Nilai total/ })).toContainText('83,53');
    await expect(page.getByText(/^Peringkat Anda: 3 dari 10 lokus/)).toBeVisible();

    // What to fix, largest gain first, with the assessor's note.
    const fix = page.getByRole('table', { name: /indikator kehilangan poin$/ });
    await expect(fix.getByRole('row').nth(1)).toContainText('Atribut dan identitas petugas');
    await expect(fix.getByRole('row').nth(1)).toContainText('+1,96');
    await expect(fix.getByRole('row').nth(1)).toContainText('kartu identitas');
    // The unit's score.
    await expect(page.getByTestId('unit-scores')).toContainText('83,53');
    await settled(page);
  });

  test('the what-if moves the category when enough answers are raised, and saves nothing', async ({ page }) => {
    await signIn(page, 'polres.kaur@p4.demo');
    await page.goto('/instansi');
    await expect(mainHeading(page)).toHaveText('Polres Kaur');
    await expect(page.getByTestId('what-if-notice')).toContainText('Simulasi, tidak disimpan');
    const result = page.getByTestId('what-if-result');
    await expect(result).toContainText('Hasil saat ini');
    await expect(result).toContainText('Kategori B');

    await page.getByLabel('Atribut dan identitas petugas').selectOption('3');
    await expect(result).toContainText('Hasil simulasi');
    await expect(result).toContainText('85,49');
    await expect(result).toContainText('Kategori B');
    await page.getByLabel('Persepsi permintaan imbalan').selectOption('3');
    await page.getByLabel('Penetapan pengelola pengaduan').selectOption('3');
    await expect(result).toContainText('Kategori A');
    await expect(result).toContainText('Kualitas Tertinggi');
    await expect(result).toContainText('3 jawaban diubah');

    // The suggested way to the next category says the same.
    await expect(page.getByTestId('next-changes').getByRole('listitem')).toHaveCount(3);

    // Nothing was saved: after a reload the official result is unchanged.
    await page.reload();
    await expect(page.getByTestId('result-summary')).toContainText('83,53');
    await expect(page.getByTestId('what-if-result')).toContainText('Hasil saat ini');
    await expect(page.getByLabel('Atribut dan identitas petugas')).toHaveValue('1');
  });

  test("another entity's address shows the not-found page, and the server answers 404", async ({ page }) => {
    await signIn(page, 'polres.kaur@p4.demo');
    await page.goto('/publik?year=2022&group=polres');
    const other = page.getByRole('link', { name: 'Polresta Bengkulu' });
    const href = await other.getAttribute('href');
    const otherId = Number(/\/publik\/entitas\/(\d+)/.exec(href ?? '')?.[1]);
    expect(otherId).toBeGreaterThan(0);

    await page.goto(`/instansi/${otherId}`);
    await expect(mainHeading(page)).toHaveText('Halaman tidak ditemukan');
    const res = await page.request.get(`/api/v1/periods/2022/entities/${otherId}/result`);
    expect(res.status()).toBe(404);
    const exp = await page.request.get(`/api/v1/periods/2022/entities/${otherId}/explanation`);
    expect(exp.status()).toBe(404);
    // The public page of that entity stays open to everyone.
    await page.goto(href!);
    await expect(mainHeading(page)).toHaveText('Polresta Bengkulu');
  });

  test('objections: the 2022 window has closed, so there is no form', async ({ page }) => {
    await signIn(page, 'polres.kaur@p4.demo');
    await page.goto('/instansi');
    await page.getByRole('link', { name: 'Sanggahan' }).click();
    const closed = page.getByTestId('objection-closed');
    await expect(closed).toContainText('Masa sanggahan sudah ditutup');
    await expect(closed).toContainText('1 Desember 2022');
    await expect(closed).toContainText('14 Desember 2022');
    await expect(page.getByText('Belum ada sanggahan.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Kirim sanggahan' })).toHaveCount(0);
  });

  test('Kabupaten Kaur sees its history with the 2021 method change marked', async ({ page }) => {
    await signIn(page, 'kaur@p4.demo');
    await page.goto('/instansi');
    await expect(mainHeading(page)).toHaveText('Kabupaten Kaur');
    const history = page.getByRole('table', { name: 'Nilai, kategori, dan metode per tahun' });
    await expect(history.getByRole('row', { name: /^2022/ })).toContainText('Metode berbeda dari 2021: tidak sebanding');
    await expect(history.getByRole('row', { name: /^2021/ })).toContainText('Kepatuhan Tinggi');
    await expect(page.getByTestId('history-chart').locator('svg')).toBeVisible();
    // Seven units, each with its score.
    await expect(page.getByTestId('unit-scores').getByRole('row')).toHaveCount(8);
  });

  test.describe('on a phone', () => {
    test.use({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });

    test('the report card fits a 360px screen', async ({ page }) => {
      await signIn(page, 'polres.kaur@p4.demo');
      await openFromMenu(page, 'Rapor Instansi');
      await expect(mainHeading(page)).toHaveText('Polres Kaur');
      await settled(page);
      await expect(page.getByTestId('peer-chart').locator('svg')).toBeVisible();
      await expectNoHorizontalScroll(page);
    });
  });
});

test.describe('public results', () => {
  test('show published periods only, with entity pages', async ({ page }) => {
    await page.goto('/publik');
    const years = page.getByLabel('Tahun penilaian').locator('option');
    await expect(years).toHaveText(['2022', '2021']);
    await page.getByLabel('Kelompok lokus').selectOption('pemda');
    const table = page.getByRole('table', { name: /^Peringkat Semua Pemda, tahun 2022 · Bengkulu/ });
    await expect(table.getByRole('row').nth(1)).toContainText('Kabupaten Kaur');
    await expect(table.getByRole('row').nth(1)).toContainText('tidak sebanding (metode berbeda)');

    await table.getByRole('link', { name: 'Kabupaten Kaur' }).click();
    await expect(mainHeading(page)).toHaveText('Kabupaten Kaur');
    const history = page.getByRole('table', { name: 'Nilai, kategori, dan metode per tahun' });
    await expect(history.getByRole('row')).toHaveCount(3); // header, 2022, 2021: never the open 2023
    await expect(history.getByRole('row', { name: /^2023/ })).toHaveCount(0);
    await expect(page.getByRole('heading', { name: 'Cara penilaian' })).toBeVisible();

    await page.getByRole('button', { name: 'English (EN)' }).click();
    await expect(page.getByRole('heading', { name: 'How the assessment works' })).toBeVisible();
    const historyEn = page.getByRole('table', { name: 'Score, category and method per year' });
    await expect(historyEn.getByRole('row', { name: /^2022/ })).toContainText('Different method from 2021: not comparable');
    // The server refuses the open year to the public.
    expect((await page.request.get('/api/v1/public/rankings?year=2023&group=pemda&province=17')).status()).toBe(404);
  });
});
