import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderUI } from '../../test/render';
import type { LocusRow } from '../locus/api';
import { coverage } from './coverage';
import { CoverageTable } from './CoverageTable';

const row = (entity_id: number, name: string, units: number, unassigned: number, assessed = true): LocusRow => ({
  entity_id,
  code: `e-${entity_id}`,
  name,
  kind: 'pemkab',
  assessed,
  state: 'assessing',
  units,
  units_unassigned: unassigned,
});

const rows = [row(1, 'Kabupaten Kaur', 7, 0), row(2, 'Kabupaten Seluma', 7, 3), row(3, 'Polres Lebong', 1, 1, false)];

describe('coverage', () => {
  it('counts only entities that are assessed', () => {
    expect(coverage(rows)).toEqual({ entities: 2, units: 14, unassigned: 3, uncoveredEntities: 1 });
  });
});

describe('CoverageTable', () => {
  it('flags units without an assessor in words, and lets an entity be picked', async () => {
    const onPick = vi.fn();
    const user = userEvent.setup();
    renderUI(<CoverageTable rows={rows} onPick={onPick} />);
    expect(screen.getByRole('status')).toHaveTextContent('3 dari 14 unit belum punya penilai (1 entitas).');
    const table = screen.getByRole('table', { name: 'Cakupan penugasan' });
    const seluma = within(table).getByRole('row', { name: /Kabupaten Seluma/ });
    expect(seluma).toHaveTextContent('3 unit tanpa penilai');
    expect(seluma).toHaveAttribute('data-gap', 'true');
    expect(within(table).getByRole('row', { name: /Kabupaten Kaur/ })).toHaveTextContent('Lengkap');
    const lebong = within(table).getByRole('row', { name: /Polres Lebong/ });
    expect(lebong).toHaveTextContent('Tidak dinilai');
    expect(within(lebong).queryByRole('button')).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Atur penilai Kabupaten Seluma' }));
    expect(onPick).toHaveBeenCalledWith(2);

    await user.click(screen.getByRole('checkbox', { name: 'Tampilkan hanya entitas yang belum lengkap' }));
    expect(within(table).getAllByRole('row')).toHaveLength(2);
    expect(within(table).queryByRole('row', { name: /Kabupaten Kaur/ })).not.toBeInTheDocument();
  });

  it('says so when every unit is covered', () => {
    renderUI(<CoverageTable rows={[row(1, 'Kabupaten Kaur', 7, 0)]} onPick={() => {}} />);
    expect(screen.getByRole('status')).toHaveTextContent('Semua 7 unit pada 1 entitas sudah punya penilai.');
  });
});
