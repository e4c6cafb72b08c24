import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, mainHeading, settledResults, signIn, test } from './fixtures';

// Saves screenshots of the main pages for the docs, only when asked:
//   P4_SCREENSHOTS=1 npm run e2e
// They go to ../docs/screens/ (or P4_SCREENSHOTS_DIR).

const dir = process.env.P4_SCREENSHOTS_DIR ?? fileURLToPath(new URL('../../docs/screens/', import.meta.url));

test.describe('screenshots', () => {
  test.skip(process.env.P4_SCREENSHOTS !== '1', 'set P4_SCREENSHOTS=1 to save screenshots');
  test.beforeAll(() => mkdirSync(dir, { recursive: true }));

  async function shoot(page: Page, name: string) {
    // Fonts and the chart's first frame settle before the picture.
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true, animations: 'disabled' });
  }

  test.describe('desktop', () => {
    test.use({ viewport: { width: 1280, height: 800 } });

    test('landing', async ({ page }) => {
      await page.goto('/');
      await expect(mainHeading(page)).toBeVisible();
      await shoot(page, 'landing');
      await page.getByRole('button', { name: 'English (EN)' }).click();
      await expect(mainHeading(page)).toHaveText('Assessment of Public Service Delivery');
      await shoot(page, 'landing-en');
    });

    test('public results', async ({ page }) => {
      await page.goto('/publik');
      await settledResults(page);
      await expect(page.getByText('Memuat…')).toHaveCount(0);
      await shoot(page, 'public-results');
    });

    test('sign-in with field errors', async ({ page }) => {
      await page.goto('/masuk');
      await shoot(page, 'sign-in');
      await page.getByRole('form', { name: 'Masuk' }).getByRole('button', { name: 'Masuk' }).click();
      await expect(page.getByText('Email wajib diisi')).toBeVisible();
      await shoot(page, 'sign-in-errors');
    });

    test('not found', async ({ page }) => {
      await page.goto('/tidak-ada');
      await expect(mainHeading(page)).toBeVisible();
      await shoot(page, 'not-found');
    });
  });

  test.describe('phone', () => {
    test.use({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });

    test('public results and menu', async ({ page }) => {
      await page.goto('/publik');
      await settledResults(page);
      await expect(page.getByText('Memuat…')).toHaveCount(0);
      await shoot(page, 'public-results-phone');
      await page.getByRole('button', { name: 'Buka menu' }).tap();
      await expect(page.getByRole('button', { name: 'Tutup menu' })).toBeVisible();
      await page.screenshot({ path: `${dir}/menu-phone.png` });
    });
  });
});

