import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { json, mockFetch, problem, route, type Call } from '../../test/fetch';
import { provinces } from '../../test/fixtures';
import { renderAt } from '../../test/render';
import { internalPeriods, kaurHistory, polres2022, polresKaurExplanation, polresKaurResult, whatIfOne, whatIfToA } from '../results/testdata';

vi.mock('./PeerChart', () => ({
  default: ({ series }: { series: { name: string; values: (number | null)[] }[] }) => (
    <div data-testid="peer-chart">{series.map((s) => `${s.name}: ${s.values.join(' ')}`).join(' | ')}</div>
  ),
}));
vi.mock('../results/HistoryChart', () => ({ default: () => <div data-testid="history-chart" /> }));

const fajar = { id: 10, name: 'Fajar Ramadhan', email: 'polres.kaur@p4.demo', role: 'agency', entity_id: 25, province_code: null };
const history = { ...kaurHistory, entity: { id: 25, name: 'Polres Kaur', kind: 'polres', province_code: '17' } };

function api(extra: Record<string, () => Response> = {}) {
  return route({
    'GET /api/v1/session': () => json(200, { user: fajar }),
    'GET /api/v1/periods': () => json(200, internalPeriods),
    'GET /api/v1/periods/2023/entities/25/result': () => problem(404),
    'GET /api/v1/periods/2022/entities/25/result': () => json(200, polresKaurResult),
    'GET /api/v1/periods/2021/entities/25/result': () => problem(404),
    'GET /api/v1/periods/2022/entities/25/explanation': () => json(200, polresKaurExplanation),
    'GET /api/v1/periods/2022/entities/25/objections': () => json(200, { items: [] }),
    'GET /api/v1/public/rankings?year=2022&group=polres': () => json(200, polres2022),
    'GET /api/v1/public/provinces': () => json(200, provinces),
    'GET /api/v1/public/entities/25': () => json(200, history),
    ...extra,
  });
}

function whatIf(call: Call) {
  if (call.method === 'POST' && call.url === '/api/v1/periods/2022/entities/25/what-if') {
    const n = (call.body as { changes: unknown[] }).changes.length;
    return json(200, n >= 3 ? whatIfToA : whatIfOne);
  }
  return null;
}

function mock(extra: Record<string, () => Response> = {}) {
  const table = api(extra);
  return mockFetch((c) => whatIf(c) ?? table(c));
}

async function open(path = '/instansi') {
  const view = renderAt(path);
  await screen.findByRole('heading', { level: 1, name: 'Polres Kaur' }, { timeout: 5000 });
  return view;
}

