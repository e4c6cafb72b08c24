import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, mockFetch, problem, route } from '../../test/fetch';
import { renderAt } from '../../test/render';
import { adminUser, period2023, period2024 } from '../instrument/testdata';

// The pages render a whole instrument: give them time on a busy machine.
configure({ asyncUtilTimeout: 5000 });

const coordinator = { id: 2, name: 'Dewi Anggraini', email: 'koordinator@p4.demo', role: 'coordinator', entity_id: null, province_code: '17' };

describe('PeriodsPage', () => {
  it('creates a year by copying another and shows the server’s refusal beside the year', async () => {
    const calls = mockFetch(
      route({
        'GET /api/v1/session': () => json(200, { user: adminUser }),
        'GET /api/v1/periods': () => json(200, { items: [period2023] }),
        'POST /api/v1/periods': () => problem(422, { code: 'validation', errors: [{ field: 'year', code: 'taken', message: 'a period for this year exists' }] }),
      }),
    );
    renderAt('/admin/periode');
    const form = await screen.findByRole('form', { name: 'Buat periode baru' });
    expect(within(form).getByLabelText(/^Tahun periode/)).toHaveValue('2024');
    expect(within(form).getByLabelText('Salin dari tahun')).toHaveValue('2023');
    fireEvent.change(within(form).getByLabelText(/^Tahun periode/), { target: { value: '1999' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Buat periode' }));
    expect(await within(form).findByText('Tahun harus antara 2000 dan 2100')).toBeInTheDocument();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    fireEvent.change(within(form).getByLabelText(/^Tahun periode/), { target: { value: '2024' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Buat periode' }));
    await waitFor(() => expect(within(form).getByLabelText(/^Tahun periode/)).toHaveAccessibleDescription('Periode untuk tahun ini sudah ada'));
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ year: 2024, copy_from_year: 2023 });
  });

  it('lets a coordinator read the periods without the form', async () => {
    mockFetch(
      route({
        'GET /api/v1/session': () => json(200, { user: coordinator }),
        'GET /api/v1/periods': () => json(200, { items: [period2023, period2024] }),
      }),
    );
    renderAt('/admin/periode');
    expect(await screen.findByRole('link', { name: 'P4 2024' })).toHaveAttribute('href', '/admin/periode/2024');
    expect(screen.queryByRole('form', { name: 'Buat periode baru' })).toBeNull();
    expect(screen.getByRole('navigation', { name: 'Menu utama' })).toHaveTextContent('Periode');
  });
});

describe('PeriodPage', () => {
  it('checks the schedule before sending, and reloads it after someone else changed it', async () => {
    let version = 3;
    const calls = mockFetch(
      route({
        'GET /api/v1/session': () => json(200, { user: adminUser }),
        'GET /api/v1/periods/2024': () => json(200, { ...period2024, version }),
        'PUT /api/v1/periods/2024/schedule': () => {
          version = 5;
          return problem(409, { code: 'version_conflict', current: { ...period2024, version: 5 } });
        },
      }),
    );
    renderAt('/admin/periode/2024');
    const form = await screen.findByRole('form', { name: 'Jadwal' });
    const fieldwork = within(form).getByRole('group', { name: 'Kerja lapangan' });
    fireEvent.change(within(fieldwork).getByLabelText('Mulai'), { target: { value: '2024-10-01' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Simpan jadwal' }));
    expect(await within(fieldwork).findByText('Isi tanggal mulai dan tanggal selesai')).toBeInTheDocument();
    fireEvent.change(within(fieldwork).getByLabelText('Sampai'), { target: { value: '2024-07-01' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Simpan jadwal' }));
    expect(await within(fieldwork).findByText('Tanggal selesai sebelum tanggal mulai')).toBeInTheDocument();
    expect(calls.some((c) => c.method === 'PUT')).toBe(false);

    fireEvent.change(within(fieldwork).getByLabelText('Sampai'), { target: { value: '2024-10-31' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Simpan jadwal' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Jadwal sudah diubah oleh pengguna lain');
    expect(calls.find((c) => c.method === 'PUT')?.body).toMatchObject({ version: 3, schedule: { fieldwork: { from: '2024-10-01', to: '2024-10-31' } } });
    fireEvent.click(within(alert).getByRole('button', { name: 'Muat ulang jadwal' }));
    await waitFor(() => expect(within(fieldwork).getByLabelText('Mulai')).toHaveValue(''));
  });

  it('says what publishing will do before it is confirmed', async () => {
    const calls = mockFetch(
      route({
        'GET /api/v1/session': () => json(200, { user: adminUser }),
        'GET /api/v1/periods/2023': () => json(200, period2023),
        'GET /api/v1/periods/2023/publication': () => json(200, { results: 31, not_assessed: 1, blocking: [] }),
        'POST /api/v1/periods/2023/publication': () => json(200, { results: 31, not_assessed: 1, blocking: [] }),
      }),
    );
    renderAt('/admin/periode/2023');
    fireEvent.click(await screen.findByRole('button', { name: 'Umumkan hasil' }));
    const dialog = await screen.findByRole('dialog', { name: 'Umumkan hasil 2023?' });
    expect(await within(dialog).findByText('Pengumuman membuat 31 hasil terlihat oleh publik.')).toBeInTheDocument();
    expect(within(dialog).getByText('1 entitas tercantum sebagai tidak dinilai.')).toBeInTheDocument();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Ya, umumkan' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST' && c.url === '/api/v1/periods/2023/publication')).toBe(true));
  });

  it('refuses to publish while entities are not final', async () => {
    mockFetch(
      route({
        'GET /api/v1/session': () => json(200, { user: adminUser }),
        'GET /api/v1/periods/2023': () => json(200, period2023),
        'GET /api/v1/periods/2023/publication': () => json(200, { results: 1, not_assessed: 0, blocking: ['3', '4'] }),
      }),
    );
    renderAt('/admin/periode/2023');
    fireEvent.click(await screen.findByRole('button', { name: 'Umumkan hasil' }));
    const dialog = await screen.findByRole('dialog', { name: 'Umumkan hasil 2023?' });
    expect(await within(dialog).findByText('2 entitas belum final: pengumuman belum dapat dilakukan.')).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Ya, umumkan' })).toBeDisabled();
  });
});
