import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import i18n from '../../i18n';
import { json, mockFetch, problem, route } from '../../test/fetch';
import { periods, provinces, rankings2021, rankings2022 } from '../../test/fixtures';
import { renderPage } from '../../test/render';
import { pemda2022, pemda2023 } from '../results/testdata';
import { PublicResultsPage } from './PublicResultsPage';

// ECharts draws into a real layout engine; jsdom has none. The chart is
// checked in the browser tests; here a stand-in shows what it was given.
vi.mock('./ZoneChart', () => ({
  default: ({ counts }: { counts: Record<string, number> }) => <div data-testid="zone-chart">{JSON.stringify(counts)}</div>,
}));

const api = {
  'GET /api/v1/session': () => problem(401),
  'GET /api/v1/public/periods': () => json(200, periods),
  'GET /api/v1/public/provinces': () => json(200, provinces),
  'GET /api/v1/public/rankings?year=2022&group=pemda&province=17': () => json(200, rankings2022),
  'GET /api/v1/public/rankings?year=2022&group=pemda&province=31': () => json(200, { ...rankings2022, items: [] }),
  'GET /api/v1/public/rankings?year=2021&group=pemda&province=17': () => json(200, rankings2021),
  'GET /api/v1/public/rankings?year=2022&group=pemkab': () => json(200, rankings2022),
  'GET /api/v1/public/rankings?year=2022&group=polres': () => json(200, { ...rankings2022, items: [] }),
};

function renderResults(at = '/publik') {
  return renderPage(<PublicResultsPage />, { path: '/publik', at });
}

