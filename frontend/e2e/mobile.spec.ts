import { expect, expectNoHorizontalScroll, mainHeading, settledResults, test } from './fixtures';

test.use({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });

test.describe('phone, 360×740', () => {
  for (const path of ['/', '/publik', '/masuk', '/halaman-yang-tidak-ada']) {
    test(`${path} has no horizontal scroll`, async ({ page }) => {
      await page.goto(path);
      await expect(mainHeading(page)).toBeVisible();
      if (path === '/publik') await settledResults(page);
      await expectNoHorizontalScroll(page);
    });
  }

  test('the menu opens from the burger, navigates, and closes', async ({ page }) => {
    await page.goto('/');
    const burger = page.getByRole('button', { name: 'Buka menu' });
    const link = page.getByRole('navigation', { name: 'Menu utama' }).getByRole('link', { name: 'Hasil Penilaian' });
    await expect(burger).toBeVisible();
    await expect(burger).toHaveAttribute('aria-expanded', 'false');
    await expect(link).not.toBeInViewport();

    await burger.tap();
    await expect(page.getByRole('button', { name: 'Tutup menu' })).toHaveAttribute('aria-expanded', 'true');
    await expect(link).toBeInViewport();

    await link.tap();
    await expect(page).toHaveURL(/\/publik$/);
    await expect(mainHeading(page)).toHaveText('Hasil Penilaian Publik');
    await expect(page.getByRole('button', { name: 'Buka menu' })).toHaveAttribute('aria-expanded', 'false');
    await expect(link).not.toBeInViewport();
  });

  test('Escape closes the menu', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('button', { name: 'Buka menu' }).tap();
    await expect(page.getByRole('button', { name: 'Tutup menu' })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('button', { name: 'Buka menu' })).toHaveAttribute('aria-expanded', 'false');
  });

  test('touch targets in the header are at least 44px', async ({ page }) => {
    await page.goto('/');
    for (const name of ['Buka menu', 'Bahasa Indonesia (ID)', 'English (EN)', 'Masuk']) {
      const box = await page.getByRole('banner').getByRole(name === 'Masuk' ? 'link' : 'button', { name, exact: true }).boundingBox();
      expect(box, name).not.toBeNull();
      expect(box!.height, `${name} height`).toBeGreaterThanOrEqual(44);
      expect(box!.width, `${name} width`).toBeGreaterThanOrEqual(44);
    }
  });
});
