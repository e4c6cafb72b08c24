import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import i18n from '../../i18n';
import { json, mockFetch, problem, route } from '../../test/fetch';
import { renderAt } from '../../test/render';
import { internalPeriods, pemda2022, pemda2023, regions } from '../results/testdata';

// ECharts needs a layout engine; the browser tests check the charts. Here
// stand-ins show what they were given.
vi.mock('./CategoryChart', () => ({
  default: ({ bars }: { bars: { label: string; value: number }[] }) => (
    <div data-testid="category-chart">{bars.map((b) => `${b.label}=${b.value}`).join(',')}</div>
  ),
}));
vi.mock('../public-results/ZoneChart', () => ({ default: () => <div data-testid="zone-chart" /> }));

const leader = { id: 7, name: 'Bambang Sutrisno', email: 'pimpinan@p4.demo', role: 'leadership', entity_id: null, province_code: null };
const coordinator = { ...leader, id: 2, name: 'Dewi Anggraini', role: 'coordinator', province_code: '17' };
const agency = { ...leader, id: 10, name: 'Fajar Ramadhan', role: 'agency', entity_id: 25 };

function api(user: object) {
  return {
    'GET /api/v1/session': () => json(200, { user }),
    'GET /api/v1/periods': () => json(200, internalPeriods),
    'GET /api/v1/regions': () => json(200, regions),
    'GET /api/v1/periods/2022/rankings?group=pemda&province=17': () => json(200, pemda2022),
    'GET /api/v1/periods/2023/rankings?group=pemda&province=17': () => json(200, pemda2023),
    'GET /api/v1/periods/2022/rankings?group=polres&province=17': () => json(200, { ...pemda2022, items: [], not_assessed: [] }),
  };
}

async function rankingTable() {
  return screen.findByRole('table', { name: /^Peringkat Semua Pemda, tahun 2022 · Bengkulu/ }, { timeout: 5000 });
}

function entityNames(table: HTMLElement) {
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map((r) => within(r).getAllByRole('rowheader')[0]?.textContent);
}

