import { expect, mainHeading, test } from './fixtures';

test.describe('landing page', () => {
  test('loads in Indonesian', async ({ page }) => {
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'id');
    await expect(mainHeading(page)).toHaveText('Penilaian Penyelenggaraan Pelayanan Publik');
    await expect(page.getByRole('link', { name: 'Lihat hasil penilaian' })).toBeVisible();
    await expect(page.getByText('Zona Hijau').first()).toBeVisible();
    await expect(page).toHaveTitle('P4 — Penilaian Penyelenggaraan Pelayanan Publik');
  });

  test('the language switch turns it into English and back, and is remembered', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('button', { name: 'English (EN)' }).click();
    await expect(mainHeading(page)).toHaveText('Assessment of Public Service Delivery');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('button', { name: 'English (EN)' })).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByText('Green zone').first()).toBeVisible();

    await page.reload();
    await expect(mainHeading(page)).toHaveText('Assessment of Public Service Delivery');

    await page.getByRole('button', { name: 'Bahasa Indonesia (ID)' }).click();
    await expect(mainHeading(page)).toHaveText('Penilaian Penyelenggaraan Pelayanan Publik');
    await expect(page.locator('html')).toHaveAttribute('lang', 'id');
  });

  test('links to the public results', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('link', { name: 'Lihat hasil penilaian' }).click();
    await expect(page).toHaveURL(/\/publik$/);
    await expect(mainHeading(page)).toHaveText('Hasil Penilaian Publik');
  });

  test('a keyboard user can skip to the content, with a visible focus ring', async ({ page }) => {
    await page.goto('/');
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Lewati ke konten utama' });
    await expect(skip).toBeFocused();
    await expect(skip).toBeInViewport();
    const outline = await skip.evaluate((el) => getComputedStyle(el).outlineStyle);
    expect(outline).not.toBe('none');
  });
});