describe('PortalPage', () => {
  it("takes an agency user to their own entity's latest shared result", async () => {
    const calls = mock();
    const { router } = await open();
    expect(router.state.location.pathname).toBe('/instansi/25');
    const summary = screen.getByTestId('result-summary');
    for (const text of ['83,53', 'Kategori B', 'Kualitas Tinggi', 'Zona Hijau']) expect(summary).toHaveTextContent(text);
    expect(screen.getByText('Rapor tahun 2022 · hasil dipublikasikan')).toBeInTheDocument();
    // Only its own entity was asked for; the agency never calls the internal rankings.
    expect(calls.filter((c) => /entities\/(?!25\b)\d+/.test(c.url))).toEqual([]);
    expect(calls.some((c) => c.url.startsWith('/api/v1/periods/2022/rankings'))).toBe(false);
    // No report workbook on the server yet: no download button.
    await waitFor(() => expect(calls.some((c) => c.method === 'HEAD')).toBe(true));
    expect(screen.queryByRole('link', { name: /Unduh rapor/ })).toBeNull();
  });

  it('offers the report workbook once the server has it', async () => {
    mock({ 'HEAD /api/v1/periods/2022/entities/25/report.xlsx': () => new Response(null, { status: 405 }) });
    await open();
    expect(await screen.findByRole('link', { name: 'Unduh rapor (Excel)' })).toHaveAttribute('href', '/api/v1/periods/2022/entities/25/report.xlsx');
  });

  it('compares each dimension with the average and the best of its public peer group', async () => {
    mock();
    await open();
    const table = await screen.findByRole('table', { name: /^Poin per dimensi dibandingkan dengan Kepolisian Resor \(Polres\), tahun 2022 \(3 lokus\)/ });
    const proses = within(table).getByRole('row', { name: /^Proses/ });
    for (const text of ['27,47', '28,78', '29,43', '−1,96', 'Polresta Bengkulu, Polres Rejang Lebong']) expect(proses).toHaveTextContent(text);
    expect(within(table).getByRole('row', { name: /^Input/ })).toHaveTextContent('terbaik');
    expect(within(table).getByRole('row', { name: /^Nilai total/ })).toHaveTextContent('84,50');
    expect(screen.getByText('Peringkat Anda: 3 dari 3 lokus · Kepolisian Resor (Polres).')).toBeInTheDocument();
    expect(screen.getByTestId('peer-chart')).toHaveTextContent('Instansi Anda: 17.48 27.4655 22.624 15.9556');
  });

  it('lists what to fix by points to gain, with the assessor notes', async () => {
    mock();
    await open();
    const table = await screen.findByRole('table', { name: '4 indikator kehilangan poin' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getByRole('rowheader').firstChild?.textContent)).toEqual([
      'Pelatihan pengelola pengaduan',
      'Atribut dan identitas petugas',
      'Persepsi permintaan imbalan',
      'Penetapan pengelola pengaduan',
    ]);
    expect(rows[0]).toHaveTextContent('+2,39');
    expect(rows[0]).toHaveTextContent('0 dari 3');
    expect(rows[0]).toHaveTextContent('Belum ada pelatihan bagi pengelola pengaduan.');
    expect(rows[1]).toHaveTextContent('Sebagian petugas tidak mengenakan kartu identitas saat observasi.');
  });

  it('names the fewest improvements to the next category', async () => {
    mock();
    await open();
    const list = await screen.findByTestId('next-changes');
    expect(within(list).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Pelatihan pengelola pengaduan: dari 0 menjadi 3 (+2,39)',
      'Atribut dan identitas petugas: dari 1 menjadi 3 (+1,96)',
      'Persepsi permintaan imbalan: dari 2 menjadi 3 (+1,62)',
    ]);
    expect(screen.getByText(/Paling sedikit 3 perbaikan untuk mencapai/)).toHaveTextContent('nilai menjadi 89,50');
  });

  it('simulates changed answers without saving, and moves the category when enough are raised', async () => {
    const calls = mock();
    await open();
    expect(await screen.findByTestId('what-if-notice')).toHaveTextContent('Simulasi, tidak disimpan');
    const result = screen.getByTestId('what-if-result');
    expect(result).toHaveTextContent('Hasil saat ini');
    expect(result).toHaveTextContent('83,53');

    await userEvent.selectOptions(screen.getByLabelText('Atribut dan identitas petugas'), '3');
    await waitFor(() => expect(result).toHaveTextContent('85,49'), { timeout: 3000 });
    expect(result).toHaveTextContent('Hasil simulasi');
    expect(result).toHaveTextContent('+1,96');
    expect(result).toHaveTextContent('Kategori B');
    expect(result).toHaveTextContent('1 jawaban diubah');

    await userEvent.click(screen.getByRole('button', { name: 'Coba di simulasi' }));
    await waitFor(() => expect(result).toHaveTextContent('Kategori A'), { timeout: 3000 });
    expect(result).toHaveTextContent('89,50');
    expect(result).toHaveTextContent('Kualitas Tertinggi');
    expect(screen.getByLabelText('Pelatihan pengelola pengaduan')).toHaveValue('3');

    await userEvent.click(screen.getByRole('button', { name: 'Atur ulang' }));
    expect(result).toHaveTextContent('Hasil saat ini');
    expect(result).toHaveTextContent('83,53');
    expect(screen.getByLabelText('Atribut dan identitas petugas')).toHaveValue('1');
    // Only simulations were posted: nothing that saves an answer.
    expect(calls.filter((c) => c.method !== 'GET' && c.method !== 'HEAD').every((c) => c.url.endsWith('/what-if'))).toBe(true);
  });

  it('shows the history with the method change marked', async () => {
    mock();
    await open();
    const table = await screen.findByRole('table', { name: 'Nilai, kategori, dan metode per tahun' });
    const y2022 = within(table).getByRole('row', { name: /^2022/ });
    expect(y2022).toHaveTextContent('Metode berbeda dari 2021: tidak sebanding');
    expect(within(table).getByRole('row', { name: /^2021/ })).toHaveTextContent('Kepatuhan Tinggi');
  });

  it('says the objection window has closed and offers no form', async () => {
    mock();
    await open();
    const closed = await screen.findByTestId('objection-closed');
    expect(closed).toHaveTextContent('Masa sanggahan sudah ditutup');
    expect(closed).toHaveTextContent('1 Desember 2022');
    expect(closed).toHaveTextContent('14 Desember 2022');
    expect(await screen.findByText('Belum ada sanggahan.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Kirim sanggahan' })).toBeNull();
  });

  it("shows the not-found page for another entity's address, without asking for it", async () => {
    const calls = mock();
    renderAt('/instansi/5');
    expect(await screen.findByRole('heading', { level: 1, name: 'Halaman tidak ditemukan' })).toBeInTheDocument();
    expect(calls.some((c) => c.url.includes('/entities/5'))).toBe(false);
  });

  it('says so when no result has been shared yet', async () => {
    mock({ 'GET /api/v1/periods/2022/entities/25/result': () => problem(404), 'GET /api/v1/public/entities/25': () => problem(404) });
    renderAt('/instansi/25');
    expect(await screen.findByRole('heading', { name: 'Belum ada hasil yang dibagikan' }, { timeout: 5000 })).toBeInTheDocument();
  });
});
