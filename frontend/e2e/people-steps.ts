import type { APIRequestContext, Page } from '@playwright/test';
import { expect, mainHeading } from './fixtures';

// Steps of running an assessment period's people side — the locus, the
// assessors, the coordinator's view — as a user does them in the web app.
// Each step is one exported function so that the full scenario can chain
// them with the period steps; people.spec.ts runs them on their own.

/** startsWith matches an accessible name that begins with a given entity name ("Kabupaten Kaur 7 …", not "Kantor Pertanahan Kabupaten Kaur …"). */
function startsWith(name: string): RegExp {
  return new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`);
}

/** openMenu follows a link of the main menu and waits for its page's heading. */
export async function openMenu(page: Page, link: string, heading = link) {
  await page.getByRole('navigation', { name: 'Menu utama' }).getByRole('link', { name: link, exact: true }).click();
  await expect(mainHeading(page)).toHaveText(heading);
}

/** ImportOutcome is what the import panel showed once it settled. */
export interface ImportOutcome {
  outcome: 'refused' | 'imported' | 'unchanged';
  /** The error table's rows as [sheet, row, column, reason], when refused. */
  errors: string[][];
}

/**
 * importLocus uploads a locus workbook from the Lokus page's import panel
 * (admin) and reports what the panel showed: every bad cell of a refused
 * file, or that it was imported, or that nothing changed.
 */
export async function importLocus(page: Page, file: string): Promise<ImportOutcome> {
  await openMenu(page, 'Lokus');
  const panel = page.getByRole('region', { name: 'Impor lokus' });
  await expect(panel.getByRole('link', { name: 'Unduh template' })).toHaveAttribute('href', '/api/v1/templates/locus.xlsx');
  await panel.getByLabel('Berkas Excel (.xlsx)').setInputFiles(file);
  await panel.getByRole('button', { name: 'Unggah dan impor' }).click();
  const table = panel.getByRole('table', { name: 'Masalah pada berkas' });
  const done = panel.getByText(/^Impor berhasil/);
  const unchanged = panel.getByText('Tidak ada yang berubah: semua data sudah ada');
  await expect(table.or(done).or(unchanged)).toBeVisible();
  if (await table.isVisible()) {
    const rows = table.getByRole('row');
    const errors: string[][] = [];
    for (let i = 1; i < (await rows.count()); i++) errors.push(await rows.nth(i).getByRole('cell').allInnerTexts());
    return { outcome: 'refused', errors };
  }
  return { outcome: (await done.isVisible()) ? 'imported' : 'unchanged', errors: [] };
}

/** findEntity searches the Lokus page's entity list; returns whether the entity is listed. */
export async function findEntity(page: Page, name: string): Promise<boolean> {
  await openMenu(page, 'Lokus');
  await page.getByLabel('Cari nama atau kode').fill(name);
  const list = page.getByRole('table', { name: 'Daftar entitas' });
  const empty = page.getByRole('heading', { name: 'Tidak ada entitas yang cocok' });
  const link = list.getByRole('link', { name, exact: true });
  await expect(link.or(empty)).toBeVisible();
  return link.isVisible();
}

/**
 * assignRegency gives the named assessors every unit of one entity (e.g. a
 * regency) of a period in one action on the Penugasan page, then checks
 * that the coverage shows the entity complete and each unit with them.
 */
export async function assignRegency(page: Page, year: number, entityName: string, assessors: readonly string[]) {
  await openMenu(page, 'Penugasan');
  await page.getByLabel('Tahun').selectOption(String(year));
  const coverage = page.getByRole('table', { name: 'Cakupan penugasan' });
  await coverage.getByRole('button', { name: `Atur penilai ${entityName}` }).click();
  const section = page.getByRole('region', { name: `${entityName} — ${year}` });
  for (const name of assessors) await section.getByRole('checkbox', { name }).check();
  await section.getByRole('button', { name: 'Tugaskan ke semua unit' }).click();
  await expect(section.getByText(/^\d+ penugasan tersimpan\.$/)).toBeVisible();
  await expect(coverage.getByRole('row', { name: startsWith(entityName) })).toContainText('Lengkap');
  const units = section.getByRole('list', { name: 'Penilai per unit' }).getByRole('listitem');
  await expect(units.first()).toBeVisible();
  for (const unit of await units.all()) {
    for (const name of assessors) await expect(unit).toContainText(name);
    await expect(unit).not.toContainText('Belum ada penilai');
  }
}

/** markNotAssessed marks an entity of a period's locus not assessed, with a reason (admin, Lokus page). */
export async function markNotAssessed(page: Page, year: number, entityName: string, reason: string) {
  await openMenu(page, 'Lokus');
  await page.getByRole('tab', { name: 'Lokus periode' }).click();
  await page.getByLabel('Tahun').selectOption(String(year));
  const item = page.getByRole('list', { name: `Lokus ${year}` }).getByRole('listitem').filter({ has: page.getByText(entityName, { exact: true }) });
  await item.getByRole('button', { name: 'Tandai tidak dinilai' }).click();
  await item.getByRole('button', { name: 'Simpan' }).click();
  await expect(item.getByText('Alasan wajib diisi')).toBeVisible();
  await item.getByLabel('Alasan tidak dinilai').fill(reason);
  await item.getByRole('button', { name: 'Simpan' }).click();
  await expect(item).toContainText('Tidak dinilai');
  await expect(item).toContainText(`Alasan: ${reason}`);
}

/**
 * expectOutsideProvince checks, as a signed-in coordinator, that an entity
 * of another province shows nowhere in their setup screens: not in the
 * entity list, not in the period's locus, not in the assignments.
 */
export async function expectOutsideProvince(page: Page, year: number, entityName: string, ownEntity: string) {
  await openMenu(page, 'Lokus');
  await expect(page.getByRole('table', { name: 'Daftar entitas' }).getByRole('link', { name: ownEntity, exact: true })).toBeVisible();
  await expect(page.getByText(entityName)).toHaveCount(0);
  await page.getByRole('tab', { name: 'Lokus periode' }).click();
  await page.getByLabel('Tahun').selectOption(String(year));
  await expect(page.getByRole('list', { name: `Lokus ${year}` }).getByText(ownEntity, { exact: true })).toBeVisible();
  await expect(page.getByText(entityName)).toHaveCount(0);
  await openMenu(page, 'Penugasan');
  await page.getByLabel('Tahun').selectOption(String(year));
  await expect(page.getByRole('table', { name: 'Cakupan penugasan' }).getByRole('row', { name: startsWith(ownEntity) })).toBeVisible();
  await expect(page.getByText(entityName)).toHaveCount(0);
}

// Setup through the API (admin's session), for what the standalone spec
// needs and another spec may already have made.

/** ensurePeriod creates a planning period copied from another year's method and locus, unless it exists. */
export async function ensurePeriod(request: APIRequestContext, year: number, copyFrom: number) {
  if ((await request.get(`/api/v1/periods/${year}`)).ok()) return;
  const res = await request.post('/api/v1/periods', { data: { year, name: `Uji ${year}`, copy_from_year: copyFrom } });
  expect(res.status(), await res.text()).toBe(201);
}

/** ensureProvince adds a province unless its code is taken. */
export async function ensureProvince(request: APIRequestContext, code: string, name: string) {
  const res = await request.post('/api/v1/regions', { data: { code, name, level: 'province' } });
  expect([201, 422], await res.text()).toContain(res.status());
}

/** ensureEntity creates an entity with one unit unless its code exists, and returns its id. */
export async function ensureEntity(request: APIRequestContext, e: { code: string; name: string; kind: string; province: string; unit: string }): Promise<number> {
  const found = await request.get(`/api/v1/entities?q=${encodeURIComponent(e.code)}`);
  const items = ((await found.json()) as { items: { id: number; code: string }[] }).items;
  const have = items.find((x) => x.code === e.code);
  if (have) return have.id;
  const res = await request.post('/api/v1/entities', {
    data: { code: e.code, name: e.name, kind: e.kind, province_code: e.province, units: [{ code: 'u1', name: e.unit, kind: e.kind }] },
  });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { id: number }).id;
}

/** ensureInLocus adds an entity to a period's locus (assessed) unless it is there. */
export async function ensureInLocus(request: APIRequestContext, year: number, entityId: number) {
  const res = await request.post(`/api/v1/periods/${year}/locus`, { data: { entity_id: entityId, assessed: true } });
  expect([201, 409], await res.text()).toContain(res.status());
}

/** assessorNames returns the names of demo assessors by email. */
export async function assessorNames(request: APIRequestContext, emails: readonly string[]): Promise<string[]> {
  const res = await request.get('/api/v1/users?role=assessor&limit=100');
  expect(res.ok()).toBe(true);
  const items = ((await res.json()) as { items: { email: string; name: string }[] }).items;
  return emails.map((m) => {
    const u = items.find((x) => x.email === m);
    if (!u) throw new Error(`no assessor ${m}`);
    return u.name;
  });
}