describe('RankingPage', () => {
  it('shows the newest published ranking: rank, score, category, opinion, zone with its word, dimension points', async () => {
    mockFetch(route(api(leader)));
    renderAt('/peringkat');
    const table = await rankingTable();
    expect(entityNames(table)).toEqual(['Kabupaten Kaur', 'Kota Bengkulu', 'Kabupaten Lebong', 'Kabupaten Bengkulu Tengah']);
    const kaur = within(table).getByRole('row', { name: /Kabupaten Kaur/ });
    for (const text of ['94,01', 'Kategori A', 'Kualitas Tertinggi', 'Zona Hijau', '19,77', '/ 21,85', '30,97']) {
      expect(kaur).toHaveTextContent(text);
    }
    expect(within(kaur).getByRole('link', { name: 'Kabupaten Kaur' })).toHaveAttribute('href', '/peringkat/2022/entitas/5');
    expect(screen.getByLabelText('Tahun penilaian')).toHaveValue('2022');
    expect(screen.getByText('Menampilkan 4 dari 4 lokus')).toBeInTheDocument();
  });

  it('says "tidak sebanding (metode berbeda)" when last year used another method', async () => {
    mockFetch(route(api(leader)));
    renderAt('/peringkat');
    const table = await rankingTable();
    expect(within(table).getByRole('columnheader', { name: /Perubahan sejak 2021/ })).toBeInTheDocument();
    const kaur = within(table).getByRole('row', { name: /Kabupaten Kaur/ });
    expect(kaur).toHaveTextContent('tidak sebanding (metode berbeda)');
    expect(kaur).toHaveTextContent('2021: 88,17 (metode lain)');
    expect(within(table).getAllByText('tidak sebanding (metode berbeda)')).toHaveLength(4);
  });

  it('shows rises and falls in words when the method is the same', async () => {
    mockFetch(route(api(leader)));
    renderAt('/peringkat?year=2023');
    const table = await screen.findByRole('table', { name: /^Peringkat Semua Pemda, tahun 2023/ });
    expect(within(table).getByRole('row', { name: /Kota Bengkulu/ })).toHaveTextContent('naik 1');
    expect(within(table).getByRole('row', { name: /Kabupaten Kaur/ })).toHaveTextContent('turun 1');
    expect(within(table).getByRole('row', { name: /Kabupaten Lebong/ })).toHaveTextContent('tetap');
    expect(within(table).getByRole('row', { name: /Kabupaten Kaur/ })).toHaveTextContent('2022: peringkat 1 · 94,01');
    expect(screen.getByText('Hasil sementara: periode ini belum dipublikasikan.')).toBeInTheDocument();
  });

  it('sorts by a column header, both ways, and remembers it in the address', async () => {
    mockFetch(route(api(leader)));
    const { router } = renderAt('/peringkat');
    const table = await rankingTable();
    const scoreHeader = within(table).getByRole('columnheader', { name: /Nilai/ });
    await userEvent.click(within(scoreHeader).getByRole('button'));
    expect(scoreHeader).toHaveAttribute('aria-sort', 'descending');
    expect(router.state.location.search).toContain('sort=score');
    await userEvent.click(within(scoreHeader).getByRole('button'));
    expect(scoreHeader).toHaveAttribute('aria-sort', 'ascending');
    expect(entityNames(await rankingTable())[0]).toBe('Kabupaten Bengkulu Tengah');

    await userEvent.click(within(table).getByRole('button', { name: /^Lokus/ }));
    expect(entityNames(await rankingTable())).toEqual(['Kabupaten Bengkulu Tengah', 'Kabupaten Kaur', 'Kabupaten Lebong', 'Kota Bengkulu']);

    await userEvent.click(within(table).getByRole('button', { name: /^Output/ }));
    expect(within(table).getByRole('columnheader', { name: /Output/ })).toHaveAttribute('aria-sort', 'descending');
    expect(entityNames(await rankingTable())[0]).toBe('Kabupaten Kaur');
  });

  it('filters by category, zone and name on the client, and says how many are shown', async () => {
    const calls = mockFetch(route(api(leader)));
    renderAt('/peringkat');
    await rankingTable();
    const before = calls.length;
    await userEvent.selectOptions(screen.getByLabelText('Kategori'), 'C');
    expect(entityNames(await rankingTable())).toEqual(['Kabupaten Lebong', 'Kabupaten Bengkulu Tengah']);
    expect(screen.getByText('Menampilkan 2 dari 4 lokus')).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText('Cari nama lokus'), 'tengah');
    expect(entityNames(await rankingTable())).toEqual(['Kabupaten Bengkulu Tengah']);
    await userEvent.selectOptions(screen.getByLabelText('Zona'), 'green');
    expect(await screen.findByRole('heading', { name: 'Tidak ada lokus yang cocok' })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Hapus penyaring' }));
    expect(entityNames(await rankingTable())).toHaveLength(4);
    // All of it without asking the server again.
    expect(calls.slice(before).filter((c) => c.url.includes('/rankings'))).toHaveLength(0);
  });

  it('gives the category and zone distribution as a table, and the charts their counts', async () => {
    mockFetch(route(api(leader)));
    renderAt('/peringkat');
    const dist = await screen.findByRole('table', { name: 'Sebaran kategori dan zona' });
    expect(within(dist).getByRole('row', { name: /^Kategori A/ })).toHaveTextContent('1');
    expect(within(dist).getByRole('row', { name: /^Kategori C \(Zona Kuning\)/ })).toHaveTextContent('2');
    expect(within(dist).getByRole('row', { name: /^Zona Hijau/ })).toHaveTextContent('2');
    expect(await screen.findByTestId('category-chart')).toHaveTextContent('Kategori A=1,Kategori B=1,Kategori C=2,Kategori D=0,Kategori E=0');
  });

  it('lists not-assessed entities apart, never in the ranking', async () => {
    mockFetch(route(api(leader)));
    renderAt('/peringkat');
    const table = await rankingTable();
    expect(within(table).queryByText('Kabupaten Contoh')).toBeNull();
    const section = screen.getByRole('region', { name: 'Tidak dinilai' });
    expect(within(section).getByText('Kabupaten Contoh')).toBeInTheDocument();
  });

  it('asks the server again for another group, and shows an empty group as such', async () => {
    const calls = mockFetch(route(api(leader)));
    renderAt('/peringkat');
    await rankingTable();
    await userEvent.selectOptions(screen.getByLabelText('Kelompok lokus'), 'polres');
    await waitFor(() => expect(calls.some((c) => c.url === '/api/v1/periods/2022/rankings?group=polres&province=17')).toBe(true));
    expect(await screen.findByText('Belum ada lokus yang diperingkat pada kelompok ini.')).toBeInTheDocument();
  });

  it("keeps a coordinator to their province", async () => {
    mockFetch(route(api(coordinator)));
    renderAt('/peringkat?province=31');
    await rankingTable();
    expect(screen.getByLabelText('Provinsi')).toBeDisabled();
    expect(screen.getByText('Koordinator melihat provinsinya sendiri.')).toBeInTheDocument();
  });

  it('reads in English, official labels untranslated', async () => {
    mockFetch(route(api(leader)));
    renderAt('/peringkat');
    await rankingTable();
    await i18n.changeLanguage('en');
    const table = await screen.findByRole('table', { name: /^Ranking of All local governments, 2022/ });
    const kaur = within(table).getByRole('row', { name: /Kabupaten Kaur/ });
    expect(kaur).toHaveTextContent('94.01');
    expect(kaur).toHaveTextContent('Category A');
    expect(kaur).toHaveTextContent('Kualitas Tertinggi');
    expect(kaur).toHaveTextContent('not comparable (different method)');
  });

  it('shows an agency user the not-found page', async () => {
    const calls = mockFetch(route(api(agency)));
    renderAt('/peringkat');
    expect(await screen.findByRole('heading', { level: 1, name: 'Halaman tidak ditemukan' })).toBeInTheDocument();
    expect(calls.some((c) => c.url.includes('/rankings'))).toBe(false);
  });

  it('shows an error with a retry when the ranking fails', async () => {
    mockFetch(route({ ...api(leader), 'GET /api/v1/periods/2022/rankings?group=pemda&province=17': () => problem(500) }));
    renderAt('/peringkat');
    expect(await screen.findByRole('alert')).toHaveTextContent('Terjadi kesalahan pada server');
    expect(screen.getByRole('button', { name: 'Coba lagi' })).toBeInTheDocument();
  });
});
