import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { json, mockFetch, route } from '../../test/fetch';
import { renderAt } from '../../test/render';
import { openDraftStore, resetDraftStore } from '../questionnaire/drafts';
import { assessorUser, coordinatorUser } from '../questionnaire/testdata';
import { defaultYear, groupByEntity, type WorkItem } from './types';

const periods = {
  items: [
    { id: 2, year: 2022, name: 'P4 2022', status: 'published' },
    { id: 3, year: 2023, name: 'P4 2023', status: 'open' },
  ],
};

function item(id: number, entity: string, unit: string, state: WorkItem['state'], answered: number, extra: Partial<WorkItem> = {}): WorkItem {
  return { unit_assessment_id: id, period_id: 3, year: 2023, entity_id: entity.length, entity, kind: 'polres', unit_id: id, unit, state, version: 1, answered, total: 40, assessors: [3], ...extra };
}

const work = {
  total: 3,
  items: [
    item(170, 'Kantor Pertanahan Kabupaten Bengkulu Utara', 'Kantor Pertanahan Kabupaten Bengkulu Utara', 'returned', 40, { return_reason: 'Hitung ulang OU.PM.01–05.' }),
    item(126, 'Kabupaten Kaur', 'DPMPTSP Kaur', 'accepted', 40),
    item(182, 'Polres Seluma', 'Polres Seluma', 'draft', 23),
  ],
};

beforeEach(async () => {
  await resetDraftStore();
});

describe('WorkPage', () => {
  it('groups the units by entity with state, progress and the reason of a return, for the open year', async () => {
    const store = await openDraftStore();
    await store.put({ user: 3, unit: 182, indicator: 'OU.PM.01', input: { value: 1, na: false, na_reason: '', note: '' }, base: 0, seq: 1, rev: 1, at: 1 });
    const calls = mockFetch(
      route({
        'GET /api/v1/session': () => json(200, { user: assessorUser }),
        'GET /api/v1/periods': () => json(200, periods),
        'GET /api/v1/work?year=2023&limit=500': () => json(200, work),
      }),
    );
    renderAt('/kerja');
    expect(await screen.findByRole('heading', { level: 1, name: 'Pekerjaan saya' })).toBeInTheDocument();
    const seluma = await screen.findByRole('region', { name: 'Polres Seluma' });
    expect(within(seluma).getByRole('link', { name: 'Polres Seluma' })).toHaveAttribute('href', '/kerja/unit/182');
    // The unit's service-user survey is one step away.
    expect(within(seluma).getByRole('link', { name: 'Survei pengguna layanan: Polres Seluma' })).toHaveAttribute('href', '/survei/unit/182');
    expect(within(seluma).getByText('Draf')).toBeInTheDocument();
    expect(within(seluma).getByText('23 dari 40 terjawab')).toBeInTheDocument();
    expect(await within(seluma).findByText('1 jawaban tersimpan di perangkat ini, belum terkirim')).toBeInTheDocument();
    const kantah = screen.getByRole('region', { name: 'Kantor Pertanahan Kabupaten Bengkulu Utara' });
    expect(within(kantah).getByRole('listitem')).toHaveAttribute('data-state', 'returned');
    expect(within(kantah).getByText('Dikembalikan')).toBeInTheDocument();
    expect(within(kantah).getByText('Hitung ulang OU.PM.01–05.')).toBeInTheDocument();
    expect(screen.getByText('1 unit dikembalikan untuk diperbaiki')).toBeInTheDocument();
    expect(screen.getByLabelText('Tahun penilaian')).toHaveValue('2023');
    expect(calls.some((c) => c.url === '/api/v1/work?year=2023&limit=500')).toBe(true);
    // The navigation offers the assessor's entry.
    expect(screen.getByRole('navigation', { name: 'Menu utama' })).toHaveTextContent('Pekerjaan saya');
  });

  it('tells a coordinator the page is not theirs, and offers Tinjauan in the menu', async () => {
    mockFetch(route({ 'GET /api/v1/session': () => json(200, { user: coordinatorUser }) }));
    renderAt('/kerja');
    expect(await screen.findByRole('heading', { level: 1, name: 'Anda tidak berhak membuka data ini' })).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('navigation', { name: 'Menu utama' })).toHaveTextContent('Tinjauan'));
    expect(screen.getByRole('navigation', { name: 'Menu utama' })).not.toHaveTextContent('Pekerjaan saya');
  });
});

describe('work helpers', () => {
  it('defaultYear prefers the open period, else the newest', () => {
    expect(defaultYear(periods.items)).toBe(2023);
    expect(defaultYear([{ id: 1, year: 2021, name: '', status: 'published' }, { id: 2, year: 2022, name: '', status: 'closed' }])).toBe(2022);
    expect(defaultYear([])).toBeUndefined();
  });

  it('groupByEntity keeps the server order', () => {
    expect(groupByEntity(work.items).map((g) => [g.entity, g.items.length])).toEqual([
      ['Kantor Pertanahan Kabupaten Bengkulu Utara', 1],
      ['Kabupaten Kaur', 1],
      ['Polres Seluma', 1],
    ]);
  });
});
