import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockFetch, problem, route } from '../../test/fetch';
import { renderAt } from '../../test/render';
import { internalPeriods, regions } from '../results/testdata';

const leader = { id: 7, name: 'Bambang Sutrisno', email: 'pimpinan@p4.demo', role: 'leadership', entity_id: null, province_code: null };
const agency = { ...leader, id: 9, role: 'agency', entity_id: 5 };
const dpmptsp = 'Dinas Penanaman Modal dan PTSP Kabupaten Kaur';
const dukcapil = 'Disdukcapil Kabupaten Kaur';

const result = {
  entity: {
    id: 5,
    name: 'Kabupaten Kaur',
    kind: 'pemkab',
    province_code: '17',
    units: [
      { id: 29, name: dpmptsp },
      { id: 30, name: dukcapil },
    ],
  },
  state: 'published',
  result: {
    score: 94.01,
    category: 'A',
    opinion: 'Kualitas Tertinggi',
    zone: 'green',
    complete: true,
    units: [
      { unit_id: 29, score: 99.2, complete: true },
      { unit_id: 30, score: 88.82, complete: true },
    ],
    dimensions: [{ unit_id: 0, dimension: 'PR', points: 30.9687, max_points: 32.37, percent: 95.67 }],
    ranks: { 'pemda/17': 1, pemkab: 1 },
  },
  detail: {
    score: 94.01,
    units: [
      { id: '29', name: dpmptsp, score: 99.2, dimensions: [{ code: 'PR', name: 'Proses', points: 32.37, max: 32.37, percent: 100 }] },
      { id: '30', name: dukcapil, score: 88.82, dimensions: [] },
    ],
  },
};

const ind = (code: string, name: string, dimension: string, value: number | undefined, lost: number, state = 'answered') => ({
  code,
  name,
  dimension,
  state,
  ...(value ? { value } : {}),
  max: 3,
  share: 2.94,
  lost,
});

const explanation = {
  explanation: {
    score: 94.01,
    indicators: [],
    units: [
      {
        unit_id: '29',
        name: dpmptsp,
        indicators: [
          ind('PR.ST.06', 'Maklumat pelayanan', 'PR', 3, 0),
          ind('PG.PP.09', 'Pelatihan pengelola pengaduan', 'PG', 0, 1.47),
          ind('PR.ST.04', 'Biaya/tarif', 'PR', undefined, 0, 'na'),
          ind('XX.01', 'Bukan untuk pemkab', 'PR', undefined, 0, 'not_applicable'),
        ],
      },
      { unit_id: '30', name: dukcapil, indicators: [ind('PR.ST.07', 'Pelayanan khusus', 'PR', 2, 0.98)] },
    ],
    improvements: [],
  },
  next_category: null,
  notes: [{ unit_id: 29, indicator: 'PG.PP.09', value: 0, na: false, note: 'Belum ada pelatihan bagi pengelola pengaduan.' }],
};

const work = {
  items: [
    { unit_assessment_id: 129, entity_id: 5, unit_id: 29, unit: dpmptsp, state: 'accepted' },
    { unit_assessment_id: 130, entity_id: 5, unit_id: 30, unit: dukcapil, state: 'accepted' },
  ],
};

const unit129 = {
  assessment: { id: 129, unit_id: 29, state: 'accepted' },
  unit: { id: 29, name: dpmptsp },
  answers: [
    { indicator: 'PR.ST.06', value: 3, na: false },
    { indicator: 'PR.ST.04', value: null, na: true, na_reason: 'Layanan tidak dipungut biaya.' },
  ],
  evidence: [
    { id: 1, unit_assessment_id: 129, indicator: 'PR.ST.06', original_name: 'foto-maklumat-pelayanan-dpmptsp-kaur.png', media_type: 'image/png', size: 198, uploaded_at: '2022-08-15T03:00:00Z' },
  ],
  comments: [],
};

