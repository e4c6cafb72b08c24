import type { Page } from '@playwright/test';
import { expect, expectNoHorizontalScroll, mainHeading } from './fixtures';

// Steps of setting up a period through the web app, as an admin does them.
// Each step is one exported function so that the lead can compose the full
// scenario of issue 7 (copy 2023 into 2024, change a weight, import the
// locus, assign assessors, open) with the other helpers' steps. Every step
// starts from wherever the previous one left the page and ends on a state
// it has seen on screen, never on a fixed wait.

/** openPeriodPage goes to one period through the menu ("Periode") and its list. */
export async function openPeriodPage(page: Page, year: number) {
  await page.getByRole('navigation', { name: 'Menu utama' }).getByRole('link', { name: 'Periode' }).click();
  await expect(mainHeading(page)).toHaveText('Periode penilaian');
  await page.getByRole('link', { name: `P4 ${year}`, exact: true }).click();
  await expect(mainHeading(page)).toHaveText(`P4 ${year}`);
}

/**
 * createPeriodByCopy creates a year by copying an earlier one (its method,
 * instrument and locus) and ends on the new period's page, in planning.
 */
export async function createPeriodByCopy(page: Page, year: number, fromYear: number) {
  await page.getByRole('navigation', { name: 'Menu utama' }).getByRole('link', { name: 'Periode' }).click();
  await expect(mainHeading(page)).toHaveText('Periode penilaian');
  const form = page.getByRole('form', { name: 'Buat periode baru' });
  await form.getByLabel('Tahun periode').fill(String(year));
  await form.getByLabel('Salin periode sebelumnya (metode, instrumen, dan lokus)').check();
  await form.getByLabel('Salin dari tahun').selectOption(String(fromYear));
  await form.getByRole('button', { name: 'Buat periode' }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/periode/${year}$`));
  await expect(mainHeading(page)).toHaveText(`P4 ${year}`);
  await expect(page.getByTestId('period-status')).toHaveText('Perencanaan');
}

/** setFieldwork sets the field-work window of the period on screen and saves the schedule. */
export async function setFieldwork(page: Page, from: string, to: string, reason: string) {
  const form = page.getByRole('form', { name: 'Jadwal' });
  const fieldwork = form.getByRole('group', { name: 'Kerja lapangan' });
  await fieldwork.getByLabel('Mulai').fill(from);
  await fieldwork.getByLabel('Sampai').fill(to);
  await form.getByLabel('Alasan perubahan (dicatat di log audit)').fill(reason);
  await form.getByRole('button', { name: 'Simpan jadwal' }).click();
  await expect(form.getByRole('status')).toHaveText('Jadwal tersimpan.');
}

/** WeightChange is one indicator weight typed into the editor. */
export interface WeightChange {
  code: string;
  weight: string;
}

/**
 * editWeightLive opens the instrument of the period on screen, types one
 * weight and sees its dimension's total turn invalid, types a second that
 * compensates and sees it turn valid again, then saves.
 */
export async function editWeightLive(page: Page, dimension: string, first: WeightChange, second: WeightChange) {
  const year = /\/admin\/periode\/(\d+)/.exec(page.url())?.[1];
  await page.getByRole('link', { name: 'Lihat dan ubah instrumen' }).click();
  await expect(mainHeading(page)).toHaveText(`Instrumen ${year}`);
  const total = page.getByTestId(`total-${dimension}`);
  await expect(total).toHaveAttribute('data-valid', 'true');

  await page.getByRole('textbox', { name: `Bobot ${first.code}`, exact: true }).fill(first.weight);
  await expect(total).toHaveAttribute('data-valid', 'false');
  await expect(total).toContainText('harus tepat 100%');

  await page.getByRole('textbox', { name: `Bobot ${second.code}`, exact: true }).fill(second.weight);
  await expect(total).toHaveAttribute('data-valid', 'true');
  await expect(total).toContainText('100.00% — sesuai');

  await page.getByRole('button', { name: 'Simpan instrumen' }).click();
  await expect(page.getByText('Instrumen tersimpan sebagai versi metode baru.')).toBeVisible();
  // The page now shows the stored file: nothing left to save.
  await expect(page.getByRole('button', { name: 'Simpan instrumen' })).toBeDisabled();
  await expect(page.getByRole('textbox', { name: `Bobot ${first.code}`, exact: true })).toHaveValue(first.weight);
}

/** compareWithPreviousYear opens the comparison from the instrument page and expects the changed indicators. */
export async function compareWithPreviousYear(page: Page, changed: string[]) {
  await page.getByRole('link', { name: 'Bandingkan dengan tahun lain' }).click();
  await expect(page.getByTestId('diff-summary')).toHaveText(`0 indikator ditambah, 0 dihapus, ${changed.length} diubah.`);
  const table = page.getByRole('table', { name: 'Perubahan indikator' });
  for (const code of changed) await expect(table.getByRole('row', { name: new RegExp(`^${code.replace(/\./g, '\\.')}\\b`) })).toContainText('bobot');
  await page.getByRole('link', { name: 'Kembali ke instrumen' }).click();
}

/** confirmIndicatorMapping opens the mapping to last year's indicators, checks the suggestion and stores it. */
export async function confirmIndicatorMapping(page: Page, reason: string) {
  await page.getByRole('link', { name: 'Pemetaan indikator tahun lalu' }).click();
  await expect(page.getByTestId('mapping-state')).toContainText('Belum tersimpan');
  await page.getByLabel('Alasan (dicatat di log audit)').fill(reason);
  await page.getByRole('button', { name: 'Simpan pemetaan' }).click();
  await expect(page.getByText('Pemetaan tersimpan.').first()).toBeVisible();
  await expect(page.getByTestId('mapping-state')).toHaveText('Pemetaan tersimpan.');
  await page.getByRole('link', { name: 'Kembali ke instrumen' }).click();
}

/**
 * openPeriod opens the period through its page: the confirmation lists what
 * opening will do (entities, units, units without an assessor) and, once
 * confirmed, the period is open and its instrument locked.
 */
export async function openPeriod(page: Page, year: number) {
  if (!new RegExp(`/admin/periode/${year}$`).test(page.url())) await openPeriodPage(page, year);
  await page.getByRole('button', { name: 'Buka periode' }).click();
  const dialog = page.getByRole('dialog', { name: `Buka periode ${year}?` });
  await expect(dialog.getByTestId('open-summary')).toContainText('entitas dinilai');
  await expect(dialog).toContainText('metode dan instrumen terkunci');
  await dialog.getByRole('button', { name: 'Ya, buka periode' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('period-status')).toHaveText('Dibuka');
  await expect(page.getByRole('link', { name: 'Lihat instrumen' })).toBeVisible();
}

/** checkNarrow checks that the period and instrument pages fit a 360 px phone. */
export async function checkNarrow(page: Page, year: number) {
  const size = page.viewportSize();
  await page.setViewportSize({ width: 360, height: 740 });
  for (const path of [`/admin/periode/${year}`, `/admin/periode/${year}/instrumen`, `/admin/periode/${year}/instrumen/bandingkan`]) {
    await page.goto(path);
    await expect(mainHeading(page)).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'Memuat' })).toHaveCount(0);
    await expectNoHorizontalScroll(page);
  }
  if (size) await page.setViewportSize(size);
}
