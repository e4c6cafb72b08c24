import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockFetch, problem, route } from '../../test/fetch';
import { renderUI } from '../../test/render';
import { windowsSchema } from '../public-results/types';
import { polresKaurExplanation } from '../results/testdata';
import { explanationViewSchema } from '../results/types';
import { ObjectionsPanel } from './ObjectionsPanel';
import { jakartaToday, objectionAvailability, windowState } from './objectionWindow';

const windows = windowsSchema.parse({ objection: { from: '2023-12-01', to: '2023-12-15' } });
const explanation = explanationViewSchema.parse(polresKaurExplanation);
const units = [{ unitId: 91, name: 'Polres Kaur', unitAssessmentId: 812 }];
const list = '/api/v1/periods/2023/entities/25/objections';

function panel(props: Partial<Parameters<typeof ObjectionsPanel>[0]> = {}) {
  return renderUI(
    <ObjectionsPanel year={2023} entityId={25} resultState="final" windows={windows} explanation={explanation} units={units} today="2023-12-05" {...props} />,
  );
}

describe('objection window', () => {
  it('compares today in Jakarta with an inclusive window', () => {
    const w = { from: '2023-12-01', to: '2023-12-15' };
    expect(windowState(w, '2023-11-30')).toBe('before');
    expect(windowState(w, '2023-12-01')).toBe('open');
    expect(windowState(w, '2023-12-15')).toBe('open');
    expect(windowState(w, '2023-12-16')).toBe('after');
    expect(windowState(null, '2023-12-16')).toBe('none');
    // 17:30 UTC on 15 December is already 16 December in Jakarta.
    expect(jakartaToday(new Date('2023-12-15T17:30:00Z'))).toBe('2023-12-16');
  });

  it('needs a final result as well as an open window', () => {
    expect(objectionAvailability(windows, 'final', '2023-12-05')).toBe('open');
    expect(objectionAvailability(windows, 'published', '2023-12-05')).toBe('notFinal');
    expect(objectionAvailability(windows, 'final', '2023-11-01')).toBe('notYet');
    expect(objectionAvailability({}, 'final', '2023-12-05')).toBe('noWindow');
  });
});

