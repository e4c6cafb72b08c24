import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockFetch, problem, route } from './test/fetch';
import { renderAt } from './test/render';

const siti = { id: 1, name: 'Siti Rahma', email: 'siti@ombudsman.go.id', role: 'assessor', entity_id: null, province_code: '17' };
const signedOut = { 'GET /api/v1/session': () => problem(401, { title: 'Unauthorized' }) };
const signedIn = { 'GET /api/v1/session': () => json(200, { user: siti }) };

describe('routes', () => {
  it('opens the landing page in Indonesian and switches to English and back', async () => {
    mockFetch(route(signedOut));
    renderAt('/');
    expect(screen.getByRole('heading', { level: 1, name: 'Penilaian Penyelenggaraan Pelayanan Publik' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Lihat hasil penilaian' })).toHaveAttribute('href', '/publik');
    expect(document.documentElement.lang).toBe('id');

    await userEvent.click(screen.getByRole('button', { name: 'English (EN)' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Assessment of Public Service Delivery' })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('en');
    expect(screen.getByRole('button', { name: 'English (EN)' })).toHaveAttribute('aria-pressed', 'true');

    await userEvent.click(screen.getByRole('button', { name: 'Bahasa Indonesia (ID)' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Penilaian Penyelenggaraan Pelayanan Publik' })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('id');
  });

  it('answers an unknown address with the not-found page', async () => {
    mockFetch(route(signedOut));
    renderAt('/tidak-ada/sama-sekali');
    expect(await screen.findByRole('heading', { level: 1, name: 'Halaman tidak ditemukan' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Kembali ke halaman utama' })).toHaveAttribute('href', '/');
    expect(document.title).toBe('Halaman tidak ditemukan · P4');
  });

  it('sends a signed-out visitor of /beranda to /masuk, remembering the way back', async () => {
    mockFetch(route(signedOut));
    const { router } = renderAt('/beranda');
    await waitFor(() => expect(router.state.location.pathname).toBe('/masuk'));
    expect(router.state.location.search).toBe('?next=%2Fberanda');
    expect(await screen.findByRole('heading', { level: 1, name: 'Masuk' })).toBeInTheDocument();
  });

  it('welcomes a signed-in user by name and role, with a user menu in the header', async () => {
    mockFetch(route(signedIn));
    renderAt('/beranda');
    expect(await screen.findByRole('heading', { level: 1, name: 'Selamat datang, Siti Rahma' })).toBeInTheDocument();
    expect(screen.getByText('Peran: Penilai')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Menu pengguna: Siti Rahma' })).toBeInTheDocument();
  });

  it('sends a signed-in user away from /masuk', async () => {
    mockFetch(route(signedIn));
    const { router } = renderAt('/masuk');
    await waitFor(() => expect(router.state.location.pathname).toBe('/beranda'));
  });

  it('signs out from the user menu', async () => {
    let session = true;
    const calls = mockFetch(
      route({
        'GET /api/v1/session': () => (session ? json(200, { user: siti }) : problem(401)),
        'DELETE /api/v1/session': () => {
          session = false;
          return new Response(null, { status: 204 });
        },
      }),
    );
    const { router } = renderAt('/beranda');
    await userEvent.click(await screen.findByRole('button', { name: 'Menu pengguna: Siti Rahma' }));
    await userEvent.click(await screen.findByRole('menuitem', { name: 'Keluar' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/'));
    expect(calls.find((c) => c.method === 'DELETE')?.headers['x-requested-with']).toBe('p4');
    expect(await screen.findByRole('heading', { level: 1, name: 'Penilaian Penyelenggaraan Pelayanan Publik' })).toBeInTheDocument();
    // Forgetting the user comes after the device's offline queue is cleared.
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Menu pengguna: Siti Rahma' })).toBeNull());
  });

  it('shows an error, not a sign-in loop, when the session cannot be checked', async () => {
    mockFetch(() => {
      throw new TypeError('Failed to fetch');
    });
    renderAt('/beranda');
    expect(await screen.findByRole('alert')).toHaveTextContent('Tidak dapat terhubung ke server');
  });
});