// The questionnaire and the review, signed in with the demo users. Nothing
// is changed on the server: the conflict is staged by answering one save
// with the server's 412, and only read-only pages are shown otherwise.
test.describe('screenshots: questionnaire and review', () => {
  test.skip(process.env.P4_SCREENSHOTS !== '1', 'set P4_SCREENSHOTS=1 to save screenshots');
  test.beforeAll(() => mkdirSync(dir, { recursive: true }));

  async function shot(page: Page, name: string, fullPage = true) {
    await expect(page.getByText('Memuat…')).toHaveCount(0);
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: `${dir}/${name}.png`, fullPage, animations: 'disabled' });
  }

  const returnedUnit = 'Kantor Pertanahan Kabupaten Bengkulu Utara';

  test.describe('desktop', () => {
    test.use({ viewport: { width: 1280, height: 900 } });

    test('assessor: work list, questionnaire, conflict', async ({ page }) => {
      await signIn(page, 'penilai1@p4.demo');
      await page.goto('/kerja');
      await expect(page.getByRole('link', { name: returnedUnit, exact: true })).toBeVisible();
      await shot(page, 'work-list', false);
      await page.getByRole('link', { name: returnedUnit, exact: true }).click();
      await expect(page.getByTestId('return-reason')).toBeVisible();
      await expect(page.getByTestId('score-preview')).toContainText(/\d,\d\d/);
      await shot(page, 'questionnaire', false);

      const card = page.getByRole('region', { name: /^IN\.KP\.02\b/ });
      await page.route('**/api/v1/unit-assessments/*/answers/IN.KP.02', (route) =>
        route.fulfill({
          status: 412,
          contentType: 'application/problem+json',
          body: JSON.stringify({
            type: '/problems/conflict',
            title: 'Changed by someone else',
            status: 412,
            code: 'version_conflict',
            current: { indicator: 'IN.KP.02', value: 1, na: false, note: 'Hanya kepala unit yang dapat menjelaskan.', version: 2, updated_by: 4, updated_at: '2023-08-02T02:30:00Z' },
          }),
        }),
      );
      const current = await card.getByRole('radio', { checked: true }).first().getAttribute('value');
      await card.getByRole('radio', { name: current === '0' ? /^Nilai 3:/ : /^Nilai 0:/ }).check();
      await expect(card.getByTestId('conflict')).toBeVisible();
      await card.scrollIntoViewIfNeeded();
      await card.screenshot({ path: `${dir}/questionnaire-conflict.png`, animations: 'disabled' });
    });

    test('coordinator: review queue, unit review, entity', async ({ page }) => {
      await signIn(page, 'koordinator@p4.demo');
      await page.goto('/tinjau');
      const kaur = page.getByRole('region', { name: 'Kabupaten Kaur', exact: true });
      await expect(kaur).toBeVisible();
      await shot(page, 'review-queue', false);
      await kaur.getByRole('link', { name: 'Puskesmas Tanjung Kemuning' }).click();
      await expect(page.getByRole('button', { name: 'Terima' })).toBeVisible();
      await page.getByRole('region', { name: /^IN\.KP\.01\b/ }).getByLabel('Komentar untuk penilai').fill('Lampirkan catatan wawancara keempat pejabat.');
      await shot(page, 'review-unit', false);
      await page.getByRole('button', { name: 'Kembalikan' }).click();
      await page.getByRole('dialog').getByLabel('Alasan pengembalian').fill('Catatan wawancara belum lengkap untuk Input.');
      await page.screenshot({ path: `${dir}/review-return.png`, animations: 'disabled' });
      await page.getByRole('dialog').getByRole('button', { name: 'Batal' }).click();
      await page.getByRole('link', { name: 'Lihat semua unit Kabupaten Kaur' }).click();
      await expect(page.getByText(/unit belum diterima|Semua unit sudah diterima/)).toBeVisible();
      await shot(page, 'review-entity', false);
    });
  });

  test.describe('phone', () => {
    test.use({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });

    test('questionnaire on a phone', async ({ page }) => {
      await signIn(page, 'penilai1@p4.demo');
      await page.goto('/kerja');
      await page.getByRole('link', { name: returnedUnit, exact: true }).tap();
      await expect(page.getByTestId('return-reason')).toBeVisible();
      await shot(page, 'questionnaire-phone', false);
      await page.getByRole('region', { name: /^IN\.KP\.01\b/ }).scrollIntoViewIfNeeded();
      await shot(page, 'questionnaire-phone-levels', false);
    });
  });
});

