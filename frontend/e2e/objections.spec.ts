import { expect, mainHeading, signIn, test } from './fixtures';
import { openFromMenu, settled } from './results-helpers';

// Objections (sanggahan) end to end, against the real p4 binary with the demo
// data: Kantah Kaur's 2023 result is final and the demo opens the objection
// window on the day it is loaded. Only Kantah Kaur is changed here (no other
// spec reads it): kantah.kaur@p4.demo files an objection with a file and
// adds another while it waits, the Bengkulu coordinator decides it beside
// the evidence, and the agency reads the decision.

// A 1×1 PNG: the server sniffs the bytes, not the name.
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC',
  'base64',
);

test.describe.configure({ mode: 'serial' });

test('the agency files an objection with a file, the coordinator decides it, the agency sees the decision', async ({ page }) => {
  test.setTimeout(90_000);
  const statement = 'Standar pelayanan sudah dipasang di ruang tunggu sejak Juli; lihat foto terlampir.';

  // 1. The agency files it.
  await signIn(page, 'kantah.kaur@p4.demo');
  await page.goto('/instansi');
  await expect(mainHeading(page)).toHaveText(/Kaur/);
  await settled(page);
  await expect(page.getByText('Masa sanggahan sedang dibuka')).toBeVisible();
  const form = page.getByRole('form', { name: 'Ajukan sanggahan' });
  await form.getByLabel('Alasan sanggahan').fill(statement);
  // Contest the first indicator that is below its maximum, asking for the maximum.
  const indicator = form.getByLabel('Indikator', { exact: true });
  const options = await indicator.locator('option').evaluateAll((os) =>
    os.map((o) => ({ value: (o as HTMLOptionElement).value, label: o.textContent ?? '' })),
  );
  const below = options.find((o) => {
    const m = /saat ini (\d+) dari (\d+)/.exec(o.label);
    return o.value !== '' && m !== null && Number(m[1]) < Number(m[2]);
  });
  expect(below, 'an indicator below its maximum').toBeTruthy();
  await indicator.selectOption(below!.value);
  const max = /dari (\d+)/.exec(below!.label)![1]!;
  await form.getByLabel('Nilai yang diminta').selectOption(max);
  await page.getByTestId('objection-file-input').setInputFiles({ name: 'foto-standar-pelayanan.png', mimeType: 'image/png', buffer: png });
  await expect(form.getByText(/foto-standar-pelayanan\.png/)).toBeVisible();
  await form.getByRole('button', { name: 'Kirim sanggahan' }).click();
  await expect(page.getByText('Sanggahan terkirim. Statusnya tampil di atas.')).toBeVisible();
  const card = page.locator('[data-objection-id]').filter({ hasText: statement });
  await expect(card).toContainText('Diajukan, menunggu keputusan');
  await expect(card.getByRole('link', { name: 'foto-standar-pelayanan.png' })).toBeVisible();
  // A second photo, added while it waits for the decision.
  const id = await card.getAttribute('data-objection-id');
  await page.getByTestId(`objection-${id}-add-input`).setInputFiles({ name: 'foto-papan-informasi.png', mimeType: 'image/png', buffer: png });
  await expect(card.getByRole('link', { name: 'foto-papan-informasi.png' })).toBeVisible();

  // 2. The coordinator finds it in the queue and decides it beside the evidence.
  await page.context().clearCookies();
  await signIn(page, 'koordinator@p4.demo');
  await openFromMenu(page, 'Sanggahan');
  await expect(mainHeading(page)).toHaveText('Sanggahan');
  await expect(page.getByLabel('Tahun penilaian')).toHaveValue('2023'); // the open period
  const row = page.locator('li[data-objection-id]').filter({ hasText: statement });
  await row.getByRole('link', { name: /Kaur/ }).click();
  await expect(mainHeading(page)).toHaveText(/^Sanggahan .*Kaur/);
  const item = page.getByTestId('objection-item').first();
  await expect(item.getByTestId('assessor-side')).toContainText('Jawaban');
  await expect(item.getByTestId('agency-side')).toContainText(`Nilai yang diminta: ${max}`);
  await expect(item.getByTestId('agency-side').getByRole('link', { name: 'foto-standar-pelayanan.png' })).toBeVisible();
  await expect(item.getByTestId('agency-side').getByRole('link', { name: 'foto-papan-informasi.png' })).toBeVisible();
  const result = page.getByTestId('objection-result');
  await expect(result).not.toContainText('Memuat');
  const before = (await result.innerText()).replace(/\s+/g, ' ');

  // The reason is required: the form says so beside the field.
  await page.getByRole('radio', { name: 'Diterima', exact: true }).check();
  await page.getByRole('button', { name: 'Simpan keputusan' }).click();
  await expect(page.getByLabel('Alasan keputusan')).toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel('Alasan keputusan').fill('Foto menunjukkan standar pelayanan terpasang; nilai disesuaikan.');
  await page.getByRole('button', { name: 'Simpan keputusan' }).click();
  const decision = page.getByTestId('objection-decision');
  await expect(decision).toContainText('Diterima');
  await expect(decision).toContainText('Foto menunjukkan standar pelayanan terpasang');
  await expect(page.getByRole('button', { name: 'Simpan keputusan' })).toHaveCount(0);
  // The answer was raised, so the result is recomputed.
  await expect(item.getByTestId('assessor-side')).toContainText(`Jawaban: ${max}`);
  await expect.poll(async () => (await result.innerText()).replace(/\s+/g, ' ')).not.toBe(before);

  // 3. The agency reads the decision.
  await page.context().clearCookies();
  await signIn(page, 'kantah.kaur@p4.demo');
  await page.goto('/instansi');
  const decided = page.locator('[data-objection-id]').filter({ hasText: statement });
  await expect(decided).toContainText('Diterima');
  await expect(decided).toContainText('Foto menunjukkan standar pelayanan terpasang');
  await expect(decided).toContainText('Diputuskan oleh');
  // Decided: no more files.
  await expect(decided.getByRole('button', { name: 'Tambah berkas' })).toHaveCount(0);
});