describe('ObjectionsPanel', () => {
  it('shows filed objections with their status and decision', async () => {
    mockFetch(
      route({
        [`GET ${list}`]: () =>
          json(200, {
            items: [
              {
                id: 4,
                state: 'partly_accepted',
                statement: 'SK pengelola pengaduan sudah diperbarui.',
                filed_at: '2023-12-04T02:00:00Z',
                decided_at: '2023-12-10T02:00:00Z',
                decision_reason: 'SK baru diterima; pelatihan belum terbukti.',
                items: [
                  { id: 1, unit_assessment_id: 812, indicator: 'PG.PP.02', requested_value: 3, decided_value: 3, accepted: true },
                  { id: 2, unit_assessment_id: 812, indicator: 'PG.PP.09', requested_value: 2, decided_value: 0, accepted: false },
                ],
              },
            ],
          }),
      }),
    );
    panel({ today: '2024-01-10' });
    const card = await screen.findByText('SK pengelola pengaduan sudah diperbarui.');
    const box = card.closest('[data-objection-id]') as HTMLElement;
    expect(within(box).getByText('Diterima sebagian')).toBeInTheDocument();
    expect(box).toHaveTextContent('Penetapan pengelola pengaduan: diminta 3 · diputuskan 3 · diterima');
    expect(box).toHaveTextContent('Pelatihan pengelola pengaduan: diminta 2 · diputuskan 0 · ditolak');
    expect(box).toHaveTextContent('Keputusan: SK baru diterima; pelatihan belum terbukti.');
    expect(screen.getByTestId('objection-closed')).toHaveTextContent('Masa sanggahan sudah ditutup');
  });

  it('refuses an empty form without asking the server', async () => {
    const calls = mockFetch(route({ [`GET ${list}`]: () => json(200, { items: [] }) }));
    panel();
    await userEvent.click(await screen.findByRole('button', { name: 'Kirim sanggahan' }));
    expect(screen.getByLabelText(/Alasan sanggahan/)).toHaveAccessibleDescription(/Wajib diisi/);
    expect(screen.getByLabelText('Indikator')).toHaveAccessibleDescription(/Wajib diisi/);
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
  });

  it("shows the server's refusal beside the field it concerns", async () => {
    const calls = mockFetch(
      route({
        [`GET ${list}`]: () => json(200, { items: [] }),
        [`POST ${list}`]: () =>
          problem(422, {
            type: '/problems/validation',
            title: 'Some fields are invalid',
            errors: [{ field: 'items[0].requested_value', code: 'out_of_range', message: 'must be between 0 and 3' }],
          }),
      }),
    );
    panel();
    await userEvent.type(await screen.findByLabelText(/Alasan sanggahan/), 'Petugas sudah memakai kartu identitas.');
    await userEvent.selectOptions(screen.getByLabelText('Indikator'), 'PR.ST.10');
    await userEvent.selectOptions(screen.getByLabelText('Nilai yang diminta'), '3');
    await userEvent.click(screen.getByRole('button', { name: 'Kirim sanggahan' }));
    await waitFor(() => expect(screen.getByLabelText('Nilai yang diminta')).toHaveAccessibleDescription(/Nilai di luar rentang yang diizinkan/));
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.body).toEqual({
      statement: 'Petugas sudah memakai kartu identitas.',
      items: [{ unit_assessment_id: 812, indicator: 'PR.ST.10', requested_value: 3 }],
    });
  });

  it('explains a refusal outside the window', async () => {
    mockFetch(
      route({
        [`GET ${list}`]: () => json(200, { items: [] }),
        [`POST ${list}`]: () => problem(409, { type: '/problems/outside_window', title: 'Not allowed now', code: 'outside_window', detail: 'objections are filed within the objection window' }),
      }),
    );
    panel();
    await userEvent.type(await screen.findByLabelText(/Alasan sanggahan/), 'Alasan.');
    await userEvent.selectOptions(screen.getByLabelText('Indikator'), 'PR.ST.10');
    await userEvent.selectOptions(screen.getByLabelText('Nilai yang diminta'), '2');
    await userEvent.click(screen.getByRole('button', { name: 'Kirim sanggahan' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Sanggahan tidak dapat dikirim');
    expect(alert).toHaveTextContent('objections are filed within the objection window');
  });

  it('files an objection and lists it', async () => {
    let filed = false;
    const objection = { id: 9, state: 'submitted', statement: 'Alasan.', filed_at: '2023-12-05T02:00:00Z', items: [{ id: 1, unit_assessment_id: 812, indicator: 'PR.ST.10', requested_value: 2 }] };
    mockFetch(
      route({
        [`GET ${list}`]: () => json(200, { items: filed ? [objection] : [] }),
        [`POST ${list}`]: () => {
          filed = true;
          return json(201, objection);
        },
      }),
    );
    panel();
    await userEvent.type(await screen.findByLabelText(/Alasan sanggahan/), 'Alasan.');
    await userEvent.selectOptions(screen.getByLabelText('Indikator'), 'PR.ST.10');
    await userEvent.selectOptions(screen.getByLabelText('Nilai yang diminta'), '2');
    await userEvent.click(screen.getByRole('button', { name: 'Kirim sanggahan' }));
    expect(await screen.findByText('Sanggahan terkirim. Statusnya tampil di atas.')).toBeInTheDocument();
    expect(await screen.findByText('Diajukan, menunggu keputusan')).toBeInTheDocument();
  });

  it('adds files to an objection that waits for its decision, and offers none once decided', async () => {
    const waiting = { id: 9, state: 'submitted', statement: 'Menunggu.', filed_at: '2023-12-05T02:00:00Z', items: [{ id: 1, unit_assessment_id: 812, indicator: 'PR.ST.10', requested_value: 2 }] };
    const decided = { ...waiting, id: 4, state: 'rejected', statement: 'Sudah diputuskan.', decision_reason: 'Tidak terbukti.' };
    const stored: { id: number; objection_id: number; original_name: string; media_type: string; size: number; uploaded_at: string }[] = [];
    const calls = mockFetch(
      route({
        [`GET ${list}`]: () => json(200, { items: [waiting, decided] }),
        'GET /api/v1/objections/9/evidence': () => json(200, { items: stored }),
        'GET /api/v1/objections/4/evidence': () => json(200, { items: [] }),
        'POST /api/v1/objections/9/evidence': () => {
          const file = { id: 70, objection_id: 9, original_name: 'sk-baru.pdf', media_type: 'application/pdf', size: 9, uploaded_at: '2023-12-06T02:00:00Z' };
          stored.push(file);
          return json(201, file);
        },
      }),
    );
    panel({ today: '2024-01-10' });
    const waitingCard = (await screen.findByText('Menunggu.')).closest('[data-objection-id]') as HTMLElement;
    const decidedCard = screen.getByText('Sudah diputuskan.').closest('[data-objection-id]') as HTMLElement;
    expect(within(decidedCard).queryByRole('button', { name: 'Tambah berkas' })).toBeNull();
    expect(within(waitingCard).getByRole('button', { name: 'Tambah berkas' })).toBeInTheDocument();

    // A program named .pdf is refused on the device and never sent.
    const input = screen.getByTestId('objection-9-add-input') as HTMLInputElement;
    await userEvent.upload(input, new File(['MZ'], 'virus.exe', { type: 'application/x-msdownload' }), { applyAccept: false });
    expect(await within(waitingCard).findByRole('alert')).toHaveTextContent('virus.exe');
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);

    await userEvent.upload(input, new File(['%PDF-1.4\n'], 'sk-baru.pdf', { type: 'application/pdf' }));
    expect(await within(waitingCard).findByText(/sk-baru\.pdf/)).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'POST' && c.url === '/api/v1/objections/9/evidence')).toHaveLength(1);
    expect(within(waitingCard).queryByRole('alert')).toBeNull();
  });

  it('says the form cannot be used when the server gives no unit assessment numbers', async () => {
    mockFetch(route({ [`GET ${list}`]: () => json(200, { items: [] }) }));
    panel({ units: [{ unitId: 91, name: 'Polres Kaur', unitAssessmentId: null }] });
    expect(await screen.findByTestId('objection-unavailable')).toHaveTextContent('Formulir sanggahan belum dapat digunakan');
  });
});
