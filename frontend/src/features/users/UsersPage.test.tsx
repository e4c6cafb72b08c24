import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockFetch, problem, route } from '../../test/fetch';
import { renderUI } from '../../test/render';
import { UsersPage } from './UsersPage';

const admin = { id: 1, name: 'Admin P4', email: 'admin@p4.demo', role: 'admin' as const };
const accounts = {
  items: [
    { id: 1, name: 'Admin P4', email: 'admin@p4.demo', role: 'admin', entity_id: null, province_id: null, province_code: null, active: true },
    { id: 9, name: 'Operator Kaur', email: 'kaur@p4.demo', role: 'agency', entity_id: 5, province_id: null, province_code: null, active: true },
  ],
  total: 2,
};
const regions = { items: [{ id: 1, code: '17', name: 'Bengkulu', level: 'province' }] };
const entities = { items: [{ id: 5, code: 'pemkab-1704', name: 'Kabupaten Kaur', kind: 'pemkab', province_code: '17', active: true, units: 7 }], total: 1 };

describe('UsersPage', () => {
  it('checks the form on the client, then shows the server’s verdict beside its field', async () => {
    const calls = mockFetch(
      route({
        'GET /api/v1/users': () => json(200, accounts),
        'GET /api/v1/regions': () => json(200, regions),
        'GET /api/v1/entities': () => json(200, entities),
        'POST /api/v1/users': () => problem(422, { code: 'validation', errors: [{ field: 'email', code: 'taken', message: 'a user with this email exists' }] }),
      }),
    );
    const user = userEvent.setup();
    renderUI(<UsersPage user={admin} />);
    // The agency user's one entity is shown by name.
    const kaur = await screen.findByText('Operator Kaur');
    expect(kaur.closest('li')).toHaveTextContent('Entitas: Kabupaten Kaur');

    const form = screen.getByRole('region', { name: 'Tambah pengguna' });
    await user.selectOptions(within(form).getByLabelText('Peran'), 'agency');
    await user.type(within(form).getByLabelText(/^Email/), 'kaur@p4.demo');
    await user.type(within(form).getByLabelText(/^Nama lengkap/), 'Operator Baru');
    await user.type(within(form).getByLabelText(/^Kata sandi awal/), 'pendek');
    await user.click(within(form).getByRole('button', { name: 'Simpan pengguna' }));
    expect(within(form).getByText('Minimal 10 karakter')).toBeInTheDocument();
    expect(within(form).getAllByText('Wajib diisi')).toHaveLength(1); // the entity
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);

    await user.type(within(form).getByLabelText(/^Entitas/), 'Kaur');
    await user.click(await screen.findByRole('option', { name: 'Kabupaten Kaur', hidden: true }));
    await user.clear(within(form).getByLabelText(/^Kata sandi awal/));
    await user.type(within(form).getByLabelText(/^Kata sandi awal/), 'cukup-panjang-sekali');
    await user.click(within(form).getByRole('button', { name: 'Simpan pengguna' }));
    expect(await within(form).findByText('Sudah dipakai; pilih yang lain')).toBeInTheDocument();
    expect(within(form).getByLabelText(/^Email/)).toHaveAccessibleDescription('Sudah dipakai; pilih yang lain');
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.body).toEqual({ email: 'kaur@p4.demo', name: 'Operator Baru', role: 'agency', password: 'cukup-panjang-sekali', province_id: 0, entity_id: 5 });
  });
});
