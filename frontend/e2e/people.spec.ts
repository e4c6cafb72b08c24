import { expect, expectNoHorizontalScroll, mainHeading, signIn, test } from './fixtures';
import {
  assessorNames,
  assignRegency,
  ensureEntity,
  ensureInLocus,
  ensurePeriod,
  ensureProvince,
  expectOutsideProvince,
  markNotAssessed,
} from './people-steps';

// The people side of running a period: assessors for a whole regency at
// once, an entity marked not assessed, and a coordinator who cannot see
// another province's setup. (The locus import is part of the full scenario
// in setup.spec.ts.) It changes only its own data: a planning period 2030
// copied from 2023, a province 31 with one entity. Other specs use 2022 and
// 2023 and the demo's entities, which this spec leaves alone.

const year = 2030;

test.describe.configure({ mode: 'serial' });

test('an admin gives two assessors every unit of a regency in one action', async ({ page }) => {
  await signIn(page, 'admin@p4.demo');
  await ensurePeriod(page.request, year, 2023);
  const names = await assessorNames(page.request, ['penilai3@p4.demo', 'penilai4@p4.demo']);
  await assignRegency(page, year, 'Kabupaten Mukomuko', names);
  await markNotAssessed(page, year, 'Polres Lebong', 'Satuan kerja sedang direorganisasi (uji).');
});

test('a coordinator cannot see another province’s setup', async ({ page, browser }) => {
  await signIn(page, 'admin@p4.demo');
  await ensurePeriod(page.request, year, 2023);
  await ensureProvince(page.request, '31', 'DKI Jakarta');
  const other = await ensureEntity(page.request, { code: 'pemkot-3171-uji', name: 'Kota Uji Jakarta', kind: 'pemkot', province: '31', unit: 'DPMPTSP Kota Uji Jakarta' });
  await ensureInLocus(page.request, year, other);
  // The admin sees it, so its absence below means something.
  const adminLocus = await page.request.get(`/api/v1/periods/${year}/locus`);
  expect(JSON.stringify(await adminLocus.json())).toContain('Kota Uji Jakarta');

  const context = await browser.newContext();
  const coord = await context.newPage();
  await signIn(coord, 'koordinator@p4.demo');
  await expectOutsideProvince(coord, year, 'Kota Uji Jakarta', 'Kabupaten Kaur');
  // Nor through the API: no locus row, no assignment, no audit rows.
  const locus = await coord.request.get(`/api/v1/periods/${year}/locus`);
  expect(JSON.stringify(await locus.json())).not.toContain('Kota Uji Jakarta');
  const assign = await coord.request.post(`/api/v1/periods/${year}/entities/${other}/assessors`, { data: { user_ids: [1] } });
  expect(assign.status()).toBe(403);
  const audit = await coord.request.get(`/api/v1/audit?entity_id=${other}`);
  expect(((await audit.json()) as { total: number }).total).toBe(0);
  await context.close();
});

test('the people screens fit a 360 px phone and name their pages', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'id-ID', timezoneId: 'Asia/Jakarta', serviceWorkers: 'block' });
  const page = await context.newPage();
  await signIn(page, 'admin@p4.demo');
  for (const [path, heading] of [
    ['/admin/lokus', 'Lokus'],
    ['/admin/lokus?tab=periode&tahun=2023', 'Lokus'],
    ['/admin/pengguna', 'Pengguna'],
    [`/admin/penugasan?tahun=2023`, 'Penugasan'],
    ['/admin/audit', 'Audit'],
    ['/admin/impor', 'Impor data'],
  ] as const) {
    await page.goto(path);
    await expect(mainHeading(page)).toHaveText(heading);
    await expect(page.getByText('Memuat…')).toHaveCount(0);
    await expectNoHorizontalScroll(page);
  }
  await context.close();
});
