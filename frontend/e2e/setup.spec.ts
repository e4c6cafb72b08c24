import { fileURLToPath } from 'node:url';
import { expect, signIn, test } from './fixtures';
import { assessorNames, assignRegency, findEntity, importLocus } from './people-steps';
import {
  checkNarrow,
  compareWithPreviousYear,
  confirmIndicatorMapping,
  createPeriodByCopy,
  editWeightLive,
  openPeriod,
  setFieldwork,
} from './setup-steps';

// Setting up 2024 through the web app, as the admin (issue 7): copy 2023,
// schedule field work, change one indicator weight and see the dimension
// total turn invalid then valid, save, compare with 2023, confirm the
// indicator mapping, import a locus file with one bad row (nothing is
// imported), fix it and import it, give a regency's units to two assessors
// in one action, open the period. It creates 2024 and two "Uji Impor"
// entities, which no other spec uses; the steps run in order on one page.
// people.spec.ts covers the coordinator who cannot see another province.

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

test.describe.configure({ mode: 'serial' });

test('an admin sets up 2024 by copying 2023 and opens it', async ({ page }) => {
  test.setTimeout(150_000);
  await test.step('sign in as admin', () => signIn(page, 'admin@p4.demo'));
  await test.step('create 2024 by copying 2023', () => createPeriodByCopy(page, 2024, 2023));
  await test.step('schedule field work', () => setFieldwork(page, '2024-07-01', '2024-10-31', 'Jadwal nasional 2024'));
  // Input has 15 indicators of 1/15: 0.1 is 1/30 too much, which IN.KP.02 gives back.
  await test.step('change a weight, see the total turn invalid then valid, save', () =>
    editWeightLive(page, 'IN', { code: 'IN.KP.01', weight: '0.1' }, { code: 'IN.KP.02', weight: '1/30' }),
  );
  await test.step('compare with 2023', () => compareWithPreviousYear(page, ['IN.KP.01', 'IN.KP.02']));
  await test.step('confirm the indicator mapping', () => confirmIndicatorMapping(page, 'Kode indikator 2024 sama dengan 2023'));
  await test.step('fit a 360 px phone', () => checkNarrow(page, 2024));
  await test.step('a locus file with one bad row imports nothing', async () => {
    const refused = await importLocus(page, fixture('lokus-salah.xlsx'));
    expect(refused.outcome).toBe('refused');
    expect(refused.errors).toEqual([['Lokus', '4', 'D', 'provinsi "99" tidak ada']]);
    // All or nothing: the good rows of the same file were not imported either.
    const none = await page.request.get('/api/v1/entities?q=Uji%20Impor');
    expect(((await none.json()) as { total: number }).total).toBe(0);
    expect(await findEntity(page, 'Kabupaten Uji Impor')).toBe(false);
  });
  await test.step('fixed, it imports; the same file again changes nothing', async () => {
    expect((await importLocus(page, fixture('lokus-benar.xlsx'))).outcome).toBe('imported');
    expect(await findEntity(page, 'Kabupaten Uji Impor')).toBe(true);
    expect(await findEntity(page, 'Polres Uji Impor')).toBe(true);
    expect((await importLocus(page, fixture('lokus-benar.xlsx'))).outcome).toBe('unchanged');
  });
  await test.step('give every unit of a regency to two assessors in one action', async () => {
    const names = await assessorNames(page.request, ['penilai3@p4.demo', 'penilai4@p4.demo']);
    await assignRegency(page, 2024, 'Kabupaten Mukomuko', names);
  });
  await test.step('open 2024', () => openPeriod(page, 2024));

  // The server agrees: open, with the edited method and the copied locus.
  const res = await page.request.get('/api/v1/periods/2024');
  expect(res.ok()).toBe(true);
  const period = (await res.json()) as { status: string; windows: { fieldwork: { from: string; to: string } } };
  expect(period.status).toBe('open');
  expect(period.windows.fieldwork).toEqual({ from: '2024-07-01', to: '2024-10-31' });
  const method = (await (await page.request.get('/api/v1/periods/2024/method')).json()) as {
    instrument: { dimensions: { code: string; indicators: { code: string; weight?: string | number }[] }[] };
  };
  const input = method.instrument.dimensions.find((d) => d.code === 'IN');
  expect(input?.indicators.slice(0, 2).map((i) => i.weight)).toEqual(['0.1', '1/30']);
  const locus = (await (await page.request.get('/api/v1/periods/2024/locus')).json()) as { items: unknown[] };
  const locus2023 = (await (await page.request.get('/api/v1/periods/2023/locus')).json()) as { items: unknown[] };
  expect(locus.items.length).toBe(locus2023.items.length);
  // Once open, the instrument is locked: the server refuses a new method.
  const refused = await page.request.put('/api/v1/periods/2024/method', {
    data: method,
    headers: { 'If-Match': '"99"', 'Content-Type': 'application/json' },
  });
  expect(refused.status()).toBe(409);
});
