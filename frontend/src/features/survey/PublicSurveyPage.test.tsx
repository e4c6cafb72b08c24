import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, mockFetch, problem } from '../../test/fetch';
import { renderAt } from '../../test/render';

const token = 'A'.repeat(32);
const form = {
  entity: 'Kabupaten Mukomuko',
  unit: 'Puskesmas Ipuh',
  products: ['Imunisasi dasar'],
  questions: [
    { indicator: 'OU.PM.01', name: 'Persepsi penundaan berlarut', question: 'Apakah Bapak/Ibu mengalami penundaan?' },
    { indicator: 'OU.PM.02', name: 'Persepsi permintaan imbalan', question: 'Apakah Bapak/Ibu diminta imbalan?' },
  ],
  challenge: '1690000000.' + 'a'.repeat(32) + '.sig',
  min_seconds: 0,
  expires_at: '2030-01-01T00:00:00Z',
};

function answerAll() {
  const f = screen.getByRole('form', { name: 'Jawaban survei' });
  fireEvent.click(within(within(f).getByRole('group', { name: 'Layanan yang Anda gunakan' })).getByRole('radio', { name: 'Imunisasi dasar' }));
  for (const g of within(f).getAllByRole('group').slice(1)) fireEvent.click(within(g).getByRole('radio', { name: 'Tidak' }));
  fireEvent.click(within(f).getByRole('button', { name: 'Kirim jawaban' }));
}

describe('public self-completion page', () => {
  afterEach(() => vi.restoreAllMocks());

  it('sends the answers with the form challenge and thanks the user, without signing in', async () => {
    const calls = mockFetch((c) => {
      if (c.url.endsWith('/api/v1/session')) return json(200, { user: null });
      if (c.method === 'GET') return json(200, form);
      return json(201, { received: true });
    });
    renderAt(`/survei/${token}`);
    expect(await screen.findByText('Puskesmas Ipuh — Kabupaten Mukomuko')).toBeInTheDocument();
    answerAll();
    expect(await screen.findByTestId('public-thanks')).toHaveTextContent('Jawaban Anda sudah kami terima.');
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.url).toBe(`/api/v1/survey/${token}`);
    expect(post?.body).toEqual({ challenge: form.challenge, product: 'Imunisasi dasar', answers: { 'OU.PM.01': 'no', 'OU.PM.02': 'no' }, comment: '' });
  });

  it('shows a flood refusal in plain words, with the wait from Retry-After', async () => {
    mockFetch((c) => {
      if (c.url.endsWith('/api/v1/session')) return json(200, { user: null });
      if (c.method === 'GET') return json(200, form);
      return problem(429, { code: 'rate_limited', title: 'Too many attempts' }, { 'Retry-After': '1500' });
    });
    renderAt(`/survei/${token}`);
    await screen.findByText('Puskesmas Ipuh — Kabupaten Mukomuko');
    answerAll();
    const alert = await screen.findByTestId('public-refusal');
    expect(alert).toHaveTextContent('Terlalu banyak jawaban');
    expect(alert).toHaveTextContent('Coba lagi dalam 25 menit.');
    expect(screen.queryByTestId('public-thanks')).toBeNull();
  });

  it('says when a link is not valid', async () => {
    mockFetch((c) => (c.url.endsWith('/api/v1/session') ? json(200, { user: null }) : problem(404, { code: 'not_found' })));
    renderAt(`/survei/${token}`);
    await waitFor(() => expect(screen.getByTestId('public-refusal')).toHaveTextContent('Tautan tidak berlaku'));
  });

  it('keeps the send button waiting for the challenge delay', async () => {
    mockFetch((c) => (c.url.endsWith('/api/v1/session') ? json(200, { user: null }) : json(200, { ...form, min_seconds: 15 })));
    renderAt(`/survei/${token}`);
    expect(await screen.findByRole('button', { name: 'Kirim dapat ditekan dalam 15 detik' })).toBeDisabled();
  });
});
