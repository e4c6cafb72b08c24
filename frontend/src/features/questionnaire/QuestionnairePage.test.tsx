import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import i18n from '../../i18n';
import { mockFetch, problem } from '../../test/fetch';
import { renderAt } from '../../test/render';
import { openDraftStore, resetDraftStore } from './drafts';
import { buildQuestionnaire, type MethodFile } from './method';
import { answer, fakeUnitServer, methodFile, unitView } from './testdata';

function card(code: string) {
  return screen.getByRole('region', { name: new RegExp(`^${code.replace(/\./g, '\\.')}\\b`) });
}

async function openPage(view = unitView()) {
  const server = fakeUnitServer(view);
  const calls = mockFetch(server.handler);
  const r = renderAt('/kerja/unit/182');
  await screen.findByRole('region', { name: /^PR\.ST\.01\b/ });
  return { ...r, server, calls, puts: () => calls.filter((c) => c.method === 'PUT') };
}

beforeEach(async () => {
  await resetDraftStore();
});

describe('QuestionnairePage', () => {
  it('lays the instrument out by dimension and variable, only the indicators of the entity kind, with levels spelled out', async () => {
    await openPage();
    expect(screen.getByRole('heading', { level: 1, name: 'Polres Seluma' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 2, name: 'Proses' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 3, name: 'Standar Pelayanan' })).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: /^PR\.ST\.99\b/ })).toBeNull(); // Pemda only
    const c = card('PR.ST.01');
    expect(within(c).getByRole('radio', { name: 'Nilai 2: Cukup' })).toBeChecked();
    expect(within(c).getByText('Tersimpan')).toBeInTheDocument();
    expect(within(c).getByRole('link', { name: 'papan-informasi.png' })).toHaveAttribute('href', '/api/v1/evidence/10');
    // N/A is offered only where the method allows it.
    expect(within(c).queryByRole('radio', { name: 'Tidak berlaku (N/A)' })).toBeNull();
    expect(within(card('PR.ST.04')).getByRole('radio', { name: 'Tidak berlaku (N/A)' })).toBeInTheDocument();
    // An indicator's own levels replace the scale's.
    expect(within(card('OU.PM.01')).getByRole('radio', { name: 'Nilai 3: Tidak ada' })).toBeInTheDocument();
    // Guidance folds out.
    const toggle = within(c).getByRole('button', { name: 'Tampilkan petunjuk penilaian' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(toggle);
    expect(within(c).getByRole('button', { name: 'Sembunyikan petunjuk penilaian' })).toHaveAttribute('aria-expanded', 'true');
    await waitFor(() => expect(within(c).getByText('Amati papan informasi.')).toBeVisible());
    // The live score says it is incomplete.
    expect(await screen.findByText('Belum lengkap')).toBeInTheDocument();
    expect(screen.getByText('2 indikator belum dijawab dan dihitung 0. Nilai ini belum final.')).toBeInTheDocument();
  });

  it('saves a chosen level at once with If-Match "0", and a note once after the typing pause', async () => {
    const { puts } = await openPage();
    const c = card('OU.PM.01');
    await userEvent.click(within(c).getByRole('radio', { name: /^Nilai 1:/ }));
    await waitFor(() => expect(puts()).toHaveLength(1));
    expect(puts()[0]).toMatchObject({
      url: '/api/v1/unit-assessments/182/answers/OU.PM.01',
      headers: { 'if-match': '"0"', 'x-requested-with': 'p4' },
      body: { value: 1, na: false, na_reason: '', note: '' },
    });
    await waitFor(() => expect(within(c).getByText('Tersimpan')).toBeInTheDocument());

    await userEvent.type(within(c).getByLabelText('Catatan penilai'), 'Rekap 30 responden');
    expect(within(c).getByLabelText('Catatan penilai')).toHaveValue('Rekap 30 responden');
    expect(within(c).getByText('Menyimpan…')).toBeInTheDocument();
    await waitFor(() => expect(puts()).toHaveLength(2), { timeout: 3000 });
    expect(puts()[1]).toMatchObject({ headers: { 'if-match': '"1"' }, body: { value: 1, note: 'Rekap 30 responden' } });
    await waitFor(() => expect(within(c).getByText('Tersimpan')).toBeInTheDocument());
  });

  it('holds an N/A until its reason is written', async () => {
    const { puts } = await openPage();
    const c = card('PR.ST.04');
    await userEvent.click(within(c).getByRole('radio', { name: 'Tidak berlaku (N/A)' }));
    expect(await within(c).findByText('Alasan wajib diisi bila memilih N/A. Jawaban belum dikirim.')).toBeInTheDocument();
    expect(within(c).getByText('Perlu dilengkapi')).toBeInTheDocument();
    await new Promise((r) => setTimeout(r, 100));
    expect(puts()).toHaveLength(0);
    await userEvent.type(within(c).getByLabelText(/^Alasan tidak berlaku/), 'Layanan gratis');
    await waitFor(() => expect(puts()).toHaveLength(1), { timeout: 3000 });
    expect(puts()[0]?.body).toEqual({ value: null, na: true, na_reason: 'Layanan gratis', note: '' });
  });

  it('shows both answers on a 412 and saves mine on the server version when asked', async () => {
    const { server, puts } = await openPage();
    // Someone else saves PR.ST.01 (version 2) after the page was loaded.
    server.answers.set('PR.ST.01', answer('PR.ST.01', 0, 2, { updated_by: 7, updated_by_name: 'Budi Santoso', note: 'Papan tidak ada', updated_at: '2023-08-01T03:00:00Z' }));
    const c = card('PR.ST.01');
    await userEvent.click(within(c).getByRole('radio', { name: /^Nilai 3:/ }));
    const conflict = await within(c).findByTestId('conflict');
    expect(within(c).getAllByText('Konflik').length).toBeGreaterThan(0);
    expect(within(conflict).getByText('Konflik: jawaban ini diubah di tempat lain')).toBeInTheDocument();
    const row = within(conflict).getByRole('row', { name: /^Nilai/ });
    expect(within(row).getAllByRole('cell').map((td) => td.textContent)).toEqual(['3 — Memenuhi', '0 — Tidak ada']);
    expect(within(conflict).getByText(/disimpan Budi Santoso, 1 Agustus 2023/)).toBeInTheDocument();
    expect(within(conflict).getByRole('row', { name: /^Catatan penilai/ })).toHaveTextContent('Papan tidak ada');
    expect(server.answers.get('PR.ST.01')?.value).toBe(0); // nothing overwritten
    // The page says so too, with a link to it.
    expect(screen.getByText('1 jawaban mengalami konflik')).toBeInTheDocument();

    await userEvent.click(within(conflict).getByRole('button', { name: 'Pakai jawaban saya' }));
    await waitFor(() => expect(server.answers.get('PR.ST.01')).toMatchObject({ value: 3, version: 3 }));
    expect(puts().at(-1)).toMatchObject({ headers: { 'if-match': '"2"' }, body: { value: 3 } });
    await waitFor(() => expect(within(c).queryByTestId('conflict')).toBeNull());
    expect(within(c).getByText('Tersimpan')).toBeInTheDocument();
  });

  it("takes the server's answer on request, without sending mine", async () => {
    const { server, puts } = await openPage();
    server.answers.set('PR.ST.01', answer('PR.ST.01', 0, 2, { updated_by: 3 }));
    const c = card('PR.ST.01');
    await userEvent.click(within(c).getByRole('radio', { name: /^Nilai 3:/ }));
    const conflict = await within(c).findByTestId('conflict');
    expect(within(conflict).getByText(/oleh Anda di perangkat atau tab lain/)).toBeInTheDocument();
    const sent = puts().length;
    await userEvent.click(within(conflict).getByRole('button', { name: 'Pakai jawaban di server' }));
    expect(within(c).getByRole('radio', { name: /^Nilai 0:/ })).toBeChecked();
    expect(within(c).queryByTestId('conflict')).toBeNull();
    expect(puts()).toHaveLength(sent);
    const store = await openDraftStore();
    await waitFor(async () => expect(await store.load(3, 182)).toEqual([]));
  });

  it('checks before submitting: lists the unanswered indicators as links to them and sends nothing', async () => {
    const { calls } = await openPage();
    await userEvent.click(screen.getByRole('button', { name: 'Kirim untuk ditinjau' }));
    const list = await screen.findByTestId('missing-list');
    expect(within(list).getByText('2 indikator belum dijawab')).toBeInTheDocument();
    const links = within(list).getAllByRole('link');
    expect(links.map((a) => a.textContent)).toEqual(['PR.ST.04 — Biaya/tarif', 'OU.PM.01 — Penundaan berlarut']);
    await userEvent.click(links[1]!);
    expect(card('OU.PM.01')).toHaveFocus();
    expect(within(card('OU.PM.01')).getByText('Indikator ini belum dijawab.')).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it("shows the server's unanswered list (422 answers.<code>) when it refuses the submission", async () => {
    const { server } = await openPage(unitView({ answers: [answer('PR.ST.01', 2), answer('PR.ST.04', 1), answer('OU.PM.01', 3)] }));
    server.state.submitResponse = () =>
      problem(422, {
        type: '/problems/validation',
        title: 'Some fields are invalid',
        code: 'validation',
        errors: [{ field: 'answers.OU.PM.01', code: 'unanswered', message: 'indicator OU.PM.01 has no answer' }],
      });
    await userEvent.click(screen.getByRole('button', { name: 'Kirim untuk ditinjau' }));
    const dialog = await screen.findByRole('dialog', { name: 'Kirim unit untuk ditinjau?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Ya, kirim' }));
    const list = await screen.findByTestId('missing-list');
    expect(within(list).getByText('Server menolak pengiriman karena indikator berikut belum dijawab.')).toBeInTheDocument();
    expect(within(list).getByRole('link', { name: 'OU.PM.01 — Penundaan berlarut' })).toBeInTheDocument();
  });

  it('submits a complete unit after confirmation and turns read-only', async () => {
    const view = unitView({ answers: [answer('PR.ST.01', 2), answer('PR.ST.04', 1), answer('OU.PM.01', 3)] });
    const { server, calls } = await openPage(view);
    await userEvent.click(screen.getByRole('button', { name: 'Kirim untuk ditinjau' }));
    const dialog = await screen.findByRole('dialog', { name: 'Kirim unit untuk ditinjau?' });
    server.state.view = { ...view, assessment: { ...view.assessment, state: 'submitted' } };
    await userEvent.click(within(dialog).getByRole('button', { name: 'Ya, kirim' }));
    expect(await screen.findByTestId('read-only')).toHaveTextContent('menunggu tinjauan koordinator');
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.url)).toEqual(['/api/v1/unit-assessments/182/submit']);
    expect(within(card('PR.ST.01')).getByRole('radio', { name: /^Nilai 3:/ })).toBeDisabled();
    expect(screen.queryByRole('button', { name: 'Kirim untuk ditinjau' })).toBeNull();
  });

  it('shows the return reason and the comments beside their indicators', async () => {
    await openPage(
      unitView({
        state: 'returned',
        returnReason: 'Foto maklumat belum dilampirkan.',
        comments: [{ id: 1, indicator: 'PR.ST.01', body: 'Lampirkan foto papan.', author_id: 2, created_at: '2023-07-31T07:00:00Z' }],
      }),
    );
    expect(screen.getByTestId('return-reason')).toHaveTextContent('Foto maklumat belum dilampirkan.');
    expect(within(card('PR.ST.01')).getByText('Lampirkan foto papan.')).toBeInTheDocument();
    expect(within(card('PR.ST.01')).getByRole('radio', { name: /^Nilai 3:/ })).toBeEnabled();
  });

  it('is read-only for a user who is not an assessor of the unit', async () => {
    await openPage(unitView({ assessors: [5] }));
    expect(screen.getByTestId('read-only')).toHaveTextContent('tidak ditugaskan');
    expect(within(card('OU.PM.01')).getByRole('radio', { name: /^Nilai 1:/ })).toBeDisabled();
  });

  it('resends answers left on the device by a closed tab when the unit opens', async () => {
    const store = await openDraftStore();
    await store.put({ user: 3, unit: 182, indicator: 'OU.PM.01', input: { value: 2, na: false, na_reason: '', note: 'dari tab lama' }, base: 0, seq: 1, rev: 1, at: 1 });
    const { server } = await openPage();
    await waitFor(() => expect(server.answers.get('OU.PM.01')).toMatchObject({ value: 2, note: 'dari tab lama' }));
    expect(within(card('OU.PM.01')).getByRole('radio', { name: /^Nilai 2:/ })).toBeChecked();
    await waitFor(async () => expect(await store.load(3, 182)).toEqual([]));
  });

  it('speaks English when asked, keeping untranslated instrument text marked as Indonesian', async () => {
    await i18n.changeLanguage('en');
    await openPage();
    expect(screen.getByRole('heading', { level: 2, name: 'Process' })).toBeInTheDocument();
    expect(within(card('PR.ST.01')).getByRole('radio', { name: 'Level 2: Largely' })).toBeChecked();
    expect(within(card('PR.ST.01')).getByText('Are the requirements published?')).toBeInTheDocument();
    // PR.ST.04 has no English question: shown in Indonesian, marked so.
    expect(within(card('PR.ST.04')).getByText('Apakah biaya dipublikasikan?')).toHaveAttribute('lang', 'id');
    expect(screen.getByText('Estimated unit score')).toBeInTheDocument();
  });
});

describe('buildQuestionnaire', () => {
  it('keeps instrument order, drops indicators of other kinds and falls back to bare levels', () => {
    const q = buildQuestionnaire(methodFile as MethodFile, 'pemkab', 'id');
    expect(q.order).toEqual(['PR.ST.01', 'PR.ST.04', 'PR.ST.99', 'OU.PM.01']);
    expect(q.dimensions.map((d) => [d.code, d.count])).toEqual([
      ['PR', 3],
      ['OU', 1],
    ]);
    expect(q.byCode.get('PR.ST.04')?.naAllowed).toBe(true);
    const bare = buildQuestionnaire({ ...methodFile, instrument: { ...methodFile.instrument, scale: { max: 3 } } } as MethodFile, 'polres', 'id');
    expect(bare.byCode.get('PR.ST.01')?.levels.map((l) => l.text)).toEqual(['', '', '', '']);
  });
});
