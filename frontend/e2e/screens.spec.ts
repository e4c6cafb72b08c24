import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, mainHeading, settledResults, test } from './fixtures';

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
