import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, mockFetch, problem, route } from '../../test/fetch';
import { renderAt } from '../../test/render';

const user = (role: string) => ({ id: 1, name: 'Uji Coba', email: 'uji@p4.demo', role, entity_id: role === 'agency' ? 25 : null, province_code: '17' });

async function navLinks(role: string | null) {
  mockFetch(route({ 'GET /api/v1/session': () => (role ? json(200, { user: user(role) }) : problem(401)) }));
  renderAt('/');
  const nav = screen.getByRole('navigation', { name: 'Menu utama' });
  if (role) await within(nav).findByRole('link', { name: 'Beranda' });
  return within(nav)
    .getAllByRole('link')
    .map((a) => [a.textContent, a.getAttribute('href')]);
}

describe('navigation per role', () => {
  it.each(['leadership', 'coordinator', 'admin'])('offers Peringkat to %s', async (role) => {
    const links = await navLinks(role);
    expect(links).toContainEqual(['Peringkat', '/peringkat']);
    expect(links.map(([l]) => l)).not.toContain('Rapor Instansi');
  });

  it('offers Rapor Instansi to an agency user, and no rankings', async () => {
    const links = await navLinks('agency');
    expect(links).toContainEqual(['Rapor Instansi', '/instansi']);
    expect(links.map(([l]) => l)).not.toContain('Peringkat');
  });

  it.each([['assessor'], [null]])('offers neither to %s', async (role) => {
    const labels = (await navLinks(role)).map(([l]) => l);
    expect(labels).not.toContain('Peringkat');
    expect(labels).not.toContain('Rapor Instansi');
  });
});
