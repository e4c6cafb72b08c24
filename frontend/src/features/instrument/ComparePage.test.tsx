import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, mockFetch, route } from '../../test/fetch';
import { renderAt } from '../../test/render';
import { adminUser, period2023, period2024 } from './testdata';

// The pages render a whole instrument: give them time on a busy machine.
configure({ asyncUtilTimeout: 5000 });

const period2022 = { ...period2023, id: 2, year: 2022, name: 'P4 2022', status: 'published', method: { ...period2023.method, id: 1 } };

const diff = {
  from: 2,
  to: 7,
  comparable: true,
  dimensions: [{ code: 'IN', change: 'changed', weight_old: '21.85', weight_new: '25.00' }],
  indicators: [
    { code: 'IN.KP.01', dimension: 'IN', change: 'changed', fields: ['weight', 'text'], weight_old: '1.4567', weight_new: '2.5000' },
    { code: 'IN.KP.06', dimension: 'IN', change: 'removed', weight_old: '1.4567' },
    { code: 'IN.KP.60', dimension: 'IN', change: 'added', weight_new: '1.6667' },
  ],
  bands_changed: false,
};

describe('ComparePage', () => {
  it('compares with last year by default: added, removed and changed indicators with their weights before and after', async () => {
    const calls = mockFetch(
      route({
        'GET /api/v1/session': () => json(200, { user: adminUser }),
        'GET /api/v1/periods': () => json(200, { items: [period2022, period2023, period2024] }),
        'GET /api/v1/methods/compare?from=2&to=7': () => json(200, diff),
        'GET /api/v1/methods/compare?from=1&to=7': () => json(200, { ...diff, dimensions: [], indicators: [], comparable: true }),
      }),
    );
    renderAt('/admin/periode/2024/instrumen/bandingkan');
    expect(await screen.findByTestId('diff-summary')).toHaveTextContent('1 indikator ditambah, 1 dihapus, 1 diubah.');
    expect(screen.getByText('Nilai dapat dibandingkan (keluarga metode sama)')).toBeInTheDocument();
    const table = screen.getByRole('table', { name: 'Perubahan indikator' });
    const rows = within(table).getAllByRole('row');
    expect(rows.map((r) => r.getAttribute('data-change')).slice(1)).toEqual(['changed', 'removed', 'added']);
    expect(rows[1]).toHaveTextContent(/IN\.KP\.01.*Diubah.*bobot, teks.*1\.4567.*2\.5000/);
    expect(rows[2]).toHaveTextContent(/IN\.KP\.06.*Dihapus.*1\.4567.*–/);
    expect(rows[3]).toHaveTextContent(/IN\.KP\.60.*Ditambah.*–.*1\.6667/);
    expect(within(table).getByRole('columnheader', { name: 'Poin 2023' })).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Perubahan dimensi' })).toHaveTextContent(/IN.*Diubah.*21\.85.*25\.00/);

    // Another year: 2022's version is the same instrument.
    fireEvent.change(screen.getByRole('combobox', { name: 'Bandingkan dengan periode' }), { target: { value: '2022' } });
    expect(await screen.findByText('Instrumen 2022 dan 2024 sama.')).toBeInTheDocument();
    await waitFor(() => expect(calls.some((c) => c.url === '/api/v1/methods/compare?from=1&to=7')).toBe(true));
  });

  it('says when the scores of the two methods are not comparable', async () => {
    mockFetch(
      route({
        'GET /api/v1/session': () => json(200, { user: adminUser }),
        'GET /api/v1/periods': () => json(200, { items: [period2023, period2024] }),
        'GET /api/v1/methods/compare?from=2&to=7': () => json(200, { ...diff, comparable: false, bands_changed: true }),
      }),
    );
    renderAt('/admin/periode/2024/instrumen/bandingkan');
    expect(await screen.findByText('Nilai tidak sebanding (keluarga metode berbeda)')).toBeInTheDocument();
    expect(screen.getByText('Batas kategori juga berubah.')).toBeInTheDocument();
  });
});