describe('PublicResultsPage', () => {
  it('shows the newest period ranking with score, category, opinion and zone', async () => {
    const calls = mockFetch(route(api));
    renderResults();
    const table = await screen.findByRole('table', { name: /^Peringkat Semua Pemda, tahun 2022/ });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(4); // header + 3
    const kaur = within(table).getByRole('row', { name: /Kabupaten Kaur/ });
    expect(kaur).toHaveTextContent('1');
    expect(kaur).toHaveTextContent('94,10');
    expect(kaur).toHaveTextContent('Kategori A');
    expect(kaur).toHaveTextContent('Kualitas Tertinggi');
    expect(kaur).toHaveTextContent('Zona Hijau');
    // A decimal sent as a string is understood.
    expect(within(table).getByRole('row', { name: /Kota Bengkulu/ })).toHaveTextContent('85,00');
    // Pemda are ranked per province: the first province is shown until another is picked.
    expect(calls.some((c) => c.url === '/api/v1/public/rankings?year=2022&group=pemda&province=17')).toBe(true);
    expect(screen.getByRole('table', { name: /Peringkat Semua Pemda, tahun 2022 · Bengkulu/ })).toBeInTheDocument();
  });

  it('gives screen readers the zone distribution as a table', async () => {
    mockFetch(route(api));
    renderResults();
    const table = await screen.findByRole('table', { name: 'Jumlah lokus per zona' });
    expect(within(table).getByRole('row', { name: /Zona Hijau/ })).toHaveTextContent('2');
    expect(within(table).getByRole('row', { name: /Zona Kuning/ })).toHaveTextContent('1');
    expect(within(table).getByRole('row', { name: /Zona Merah/ })).toHaveTextContent('0');
    expect(await screen.findByTestId('zone-chart')).toHaveTextContent('{"green":2,"yellow":1,"red":0}');
  });

  it('explains the method: dimensions with weights, and bands', async () => {
    mockFetch(route(api));
    renderResults();
    expect(await screen.findByRole('heading', { name: 'Cara penilaian' })).toBeInTheDocument();
    expect(screen.getByRole('row', { name: /Proses/ })).toHaveTextContent('32,37');
    expect(screen.getByText('88,00–100,00')).toBeInTheDocument();
    expect(screen.getByText('0,00–31,99')).toBeInTheDocument();
    await i18n.changeLanguage('en');
    expect(await screen.findByRole('row', { name: /Process/ })).toHaveTextContent('32.37');
    expect(screen.getByText('How the assessment works')).toBeInTheDocument();
  });

  it('filters by province and keeps the choice in the address', async () => {
    const calls = mockFetch(route(api));
    const { router } = renderResults();
    await screen.findByRole('table', { name: /^Peringkat Semua Pemda, tahun 2022/ });
    await userEvent.selectOptions(screen.getByLabelText('Provinsi'), '31');
    await waitFor(() =>
      expect(calls.some((c) => c.url === '/api/v1/public/rankings?year=2022&group=pemda&province=31')).toBe(true),
    );
    expect(router.state.location.search).toBe('?province=31');
    expect(await screen.findByRole('heading', { name: 'Belum ada hasil' })).toBeInTheDocument();
  });

  it('offers "all provinces" to national rankings but not to the provincial Pemda view', async () => {
    mockFetch(route(api));
    renderResults();
    await screen.findByRole('table', { name: /^Peringkat Semua Pemda/ });
    expect(screen.queryByRole('option', { name: 'Semua provinsi' })).toBeNull();
    await userEvent.selectOptions(screen.getByLabelText('Kelompok lokus'), 'pemkab');
    expect(await screen.findByRole('option', { name: 'Semua provinsi' })).toBeInTheDocument();
    expect(await screen.findByRole('table', { name: /^Peringkat Pemerintah kabupaten, tahun 2022$/ })).toBeInTheDocument();
  });

  it('shows a method without letters (2021): no category column, a comparability note', async () => {
    mockFetch(route(api));
    renderResults('/publik?year=2021');
    const table = await screen.findByRole('table', { name: /2021/ });
    expect(within(table).queryByRole('columnheader', { name: 'Kategori' })).toBeNull();
    expect(within(table).getByRole('row', { name: /Kota Bengkulu/ })).toHaveTextContent('Kepatuhan Tinggi');
    expect(screen.getByText(/tidak dapat dibandingkan langsung/)).toBeInTheDocument();
  });

  it('disables the province filter for national groups', async () => {
    mockFetch(route(api));
    renderResults('/publik?group=kementerian&province=17');
    const select = await screen.findByLabelText('Provinsi');
    expect(select).toBeDisabled();
    expect(screen.getByText('Kementerian dan lembaga dinilai secara nasional.')).toBeInTheDocument();
  });

  it('shows an empty state when a group has no results', async () => {
    mockFetch(route(api));
    renderResults('/publik?group=polres');
    expect(await screen.findByRole('heading', { name: 'Belum ada hasil' })).toBeInTheDocument();
  });

  it('shows an empty state when nothing is published yet', async () => {
    mockFetch(route({ ...api, 'GET /api/v1/public/periods': () => json(200, { items: [] }) }));
    renderResults();
    expect(await screen.findByRole('heading', { name: 'Belum ada hasil yang dipublikasikan' })).toBeInTheDocument();
  });

  it('shows an error with a retry when the API fails, and recovers', async () => {
    let fail = true;
    mockFetch(
      route({
        ...api,
        'GET /api/v1/public/periods': () => (fail ? problem(500, { title: 'Internal Server Error' }) : json(200, periods)),
      }),
    );
    renderResults();
    expect(await screen.findByRole('alert')).toHaveTextContent('Terjadi kesalahan pada server');
    fail = false;
    await userEvent.click(screen.getByRole('button', { name: 'Coba lagi' }));
    expect(await screen.findByRole('table', { name: /^Peringkat Semua Pemda, tahun 2022/ })).toBeInTheDocument();
  });

  it('shows an error when the API is missing altogether (404 / HTML fallback)', async () => {
    mockFetch(() => new Response('<!doctype html><title>P4</title>', { status: 200, headers: { 'Content-Type': 'text/html' } }));
    renderResults();
    expect(await screen.findByRole('alert')).toHaveTextContent('Jawaban server tidak dapat dibaca');
  });

  it('links each entity to its public page', async () => {
    mockFetch(route(api));
    renderResults();
    const table = await screen.findByRole('table', { name: /^Peringkat Semua Pemda, tahun 2022/ });
    expect(within(table).getByRole('link', { name: 'Kabupaten Kaur' })).toHaveAttribute('href', '/publik/entitas/7');
  });

  it('marks last year\'s movement, or says it is not comparable, and lists not-assessed entities apart', async () => {
    mockFetch(
      route({
        ...api,
        'GET /api/v1/public/rankings?year=2022&group=pemda&province=17': () => json(200, pemda2022),
        'GET /api/v1/public/rankings?year=2022&group=pemda&province=31': () => json(200, pemda2023),
      }),
    );
    renderResults();
    const table = await screen.findByRole('table', { name: /^Peringkat Semua Pemda, tahun 2022/ });
    expect(within(table).getByRole('columnheader', { name: 'Perubahan sejak 2021' })).toBeInTheDocument();
    expect(within(table).getByRole('row', { name: /Kabupaten Kaur/ })).toHaveTextContent('tidak sebanding (metode berbeda)');
    expect(within(table).queryByText('Kabupaten Contoh')).toBeNull();
    expect(within(screen.getByRole('region', { name: 'Tidak dinilai' })).getByText('Kabupaten Contoh')).toBeInTheDocument();

    await userEvent.selectOptions(screen.getByLabelText('Provinsi'), '31');
    const moved = await screen.findByRole('table', { name: /Perubahan sejak 2022|^Peringkat Semua Pemda, tahun 2022 · DKI Jakarta/ });
    await waitFor(() => expect(within(moved).getByRole('row', { name: /Kota Bengkulu/ })).toHaveTextContent('naik 1'));
    expect(within(moved).getByRole('row', { name: /Kabupaten Kaur/ })).toHaveTextContent('turun 1');
  });
});
