import { expect, mainHeading, test } from './fixtures';

test('an unknown route shows the not-found page with a way home', async ({ page }) => {
  await page.goto('/halaman/yang-tidak-ada');
  await expect(mainHeading(page)).toHaveText('Halaman tidak ditemukan');
  await expect(page).toHaveTitle('Halaman tidak ditemukan · P4');
  await page.getByRole('link', { name: 'Kembali ke halaman utama' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(mainHeading(page)).toHaveText('Penilaian Penyelenggaraan Pelayanan Publik');
});