function api(user: object) {
  return route({
    'GET /api/v1/session': () => json(200, { user }),
    'GET /api/v1/periods': () => json(200, internalPeriods),
    'GET /api/v1/regions': () => json(200, regions),
    'GET /api/v1/periods/2022/entities/5/result': () => json(200, result),
    'GET /api/v1/periods/2022/entities/5/explanation': () => json(200, explanation),
    'GET /api/v1/work?year=2022&entity_id=5&limit=100': () => json(200, work),
    'GET /api/v1/unit-assessments/129': () => json(200, unit129),
  });
}

describe('EntityResultPage', () => {
  it("shows an entity's result, ranks and units", async () => {
    mockFetch(api(leader));
    renderAt('/peringkat/2022/entitas/5');
    expect(await screen.findByRole('heading', { level: 1, name: 'Kabupaten Kaur' }, { timeout: 5000 })).toBeInTheDocument();
    const summary = screen.getByTestId('result-summary');
    for (const text of ['94,01', 'Kategori A', 'Kualitas Tertinggi', 'Zona Hijau', 'Peringkat 1 · Pemerintah kabupaten']) {
      expect(summary).toHaveTextContent(text);
    }
    await waitFor(() => expect(summary).toHaveTextContent('Peringkat 1 · Semua Pemda · Bengkulu'));
    expect(screen.getByRole('button', { name: new RegExp(dpmptsp) })).toHaveTextContent('99,20');
    expect(screen.getByRole('button', { name: new RegExp(dukcapil) })).toHaveTextContent('88,82');
    expect(screen.getByRole('link', { name: /Kembali ke peringkat/ })).toHaveAttribute('href', '/peringkat?year=2022');
  });

  it("drills down to a unit's indicators, the assessor's note and the evidence files", async () => {
    const calls = mockFetch(api(leader));
    const { router } = renderAt('/peringkat/2022/entitas/5');
    await userEvent.click(await screen.findByRole('button', { name: new RegExp(dpmptsp) }, { timeout: 5000 }));
    expect(router.state.location.search).toBe('?unit=29');
    const table = await screen.findByRole('table', { name: 'Indikator, poin yang hilang, catatan penilai, dan bukti' });
    const pelatihan = within(table).getByRole('row', { name: /Pelatihan pengelola pengaduan/ });
    expect(pelatihan).toHaveTextContent('0 dari 3');
    expect(pelatihan).toHaveTextContent('1,47');
    expect(pelatihan).toHaveTextContent('Belum ada pelatihan bagi pengelola pengaduan.');
    expect(within(table).getByRole('row', { name: /Biaya\/tarif/ })).toHaveTextContent('Tidak berlaku (N/A)Layanan tidak dipungut biaya.');
    expect(within(table).queryByText('Bukan untuk pemkab')).toBeNull();
    const maklumat = within(table).getByRole('row', { name: /Maklumat pelayanan/ });
    const file = await within(maklumat).findByRole('link', { name: /foto-maklumat-pelayanan-dpmptsp-kaur\.png/ });
    expect(file).toHaveAttribute('href', '/api/v1/evidence/1');
    // The other unit's answers are not fetched until it is opened.
    expect(calls.some((c) => c.url === '/api/v1/unit-assessments/130')).toBe(false);
  });

  it('answers an unknown entity or year with the not-found page', async () => {
    mockFetch(route({ 'GET /api/v1/session': () => json(200, { user: leader }), 'GET /api/v1/periods': () => json(200, internalPeriods), 'GET /api/v1/periods/2022/entities/77/result': () => problem(404) }));
    renderAt('/peringkat/2022/entitas/77');
    expect(await screen.findByRole('heading', { level: 1, name: 'Halaman tidak ditemukan' })).toBeInTheDocument();
  });

  it('shows an agency user the not-found page, even for their own entity, without asking', async () => {
    const calls = mockFetch(api(agency));
    renderAt('/peringkat/2022/entitas/5');
    expect(await screen.findByRole('heading', { level: 1, name: 'Halaman tidak ditemukan' })).toBeInTheDocument();
    expect(calls.some((c) => c.url.includes('/entities/5'))).toBe(false);
  });
});
