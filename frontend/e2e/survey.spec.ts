import type { Browser, BrowserContext, Page } from '@playwright/test';
import { expect, expectNoHorizontalScroll, mainHeading, signIn, test } from './fixtures';

// The service-user survey against the real p4 binary with the demo data.
// It changes only Puskesmas Ipuh (Kabupaten Mukomuko, 2023, a draft of
// penilai3 and penilai4 that no other spec touches) and the 2023 period's
// self-completion limits, which only the survey uses. The steps run in order.

const assessor = 'penilai3@p4.demo';
const coordinator = 'koordinator@p4.demo';
const admin = 'admin@p4.demo';
const unitName = 'Puskesmas Ipuh';
const phone = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };

async function newPage(browser: Browser, email: string | null, extra: object = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: 'id-ID', timezoneId: 'Asia/Jakarta', serviceWorkers: 'block', ...extra });
  const page = await context.newPage();
  page.on('pageerror', (err) => {
    throw err;
  });
  if (email) await signIn(page, email);
  return { context, page };
}

/** outputPoints reads the Output dimension's line of the score preview ("0,00 dari 24,24 poin"). */
function outputLine(page: Page) {
  return page.getByTestId('score-preview').locator('dl > div').filter({ hasText: 'Output' }).locator('dd');
}

