import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockFetch, problem, type Call } from '../../test/fetch';
import { renderAt } from '../../test/render';
import { answer, coordinatorUser, methodFile, scoreBody, unitView } from '../questionnaire/testdata';

function reviewServer(state: string) {
  let view = unitView({ state, answers: [answer('PR.ST.01', 3, 1, { note: 'Papan lengkap' }), answer('PR.ST.04', null, 1, { na: true, na_reason: 'Layanan gratis' }), answer('OU.PM.01', 1)] });
  const calls = mockFetch((c: Call) => {
    const p = c.url.split('?')[0];
    if (p === '/api/v1/session') return json(200, { user: coordinatorUser });
    if (c.method === 'GET' && p === '/api/v1/unit-assessments/182') return json(200, view);
    if (p === '/api/v1/periods/2023/method') return json(200, methodFile);
    if (p === '/api/v1/unit-assessments/182/score') return json(200, { ...scoreBody, complete: true, unanswered: [] });
    if (c.method === 'POST' && p === '/api/v1/unit-assessments/182/return') {
      const body = c.body as { reason: string };
      if (!body.reason) return problem(422, { errors: [{ field: 'reason', code: 'required', message: 'give a reason' }] });
      view = { ...view, assessment: { ...view.assessment, state: 'returned', return_reason: body.reason } };
      return json(200, view.assessment);
    }
    if (c.method === 'POST' && p === '/api/v1/unit-assessments/182/accept') {
      view = { ...view, assessment: { ...view.assessment, state: 'accepted' } };
      return json(200, view.assessment);
    }
    return problem(404, { detail: c.url });
  });
  return calls;
}

describe('UnitReviewPage', () => {
  it('shows each answer with its evidence, and returns the unit with a required reason and the comments typed beside indicators', async () => {
    const calls = reviewServer('submitted');
    renderAt('/tinjau/unit/182');
    const c1 = await screen.findByRole('region', { name: /^PR\.ST\.01\b/ });
    expect(within(c1).getByTestId('answer')).toHaveTextContent('Jawaban: 3 — Memenuhi');
    expect(within(c1).getByText('Papan lengkap')).toBeInTheDocument();
    expect(within(c1).getByRole('link', { name: 'papan-informasi.png' })).toBeInTheDocument();
    const c4 = screen.getByRole('region', { name: /^PR\.ST\.04\b/ });
    expect(within(c4).getByTestId('answer')).toHaveTextContent('Tidak berlaku (N/A)');
    expect(within(c4).getByText('Layanan gratis')).toBeInTheDocument();

    await userEvent.type(within(screen.getByRole('region', { name: /^OU\.PM\.01\b/ })).getByLabelText('Komentar untuk penilai'), 'Cek rekap responden');
    await userEvent.click(screen.getByRole('button', { name: 'Kembalikan' }));
    const dialog = await screen.findByRole('dialog', { name: 'Kembalikan kepada penilai' });
    expect(within(dialog).getByText('1 komentar indikator akan dikirim bersama pengembalian.')).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Kembalikan' }));
    expect(await within(dialog).findByText('Alasan wajib diisi.')).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
    await userEvent.type(within(dialog).getByLabelText(/^Alasan pengembalian/), 'Periksa OU.PM.01');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Kembalikan' }));
    expect(await screen.findByText('Unit dikembalikan kepada penilai.')).toBeInTheDocument();
    expect(calls.find((c) => c.method === 'POST')).toMatchObject({
      url: '/api/v1/unit-assessments/182/return',
      body: { reason: 'Periksa OU.PM.01', comments: [{ indicator: 'OU.PM.01', body: 'Cek rekap responden' }] },
    });
    await waitFor(() => expect(screen.queryByLabelText('Komentar untuk penilai')).toBeNull());
  });

  it('accepts after confirmation and then offers to reopen with a reason', async () => {
    const calls = reviewServer('submitted');
    renderAt('/tinjau/unit/182');
    await userEvent.click(await screen.findByRole('button', { name: 'Terima' }));
    await userEvent.click(within(await screen.findByRole('dialog', { name: 'Terima unit ini?' })).getByRole('button', { name: 'Terima' }));
    expect(await screen.findByText('Unit diterima.')).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.url)).toEqual(['/api/v1/unit-assessments/182/accept']);
    expect(await screen.findByRole('button', { name: 'Buka kembali' })).toBeInTheDocument();
  });
});

describe('EntityReviewPage', () => {
  it('offers Verifikasi once every unit is accepted and then shows the computed result', async () => {
    let verified = false;
    const item = { unit_assessment_id: 182, period_id: 3, year: 2023, entity_id: 26, entity: 'Polres Seluma', kind: 'polres', unit_id: 92, unit: 'Polres Seluma', state: 'accepted', version: 3, answered: 40, total: 40, assessors: [3] };
    const calls = mockFetch((c: Call) => {
      const p = c.url.split('?')[0];
      if (p === '/api/v1/session') return json(200, { user: coordinatorUser });
      if (p === '/api/v1/periods') return json(200, { items: [{ id: 3, year: 2023, name: 'P4 2023', status: 'open' }] });
      if (p === '/api/v1/work') return json(200, { items: [item], total: 1 });
      if (p === '/api/v1/periods/2023/method') return json(200, methodFile);
      if (p === '/api/v1/periods/2023/entities/26/result') {
        if (!verified) return problem(404, { code: 'not_found' });
        return json(200, {
          entity: { id: 26, name: 'Polres Seluma', kind: 'polres', units: [{ id: 92, name: 'Polres Seluma' }] },
          state: 'verified',
          result: { score: 79.3, category: 'B', opinion: 'Kualitas Tinggi', zone: 'green', complete: true, units: [{ unit_id: 92, score: 79.3, complete: true }], dimensions: [{ unit_id: 0, dimension: 'PR', points: 50.1234, max_points: 60, percent: 83.54 }] },
        });
      }
      if (c.method === 'POST' && p === '/api/v1/periods/2023/entities/26/verify') {
        verified = true;
        return json(200, { period_id: 3, entity_id: 26, assessed: true, state: 'verified', version: 2 });
      }
      return problem(404);
    });
    renderAt('/tinjau/lokus/26?tahun=2023');
    expect(await screen.findByRole('heading', { level: 1, name: 'Polres Seluma' })).toBeInTheDocument();
    expect(await screen.findByText('Belum ada hasil: lokus belum diverifikasi.')).toBeInTheDocument();
    expect(screen.getByText('Semua unit sudah diterima.')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Verifikasi' }));
    await userEvent.click(within(await screen.findByRole('dialog', { name: 'Verifikasi lokus ini?' })).getByRole('button', { name: 'Verifikasi' }));
    const result = await screen.findByTestId('entity-result');
    expect(within(result).getByText('79,30')).toBeInTheDocument();
    expect(within(result).getByText('Kategori B')).toBeInTheDocument();
    expect(within(result).getByText('Kualitas Tinggi')).toBeInTheDocument();
    expect(within(result).getByText('Zona Hijau')).toBeInTheDocument();
    expect(within(result).getByText('Status lokus: Terverifikasi')).toBeInTheDocument();
    expect(within(result).getByRole('cell', { name: 'Proses' })).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Verifikasi' })).toBeNull());
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.url)).toEqual(['/api/v1/periods/2023/entities/26/verify']);
  });
});
