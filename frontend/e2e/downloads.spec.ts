import { readFile } from 'node:fs/promises';
import type { Download, Page } from '@playwright/test';
import { expect, mainHeading, signIn, test } from './fixtures';
import { settled } from './results-helpers';

// Downloads from the web app, against the real p4 binary with the demo data:
// leadership downloads the 2022 Bengkulu workbook (made while the request
// waits) and the national one (made in the background, with progress), and
// an agency user downloads its own report. Nothing is changed but the
// export jobs of pimpinan@p4.demo, which no other spec reads.

/** xlsxOf saves a download and checks it is a non-empty xlsx (a ZIP: "PK"). */
async function xlsxOf(download: Download): Promise<Buffer> {
  const path = await download.path();
  const bytes = await readFile(path);
  expect(bytes.length).toBeGreaterThan(1000);
  expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
  return bytes;
}

async function download(page: Page, click: () => Promise<void>): Promise<Download> {
  const [d] = await Promise.all([page.waitForEvent('download'), click()]);
  return d;
}

test('leadership downloads the 2022 Bengkulu workbook', async ({ page }) => {
  await signIn(page, 'pimpinan@p4.demo');
  await page.goto('/peringkat?year=2022&group=pemda&province=17');
  await expect(mainHeading(page)).toHaveText('Peringkat');
  await settled(page);
  const d = await download(page, () => page.getByRole('link', { name: 'Unduh Excel' }).click());
  expect(d.suggestedFilename()).toBe('p4-2022-17.xlsx');
  await xlsxOf(d);
});

test('leadership has the national workbook made in the background and downloads it', async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page, 'pimpinan@p4.demo');
  await page.goto('/peringkat?year=2022&group=kementerian');
  await settled(page);
  await page.getByRole('button', { name: 'Unduh Excel' }).click();
  const ready = page.getByRole('status').filter({ hasText: 'Berkas siap' });
  await expect(ready).toBeVisible({ timeout: 60_000 });
  const d = await download(page, () => ready.getByRole('link', { name: /^Unduh p4-2022-nasional\.xlsx/ }).click());
  expect(d.suggestedFilename()).toBe('p4-2022-nasional.xlsx');
  await xlsxOf(d);

  // The Unduhan page lists it, ready.
  await page.getByRole('link', { name: 'Lihat semua unduhan' }).click();
  await expect(mainHeading(page)).toHaveText('Unduhan');
  const row = page.locator('li[data-export-id]').filter({ hasText: 'Rekap pimpinan 2022 · nasional' }).first();
  await expect(row).toContainText('Siap diunduh');
  await expect(row.getByRole('link', { name: /^Unduh p4-2022-nasional\.xlsx/ })).toBeVisible();
});

test('an agency user downloads its own report', async ({ page }) => {
  await signIn(page, 'polres.kaur@p4.demo');
  await page.goto('/instansi');
  await expect(mainHeading(page)).toHaveText('Polres Kaur');
  const d = await download(page, () => page.getByRole('link', { name: 'Unduh rapor (Excel)' }).click());
  expect(d.suggestedFilename()).toMatch(/^rapor-p4-2022-.*\.xlsx$/);
  await xlsxOf(d);
});