test.describe.serial('service-user survey', () => {
  let unitId = 0;
  let token = '';

  test('an assessor enters 30 respondents on a phone; the Output dimension and the unit score update; an offline entry is sent later', async ({ browser }) => {
    test.setTimeout(180_000);
    const { context, page } = await newPage(browser, assessor, phone);

    // From the work list to the unit's questionnaire, and from there to its survey.
    await page.goto('/kerja?tahun=2023');
    await page.getByRole('link', { name: unitName, exact: true }).click();
    await expect(mainHeading(page)).toHaveText(unitName);
    unitId = Number(/\/kerja\/unit\/(\d+)/.exec(page.url())?.[1]);
    await page.getByTestId('survey-link-from-unit').click();
    await expect(mainHeading(page)).toHaveText('Survei pengguna layanan');
    await expect(page.getByTestId('sample-count')).toHaveText('0 dari 30 responden');
    await expect(outputLine(page)).toContainText('0,00');
    const before = await (await page.request.get(`/api/v1/unit-assessments/${unitId}/score`)).json();

    await page.getByRole('link', { name: 'Isi responden' }).click();
    await expect(mainHeading(page)).toHaveText('Isi responden');
    await expectNoHorizontalScroll(page);
    const form = page.getByRole('form', { name: 'Jawaban responden' });
    const products = form.getByRole('group', { name: 'Produk layanan yang digunakan' }).getByRole('radio');
    await expect(products).toHaveCount(5);

    for (let i = 1; i <= 30; i++) {
      await expect(form.getByRole('heading', { name: `Responden ke-${i}` })).toBeVisible();
      await products.nth(i % 5).check();
      // Three respondents saw a protracted delay; nobody reports anything else.
      const groups = form.getByRole('group').filter({ has: page.getByRole('radio', { name: 'Tidak tahu / tidak relevan' }) });
      await expect(groups).toHaveCount(5);
      for (let g = 0; g < 5; g++) {
        await groups.nth(g).getByRole('radio', { name: g === 0 && i <= 3 ? 'Ya' : 'Tidak', exact: true }).check();
      }
      if (i === 1) {
        // Contact details are optional; they go to the server only.
        await form.getByRole('button', { name: 'Kontak responden (opsional)' }).click();
        await form.getByLabel('Nama').fill('Responden Uji');
        await form.getByLabel('Nomor telepon').fill('0812 3456 7890');
      }
      await form.getByRole('button', { name: 'Simpan dan lanjut' }).click();
      await expect(page.getByTestId('entry-notice')).toHaveText(`Responden ke-${i} tersimpan.`);
    }
    await expect(page.getByTestId('entry-progress')).toContainText('Tersimpan di server: 30 dari target 30 responden');
    await expect(form.getByRole('heading', { name: 'Responden ke-31' })).toBeVisible();
    // Nothing waits on the device, and nothing of the contact is in the browser's storage.
    await expect(page.getByTestId('queued-count')).toHaveCount(0);
    const stored = await page.evaluate(async () => {
      const dbs = await indexedDB.databases();
      return JSON.stringify(dbs) + JSON.stringify(localStorage) + JSON.stringify(sessionStorage);
    });
    expect(stored).not.toContain('Responden Uji');

    // Aggregate: the table shows the sample size, the Output dimension and the unit's score change.
    await page.getByRole('link', { name: 'Kembali ke survei unit' }).click();
    await expect(page.getByTestId('sample-count')).toHaveText('30 dari 30 responden');
    await expect(page.getByTestId('sample-complete')).toBeVisible();
    await expect(page.getByTestId('aggregate-n')).toHaveText('Dari 30 responden');
    const first = page.getByTestId('aggregate-table').locator('tr[data-indicator="OU.PM.01"]');
    await expect(first).toContainText('tidak 27 · ya 3 · tidak tahu 0');
    await expect(first).toContainText('90%');
    await expect(page.getByTestId('aggregate-stale')).toBeVisible();
    await page.getByRole('button', { name: 'Hitung hasil survei ke jawaban' }).click();
    await expect(page.getByTestId('aggregate-current')).toBeVisible();
    const afterRes = await page.request.get(`/api/v1/unit-assessments/${unitId}/score`);
    expect(afterRes.status(), await afterRes.text()).toBe(200);
    const after = await afterRes.json();
    const out = (s: { dimensions: { code: string; points: number }[] }) => s.dimensions.find((d) => d.code === 'OU')?.points ?? -1;
    expect(out(before)).toBe(0);
    expect(out(after)).toBeGreaterThan(0);
    expect(after.score).toBeGreaterThan(before.score);
    await expect(outputLine(page)).not.toContainText('0,00 dari');
    await expect(outputLine(page)).toContainText(String(out(after)).replace('.', ','));
    // The answers carry the aggregate's note.
    const unit = await (await page.request.get(`/api/v1/unit-assessments/${unitId}`)).json();
    const ou1 = unit.answers.find((a: { indicator: string }) => a.indicator === 'OU.PM.01');
    expect(ou1).toMatchObject({ value: 2, note: 'Dari 30 responden: 27 tidak mengalami (90%)' });
    await expectNoHorizontalScroll(page);

    // Offline: the contact fields are off, the entry waits on the device (without
    // personal data) and is sent once when the connection returns.
    await page.getByRole('link', { name: 'Isi responden' }).click();
    await expect(form.getByRole('heading', { name: 'Responden ke-31' })).toBeVisible();
    await context.setOffline(true);
    await form.getByRole('button', { name: 'Kontak responden (opsional)' }).click();
    await expect(form.getByText('Tidak ada koneksi: kontak tidak dapat dicatat.', { exact: false })).toBeVisible();
    await expect(form.getByLabel('Nama')).toBeDisabled();
    await expect(form.getByLabel('Nomor telepon')).toBeDisabled();
    await products.first().check();
    const groups = form.getByRole('group').filter({ has: page.getByRole('radio', { name: 'Tidak tahu / tidak relevan' }) });
    for (let g = 0; g < 5; g++) await groups.nth(g).getByRole('radio', { name: 'Tidak', exact: true }).check();
    await form.getByRole('button', { name: 'Simpan dan lanjut' }).click();
    await expect(page.getByTestId('entry-notice')).toContainText('Responden ke-31 disimpan di perangkat ini');
    await expect(page.getByTestId('queued-count')).toContainText('1 responden tersimpan di perangkat ini');
    await expect(form.getByRole('heading', { name: 'Responden ke-32' })).toBeVisible();
    await context.setOffline(false);
    await expect(page.getByTestId('queued-count')).toHaveCount(0);
    await expect(page.getByTestId('entry-progress')).toContainText('Tersimpan di server: 31 dari target 30 responden');
    await context.close();
  });

  test('the coordinator sees the sample complete, the quality flags and the contact; turns on the link', async ({ browser }) => {
    const { context, page } = await newPage(browser, coordinator);
    await page.goto(`/tinjau/unit/${unitId}`);
    await expect(page.getByTestId('review-sample')).toHaveText('Sampel lengkap: 31 dari 30 responden');
    await page.getByRole('link', { name: 'Buka survei unit' }).click();
    await expect(page.getByTestId('sample-complete')).toBeVisible();
    await expect(page.getByTestId('override-panel')).toHaveCount(0);
    // Entered seconds apart: flagged, never deleted.
    const flags = page.getByTestId('flags-panel');
    await expect(flags).toContainText('Terlalu cepat');
    await page.getByRole('button', { name: 'Tampilkan 31 responden' }).click();
    await expect(page.getByText('Responden Uji · 0812 3456 7890')).toBeVisible();

    const toggle = page.getByRole('switch', { name: 'Tautan aktif' });
    await toggle.click();
    await expect(toggle).toBeChecked();
    await expect(page.getByTestId('survey-link')).toContainText('/survei/');
    token = /\/survei\/([A-Za-z0-9_-]{32})/.exec((await page.getByTestId('survey-link').textContent()) ?? '')?.[1] ?? '';
    expect(token).toHaveLength(32);
    await page.getByRole('link', { name: 'Cetak poster' }).click();
    await expect(page.getByTestId('poster').getByRole('img', { name: 'Kode QR tautan survei unit ini' })).toBeVisible();
    await context.close();
  });

  test('the self-completion link takes an answer and refuses a flood', async ({ browser }) => {
    // The admin makes the 2023 link answerable at once and limits it to one answer per address an hour.
    const adm = await newPage(browser, admin);
    await adm.page.goto('/survei?tahun=2023');
    await expect(adm.page.getByRole('heading', { name: 'Pengaturan survei 2023' })).toBeVisible();
    await adm.page.getByLabel('Jeda minimal sebelum kirim (detik)').fill('0');
    await adm.page.getByLabel('Jawaban per alamat jaringan per jam').fill('1');
    await adm.page.getByRole('button', { name: 'Simpan pengaturan' }).click();
    await expect(adm.page.getByText('Pengaturan tersimpan')).toBeVisible();
    await adm.context.close();

    const { context, page } = await newPage(browser, null, phone);
    await page.goto(`/survei/${token}`);
    await expect(mainHeading(page)).toHaveText('Survei pengguna layanan');
    await expect(page.getByText(`${unitName} — Kabupaten Mukomuko`)).toBeVisible();
    const form = page.getByRole('form', { name: 'Jawaban survei' });
    async function answer() {
      await form.getByRole('group', { name: 'Layanan yang Anda gunakan' }).getByRole('radio').first().check();
      const groups = form.getByRole('group').filter({ has: page.getByRole('radio', { name: 'Tidak tahu / tidak relevan' }) });
      for (let g = 0; g < 5; g++) await groups.nth(g).getByRole('radio', { name: 'Tidak', exact: true }).check();
      await form.getByRole('button', { name: 'Kirim jawaban' }).click();
    }
    await answer();
    await expect(page.getByTestId('public-thanks')).toContainText('Jawaban Anda sudah kami terima.');
    await expectNoHorizontalScroll(page);

    // A second answer from the same address within the hour is refused, in plain words.
    await page.getByRole('button', { name: 'Isi untuk pengguna lain' }).click();
    await answer();
    await expect(page.getByTestId('public-refusal')).toContainText('Terlalu banyak jawaban');
    await expect(page.getByTestId('public-refusal')).toContainText(/Coba lagi dalam \d+ menit/);
    await context.close();

    const api = await newPage(browser, coordinator);
    const view = await (await api.page.request.get(`/api/v1/unit-assessments/${unitId}/survey`)).json();
    expect(view.progress).toMatchObject({ respondents: 32, self_completed: 1 });
    await api.context.close();
  });
});
