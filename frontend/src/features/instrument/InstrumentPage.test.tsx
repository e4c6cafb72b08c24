import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, mockFetch, problem, route } from '../../test/fetch';
import { renderAt } from '../../test/render';
import type { RawMethod } from './api';
import { adminUser, period2024, smallMethod } from './testdata';

// The pages render a whole instrument: give them time on a busy machine.
configure({ asyncUtilTimeout: 5000 });

function setup(put?: () => Response) {
  return mockFetch(
    route({
      'GET /api/v1/session': () => json(200, { user: adminUser }),
      'GET /api/v1/periods/2024': () => json(200, period2024),
      'GET /api/v1/periods/2024/method': () => json(200, smallMethod),
      'PUT /api/v1/periods/2024/method': put ?? (() => json(200, { ...period2024, version: 4 })),
    }),
  );
}

function weight(code: string) {
  return screen.getByRole('textbox', { name: `Bobot ${code}` });
}

describe('InstrumentPage', () => {
  it('shows the instrument as a tree: dimension, variable, indicator with weight, levels, guidance and applicability', async () => {
    setup();
    renderAt('/admin/periode/2024/instrumen');
    const input = await screen.findByRole('region', { name: /^Input/ });
    expect(within(input).getByRole('heading', { level: 3, name: /Kompetensi Pelaksana/ })).toBeInTheDocument();
    const kp2 = within(input).getByRole('article', { name: 'IN.KP.02 Tugas' });
    expect(within(kp2).getByText('Tanyakan dua petugas.')).toBeInTheDocument();
    expect(within(kp2).getByRole('list', { name: 'Arti setiap nilai' })).toHaveTextContent('3 — Penuh');
    expect(within(input).getByRole('article', { name: 'IN.KP.03 Ombudsman' })).toHaveTextContent('Berlaku untuk: polres');
    expect(screen.getByTestId('total-PR')).toHaveTextContent('Bobot indikator dibagi rata: 100.00%');
  });

  it('checks a dimension total live as weights are typed, refuses to save it invalid, and saves it valid', async () => {
    const calls = setup();
    renderAt('/admin/periode/2024/instrumen');
    await screen.findByRole('region', { name: /^Input/ });
    const total = screen.getByTestId('total-IN');
    expect(total).toHaveAttribute('data-valid', 'true');
    expect(total).toHaveTextContent('Total bobot indikator: 100.00% — sesuai');

    fireEvent.change(weight('IN.KP.01'), { target: { value: '0.5' } });
    expect(total).toHaveAttribute('data-valid', 'false');
    expect(total).toHaveTextContent('Total bobot indikator 116.67%: harus tepat 100%');

    fireEvent.click(screen.getByRole('button', { name: 'Simpan instrumen' }));
    expect(await screen.findByText('Perbaiki total bobot yang ditandai merah sebelum menyimpan.')).toBeInTheDocument();
    expect(calls.some((c) => c.method === 'PUT')).toBe(false);

    fireEvent.change(weight('IN.KP.02'), { target: { value: '1/6' } });
    expect(total).toHaveAttribute('data-valid', 'true');
    expect(total).toHaveTextContent('100.00% — sesuai');

    // Applicability: limit IN.KP.01 to land offices.
    fireEvent.click(screen.getByRole('button', { name: 'Ubah pertanyaan, panduan, dan penerapan IN.KP.01' }));
    fireEvent.click(within(screen.getByRole('article', { name: 'IN.KP.01 Standar pelayanan' })).getByRole('checkbox', { name: 'Kantor Pertanahan (Kantah)' }));

    fireEvent.click(screen.getByRole('button', { name: 'Simpan instrumen' }));
    expect(await screen.findByText('Instrumen tersimpan sebagai versi metode baru.')).toBeInTheDocument();
    const put = calls.find((c) => c.method === 'PUT');
    expect(put?.headers['if-match']).toBe('"3"');
    const sent = put?.body as RawMethod;
    expect(sent.instrument?.dimensions[0]?.indicators.map((i) => i.weight)).toEqual(['0.5', '1/6', '1/3']);
    expect(sent.instrument?.dimensions[0]?.indicators[0]?.kinds).toEqual(['kantah']);
    // Fields the editor does not show go back unchanged.
    expect(sent.method).toEqual(smallMethod.method);
    expect(sent.instrument?.dimensions[1]?.indicators[0]).toEqual(smallMethod.instrument.dimensions[1]?.indicators[0]);
  });

  it('flags a weight that cannot be read, and a mix of given and left-out weights', async () => {
    setup();
    renderAt('/admin/periode/2024/instrumen');
    await screen.findByRole('region', { name: /^Proses/ });
    fireEvent.change(weight('PR.ST.01'), { target: { value: '0.5' } });
    expect(screen.getByTestId('total-PR')).toHaveTextContent('isi bobot semua indikator, atau kosongkan semuanya');
    fireEvent.change(weight('IN.KP.03'), { target: { value: 'sepertiga' } });
    expect(screen.getByTestId('total-IN')).toHaveTextContent('ada bobot yang tidak terbaca');
    expect(weight('IN.KP.03')).toHaveAccessibleDescription(expect.stringContaining('Tulis desimal (0.25) atau pecahan (1/15) di atas 0'));
  });

  it('shows the server’s refusal beside the field it names', async () => {
    setup(() =>
      problem(422, {
        code: 'validation',
        errors: [{ field: 'instrument.dimensions[0].indicators[1].question', code: 'required', message: 'a question is required' }],
      }),
    );
    renderAt('/admin/periode/2024/instrumen');
    await screen.findByRole('region', { name: /^Input/ });
    const kp2 = screen.getByRole('article', { name: 'IN.KP.02 Tugas' });
    expect(within(kp2).queryByRole('textbox', { name: 'Pertanyaan' })).toBeNull();
    fireEvent.click(within(kp2).getByRole('button', { name: 'Ubah pertanyaan, panduan, dan penerapan IN.KP.02' }));
    fireEvent.change(within(kp2).getByRole('textbox', { name: 'Pertanyaan' }), { target: { value: '' } });
    fireEvent.click(screen.getByRole('button', { name: 'Simpan instrumen' }));
    await waitFor(() => expect(within(kp2).getByRole('textbox', { name: 'Pertanyaan' })).toHaveAccessibleDescription(expect.stringContaining('Wajib diisi')));
  });
});
