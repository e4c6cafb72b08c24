import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import i18n from '../../i18n';
import { json, mockFetch, problem, route } from '../../test/fetch';
import { provinces } from '../../test/fixtures';
import { renderAt } from '../../test/render';
import { kaurHistory } from '../results/testdata';

vi.mock('../results/HistoryChart', () => ({
  default: ({ bars }: { bars: { year: string; label: string; otherMethod: boolean }[] }) => (
    <div data-testid="history-chart">{bars.map((b) => `${b.year}:${b.label}${b.otherMethod ? '*' : ''}`).join(' ')}</div>
  ),
}));

const api = route({
  'GET /api/v1/session': () => problem(401),
  'GET /api/v1/public/provinces': () => json(200, provinces),
  'GET /api/v1/public/entities/5': () => json(200, kaurHistory),
});

describe('PublicEntityPage', () => {
  it("shows an entity's latest published result and its history, marking the method change", async () => {
    mockFetch(api);
    renderAt('/publik/entitas/5');
    expect(await screen.findByRole('heading', { level: 1, name: 'Kabupaten Kaur' }, { timeout: 5000 })).toBeInTheDocument();
    expect(await screen.findByText('Pemerintah kabupaten · Bengkulu')).toBeInTheDocument();
    const summary = screen.getByTestId('result-summary');
    for (const text of ['Nilai 2022', '94,01', 'Kategori A', 'Kualitas Tertinggi', 'Zona Hijau']) expect(summary).toHaveTextContent(text);
    const history = screen.getByRole('table', { name: 'Nilai, kategori, dan metode per tahun' });
    expect(within(history).getByRole('row', { name: /^2022/ })).toHaveTextContent('Metode berbeda dari 2021: tidak sebanding');
    expect(within(history).getByRole('row', { name: /^2021/ })).toHaveTextContent('Tanpa kategori');
    expect(await screen.findByTestId('history-chart')).toHaveTextContent('2021:88,17* 2022:94,01 · A');
    expect(screen.getByRole('link', { name: 'Lihat di peringkat' })).toHaveAttribute('href', '/publik?year=2022&group=pemda&province=17');
  });

  it('explains the method, in Indonesian and in English', async () => {
    mockFetch(api);
    renderAt('/publik/entitas/5');
    expect(await screen.findByRole('heading', { name: 'Cara penilaian' }, { timeout: 5000 })).toBeInTheDocument();
    expect(screen.getByRole('cell', { name: '32,37' })).toBeInTheDocument();
    expect(screen.getByText('88,00–100,00')).toBeInTheDocument();
    await i18n.changeLanguage('en');
    expect(await screen.findByRole('heading', { name: 'How the assessment works' })).toBeInTheDocument();
    expect(screen.getByRole('cell', { name: '32.37' })).toBeInTheDocument();
    expect(screen.getAllByRole('rowheader', { name: 'Process' }).length).toBeGreaterThan(0);
    expect(screen.getByRole('heading', { name: 'Score history' })).toBeInTheDocument();
  });

  it('answers an entity without published results with the not-found page', async () => {
    mockFetch(route({ 'GET /api/v1/session': () => problem(401), 'GET /api/v1/public/entities/77': () => problem(404) }));
    renderAt('/publik/entitas/77');
    expect(await screen.findByRole('heading', { level: 1, name: 'Halaman tidak ditemukan' })).toBeInTheDocument();
  });
});