// The ranked comparison, its drill-down, the agency's report card and an
// entity's public page, signed in with the demo users. Read-only.
test.describe('screenshots: rankings and report card', () => {
  test.skip(process.env.P4_SCREENSHOTS !== '1', 'set P4_SCREENSHOTS=1 to save screenshots');
  test.beforeAll(() => mkdirSync(dir, { recursive: true }));

  async function snap(page: Page, name: string, fullPage = true) {
    await expect(page.getByText(/^Memuat…$|Mencari hasil/)).toHaveCount(0);
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: `${dir}/${name}.png`, fullPage, animations: 'disabled' });
  }

  test.describe('desktop', () => {
    test.use({ viewport: { width: 1280, height: 900 } });

    test('leadership: ranking and drill-down', async ({ page }) => {
      await signIn(page, 'pimpinan@p4.demo');
      await page.goto('/peringkat?year=2022&group=pemda&province=17');
      await expect(page.getByTestId('category-chart').locator('svg')).toBeVisible();
      await snap(page, 'ranking');
      await page.getByRole('link', { name: 'Kabupaten Kaur' }).click();
      await page.getByRole('button', { name: /Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Kabupaten Kaur/ }).click();
      await expect(page.getByRole('link', { name: /foto-maklumat-pelayanan-dpmptsp-kaur\.png/ })).toBeVisible();
      await snap(page, 'ranking-entity', false);
      await page.getByRole('link', { name: /foto-maklumat-pelayanan/ }).scrollIntoViewIfNeeded();
      await snap(page, 'ranking-entity-evidence', false);
    });

    test('agency: report card, what-if', async ({ page }) => {
      await signIn(page, 'polres.kaur@p4.demo');
      await page.goto('/instansi');
      await expect(page.getByTestId('peer-chart').locator('svg')).toBeVisible();
      await snap(page, 'portal');
      await page.getByRole('button', { name: 'Coba di simulasi' }).click();
      await expect(page.getByTestId('what-if-result')).toContainText('Kategori A');
      await page.getByTestId('what-if-notice').scrollIntoViewIfNeeded();
      await snap(page, 'portal-what-if', false);
    });

    test('public entity page', async ({ page }) => {
      await page.goto('/publik?year=2022&group=pemda&province=17');
      await page.getByRole('link', { name: 'Kabupaten Kaur' }).click();
      await expect(page.getByTestId('history-chart').locator('svg')).toBeVisible();
      await snap(page, 'public-entity');
    });
  });

  test.describe('phone', () => {
    test.use({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });

    test('ranking and report card on a phone', async ({ page }) => {
      await signIn(page, 'pimpinan@p4.demo');
      await page.goto('/peringkat?year=2022&group=pemda&province=17');
      await expect(page.getByTestId('category-chart').locator('svg')).toBeVisible();
      await page.getByRole('region', { name: /^Peringkat Semua Pemda/ }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await snap(page, 'ranking-phone', false);
      await page.context().clearCookies();
      await signIn(page, 'polres.kaur@p4.demo');
      await page.goto('/instansi');
      await expect(page.getByTestId('peer-chart').locator('svg')).toBeVisible();
      await snap(page, 'portal-phone', false);
      await page.getByRole('heading', { name: 'Dibandingkan dengan kelompok' }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await snap(page, 'portal-phone-peers', false);
    });
  });
});

test.describe('screenshots: running a period, survey, objections, downloads', () => {
  test.skip(process.env.P4_SCREENSHOTS !== '1', 'set P4_SCREENSHOTS=1 to save screenshots');
  test.beforeAll(() => mkdirSync(dir, { recursive: true }));

  async function visit(page: Page, path: string, name: string, fullPage = true) {
    await page.goto(path);
    await expect(mainHeading(page)).toBeVisible();
    await expect(page.getByText(/^Memuat…$/)).toHaveCount(0);
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: `${dir}/${name}.png`, fullPage, animations: 'disabled' });
  }

  test.describe('desktop', () => {
    test.use({ viewport: { width: 1280, height: 900 } });

    test('admin: periods, instrument, locus, assignments, users, audit, imports', async ({ page }) => {
      await signIn(page, 'admin@p4.demo');
      await visit(page, '/admin/periode', 'admin-periods');
      await visit(page, '/admin/periode/2023', 'admin-period');
      await visit(page, '/admin/periode/2023/instrumen', 'admin-instrument', false);
      await visit(page, '/admin/periode/2023/instrumen/bandingkan', 'admin-instrument-compare', false);
      await visit(page, '/admin/lokus', 'admin-locus', false);
      await visit(page, '/admin/penugasan?tahun=2023', 'admin-assignments', false);
      await visit(page, '/admin/pengguna', 'admin-users', false);
      await visit(page, '/admin/audit', 'admin-audit', false);
      await visit(page, '/admin/impor', 'admin-imports', false);
    });

    test('coordinator: objections, survey settings, downloads', async ({ page }) => {
      await signIn(page, 'koordinator@p4.demo');
      await visit(page, '/sanggahan', 'objections-queue');
      await visit(page, '/survei', 'survey-settings', false);
      await visit(page, '/unduhan', 'downloads');
    });
  });

  test.describe('phone', () => {
    test.use({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });

    test('assessor: respondent entry', async ({ page }) => {
      await signIn(page, 'penilai3@p4.demo');
      await page.goto('/kerja?tahun=2023');
      await page.getByRole('link', { name: 'Puskesmas Ipuh', exact: true }).click();
      const id = Number(/\/kerja\/unit\/(\d+)/.exec(page.url())?.[1]);
      await visit(page, `/survei/unit/${id}/isi`, 'survey-entry-phone', false);
    });
  });
});
