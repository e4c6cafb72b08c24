import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockFetch, problem, type Call } from '../../test/fetch';
import { renderAt } from '../../test/render';
import { answer, coordinatorUser, methodFile, unitView } from '../questionnaire/testdata';

const filed = {
  id: 5,
  period_id: 3,
  entity_id: 26,
  entity_name: 'Polres Seluma',
  entity_kind: 'polres',
  state: 'submitted',
  statement: 'Persyaratan sudah dipasang di papan informasi.',
  filed_by: 9,
  filed_by_name: 'Rina Marlina',
  filed_at: '2023-12-02T02:00:00Z',
  version: 1,
  items: [{ id: 51, unit_assessment_id: 182, indicator: 'PR.ST.01', requested_value: 3 }],
};

function server() {
  let objection: Record<string, unknown> = { ...filed };
  let score = 80.5;
  const view = unitView({ state: 'accepted', answers: [answer('PR.ST.01', 2, 1, { note: 'Papan tidak lengkap', updated_by_name: 'Andi Saputra' })] });
  const calls = mockFetch((c: Call) => {
    const p = c.url.split('?')[0];
    if (p === '/api/v1/session') return json(200, { user: coordinatorUser });
    if (p === '/api/v1/periods') return json(200, { items: [{ id: 3, year: 2023, name: 'P4 2023', status: 'open' }] });
    if (p === '/api/v1/periods/2023/objections') return json(200, { items: [objection] });
    if (p === '/api/v1/periods/2023/method') return json(200, methodFile);
    if (p === '/api/v1/unit-assessments/182') return json(200, view);
    if (p === '/api/v1/objections/5/evidence')
      return json(200, { items: [{ id: 1, objection_id: 5, original_name: 'foto-papan.png', media_type: 'image/png', size: 900, uploaded_by_name: 'Rina Marlina', uploaded_at: '2023-12-02T02:01:00Z' }] });
    if (p === '/api/v1/periods/2023/entities/26/result')
      return json(200, { entity: { id: 26, name: 'Polres Seluma', kind: 'polres' }, state: 'final', result: { score, category: 'B', opinion: 'Kualitas Tinggi', zone: 'green', complete: true } });
    if (c.method === 'POST' && p === '/api/v1/objections/5/decision') {
      const body = c.body as { state: string; reason: string };
      if (!body.reason) return problem(422, { errors: [{ field: 'reason', code: 'required', message: 'give a reason' }] });
      objection = { ...objection, state: body.state, decision_reason: body.reason, decided_by_name: 'Dewi Anggraini', decided_at: '2023-12-05T03:00:00Z' };
      score = 82.75;
      return json(200, objection);
    }
    return problem(404, { detail: c.url });
  });
  return calls;
}

describe('ObjectionQueuePage', () => {
  it('lists the waiting objections with the entity and who filed them', async () => {
    server();
    renderAt('/sanggahan');
    const row = await screen.findByRole('listitem', {}, { timeout: 5000 });
    expect(within(row).getByRole('link', { name: 'Polres Seluma' })).toHaveAttribute('href', '/sanggahan/5?tahun=2023');
    expect(row).toHaveTextContent('Diajukan oleh Rina Marlina');
    expect(row).toHaveTextContent('1 indikator disanggah');
    expect(row).toHaveTextContent('Menunggu keputusan');
  });
});

describe('ObjectionDecisionPage', () => {
  it("shows the assessor's answer and evidence beside the agency's request and files, and decides with a required reason", async () => {
    const calls = server();
    renderAt('/sanggahan/5?tahun=2023');
    const item = await screen.findByTestId('objection-item', {}, { timeout: 5000 });
    const assessor = within(item).getByTestId('assessor-side');
    await waitFor(() => expect(assessor).toHaveTextContent('Jawaban: 2 — Cukup'), { timeout: 5000 });
    expect(assessor).toHaveTextContent('Papan tidak lengkap');
    expect(assessor).toHaveTextContent('Terakhir diubah oleh Andi Saputra');
    expect(within(assessor).getByRole('link', { name: 'papan-informasi.png' })).toBeInTheDocument();
    const agency = within(item).getByTestId('agency-side');
    expect(agency).toHaveTextContent('Nilai yang diminta: 3 — Memenuhi');
    expect(await within(agency).findByRole('link', { name: 'foto-papan.png' })).toHaveAttribute('href', '/api/v1/objections/5/evidence/1');
    expect(await screen.findByTestId('objection-result')).toHaveTextContent('80,50');

    await userEvent.click(screen.getByRole('radio', { name: 'Diterima' }));
    await userEvent.click(screen.getByRole('button', { name: 'Simpan keputusan' }));
    expect(screen.getByLabelText(/^Alasan keputusan/)).toHaveAttribute('aria-invalid', 'true');
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);

    await userEvent.type(screen.getByLabelText(/^Alasan keputusan/), 'Foto sah.');
    await userEvent.click(screen.getByRole('button', { name: 'Simpan keputusan' }));
    expect(await screen.findByTestId('objection-decision')).toHaveTextContent('Diputuskan oleh Dewi Anggraini');
    expect(calls.find((c) => c.method === 'POST')).toMatchObject({
      url: '/api/v1/objections/5/decision',
      body: { state: 'accepted', reason: 'Foto sah.', items: [{ item_id: 51, accepted: true, decided_value: 3 }] },
    });
    await waitFor(() => expect(screen.getByTestId('objection-result')).toHaveTextContent('82,75'));
    expect(screen.queryByRole('button', { name: 'Simpan keputusan' })).toBeNull();
  });
});
