import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { json, mockFetch, route } from '../../test/fetch';
import { renderAt } from '../../test/render';
import { internalPeriods, pemda2022, regions } from '../results/testdata';

vi.mock('./CategoryChart', () => ({ default: () => <div data-testid="category-chart" /> }));
vi.mock('../public-results/ZoneChart', () => ({ default: () => <div data-testid="zone-chart" /> }));

const leader = { id: 7, name: 'Bambang Sutrisno', email: 'pimpinan@p4.demo', role: 'leadership', entity_id: null, province_code: null };

// A group of 80 entities, best first: "Lokus 001" (score 99,00) down to
// "Lokus 080" (score 59,50). More than the first page of rows.
const template = pemda2022.items[0];
const big = {
  ...pemda2022,
  items: Array.from({ length: 80 }, (_, i) => ({
    ...template,
    rank: i + 1,
    entity_id: 1000 + i,
    entity: `Lokus ${String(i + 1).padStart(3, '0')}`,
    score: 99 - i * 0.5,
  })),
  not_assessed: [],
};

function api() {
  return {
    'GET /api/v1/session': () => json(200, { user: leader }),
    'GET /api/v1/periods': () => json(200, internalPeriods),
    'GET /api/v1/regions': () => json(200, regions),
    'GET /api/v1/periods/2022/rankings?group=pemda&province=17': () => json(200, big),
  };
}

async function table() {
  return screen.findByRole('table', { name: /^Peringkat Semua Pemda, tahun 2022 · Bengkulu/ }, { timeout: 5000 });
}

function names(t: HTMLElement) {
  return within(t)
    .getAllByRole('row')
    .slice(1)
    .map((r) => within(r).getByRole('rowheader').textContent);
}

describe('RankingPage with a large group', () => {
  it('draws the first 50 rows, says so, and shows the rest on demand', async () => {
    const calls = mockFetch(route(api()));
    renderAt('/peringkat?year=2022&group=pemda&province=17');
    const t = await table();
    expect(names(t)).toHaveLength(50);
    expect(names(t)[49]).toBe('Lokus 050');
    // Screen readers learn the table's full size and where each row sits.
    expect(t).toHaveAttribute('aria-rowcount', '81');
    expect(within(t).getAllByRole('row')[50]).toHaveAttribute('aria-rowindex', '51');
    expect(screen.getByText('50 baris pertama dari 80 ditampilkan')).toBeInTheDocument();
    expect(screen.getByText('Menampilkan 80 dari 80 lokus')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Tampilkan 30 berikutnya' }));
    expect(names(t)).toHaveLength(80);
    expect(names(t)[79]).toBe('Lokus 080');
    // The focus goes to the first new row, so the keyboard carries on there.
    expect(within(t).getByRole('link', { name: 'Lokus 051' })).toHaveFocus();
    expect(screen.queryByRole('button', { name: /^Tampilkan/ })).toBeNull();
    // One request for the ranking, made without waiting for the periods.
    expect(calls.filter((c) => c.url.includes('/rankings'))).toHaveLength(1);
  });

  it('sorts and filters all rows, not only the drawn ones', async () => {
    mockFetch(route(api()));
    renderAt('/peringkat?year=2022&group=pemda&province=17');
    const t = await table();
    const score = within(t).getByRole('columnheader', { name: /Nilai/ });
    await userEvent.click(within(score).getByRole('button'));
    await userEvent.click(within(score).getByRole('button'));
    expect(score).toHaveAttribute('aria-sort', 'ascending');
    // Lowest first: the last of the group, which was not drawn before.
    expect(names(t).slice(0, 3)).toEqual(['Lokus 080', 'Lokus 079', 'Lokus 078']);
    expect(names(t)).toHaveLength(50);

    // The search finds rows of the whole group (007 and 070–079), still
    // lowest score first.
    fireEvent.change(screen.getByLabelText('Cari nama lokus'), { target: { value: '07' } });
    await waitFor(() => expect(names(t)).toHaveLength(11));
    expect(names(t).slice(0, 2)).toEqual(['Lokus 079', 'Lokus 078']);
    expect(names(t)[10]).toBe('Lokus 007');
    expect(screen.getByText('Menampilkan 11 dari 80 lokus')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Tampilkan/ })).toBeNull();
  });

  it('shows all rows at once on request', async () => {
    mockFetch(route(api()));
    renderAt('/peringkat?year=2022&group=pemda&province=17');
    const t = await table();
    await userEvent.click(screen.getByRole('button', { name: 'Tampilkan semua (80)' }));
    expect(names(t)).toHaveLength(80);
    expect(within(t).getByRole('link', { name: 'Lokus 051' })).toHaveFocus();
  });
});
