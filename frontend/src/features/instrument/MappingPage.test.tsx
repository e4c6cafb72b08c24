import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, mockFetch, problem, route } from '../../test/fetch';
import { renderAt } from '../../test/render';
import { duplicates } from './MappingPage';
import { adminUser, period2024 } from './testdata';

// The pages render a whole instrument: give them time on a busy machine.
configure({ asyncUtilTimeout: 5000 });

const mapping = {
  year: 2024,
  previous_year: 2023,
  comparable: true,
  stored: false,
  items: [
    { indicator: 'IN.KP.01', name: 'Standar pelayanan', dimension: 'IN', previous: 'IN.KP.01', previous_name: 'Standar pelayanan', suggested: true, weight: '1.4567' },
    { indicator: 'IN.KP.60', name: 'Kelompok rentan', dimension: 'IN', previous: null, suggested: true, weight: '1.4567' },
  ],
  previous_indicators: [
    { code: 'IN.KP.01', name: 'Standar pelayanan', dimension: 'IN', weight: '1.4567', mapped_to: 'IN.KP.01' },
    { code: 'IN.KP.06', name: 'Kelompok rentan', dimension: 'IN', weight: '1.4567' },
  ],
};

describe('duplicates', () => {
  it('points each repeated choice at the line that used it first; new lines never clash', () => {
    expect([...duplicates(['A', '', 'B', 'A', '', 'B'])]).toEqual([
      [3, 0],
      [5, 2],
    ]);
  });
});

describe('MappingPage', () => {
  it('flags a previous indicator chosen twice at once, and saves the whole mapping', async () => {
    const calls = mockFetch(
      route({
        'GET /api/v1/session': () => json(200, { user: adminUser }),
        'GET /api/v1/periods/2024': () => json(200, period2024),
        'GET /api/v1/periods/2024/indicator-mapping': () => json(200, mapping),
        'PUT /api/v1/periods/2024/indicator-mapping': () =>
          json(200, { ...mapping, stored: true, items: mapping.items.map((i) => ({ ...i, suggested: false, previous: i.indicator === 'IN.KP.60' ? 'IN.KP.06' : i.previous })) }),
      }),
    );
    renderAt('/admin/periode/2024/instrumen/pemetaan');
    expect(await screen.findByTestId('mapping-state')).toHaveTextContent('Belum tersimpan');
    expect(screen.getByRole('region', { name: 'Indikator 2023 yang tidak dilanjutkan' })).toHaveTextContent('IN.KP.06 Kelompok rentan');
    const select = screen.getByRole('combobox', { name: 'Padanan IN.KP.60 di 2023' });
    fireEvent.change(select, { target: { value: 'IN.KP.01' } });
    expect(select).toHaveAccessibleDescription('IN.KP.01 sudah dipetakan ke IN.KP.01');
    expect(screen.getByRole('button', { name: 'Simpan pemetaan' })).toBeDisabled();

    fireEvent.change(select, { target: { value: 'IN.KP.06' } });
    expect(screen.queryByRole('region', { name: 'Indikator 2023 yang tidak dilanjutkan' })).toBeNull();
    fireEvent.change(screen.getByLabelText('Alasan (dicatat di log audit)'), { target: { value: 'Dinomori ulang' } });
    fireEvent.click(screen.getByRole('button', { name: 'Simpan pemetaan' }));
    await waitFor(() => expect(screen.getByTestId('mapping-state')).toHaveTextContent('Pemetaan tersimpan.'));
    expect(calls.find((c) => c.method === 'PUT')?.body).toEqual({
      items: [
        { indicator: 'IN.KP.01', previous: 'IN.KP.01' },
        { indicator: 'IN.KP.60', previous: 'IN.KP.06' },
      ],
      reason: 'Dinomori ulang',
    });
  });

  it('shows the server’s refusal beside the line it names', async () => {
    mockFetch(
      route({
        'GET /api/v1/session': () => json(200, { user: adminUser }),
        'GET /api/v1/periods/2024': () => json(200, period2024),
        'GET /api/v1/periods/2024/indicator-mapping': () => json(200, mapping),
        'PUT /api/v1/periods/2024/indicator-mapping': () =>
          problem(422, { code: 'validation', errors: [{ field: 'items[1].previous', code: 'unknown_indicator', message: 'no such indicator' }] }),
      }),
    );
    renderAt('/admin/periode/2024/instrumen/pemetaan');
    fireEvent.click(await screen.findByRole('button', { name: 'Simpan pemetaan' }));
    const table = screen.getByRole('table');
    await waitFor(() =>
      expect(within(table).getByRole('combobox', { name: 'Padanan IN.KP.60 di 2023' })).toHaveAccessibleDescription('Indikator tidak ada pada instrumen'),
    );
    expect(screen.getByRole('alert')).toHaveTextContent('Pemetaan ditolak');
  });
});
