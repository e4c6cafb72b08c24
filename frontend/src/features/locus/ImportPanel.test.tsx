import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockFetch, problem, route } from '../../test/fetch';
import { renderUI } from '../../test/render';
import { ImportErrorTable } from './ImportErrorTable';
import { cellProblem, sortProblems } from './importErrors';
import { ImportPanel } from './ImportPanel';

const badRow = [
  { field: 'Lokus!D3', code: 'unknown', message: 'provinsi "99" tidak ada' },
  { field: 'Lokus!AB12', code: 'required', message: 'nama unit wajib diisi' },
  { field: 'Lokus!B3', code: 'required', message: 'nama entitas wajib diisi' },
  { field: 'file', code: 'too_many_rows', message: 'terlalu banyak baris' },
];

function xlsx(name = 'lokus.xlsx') {
  return new File([new Uint8Array([0x50, 0x4b, 3, 4])], name, { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
}

describe('import errors', () => {
  it('reads sheet, column and row from the field', () => {
    expect(cellProblem(badRow[1]!)).toMatchObject({ sheet: 'Lokus', column: 'AB', row: 12 });
    expect(cellProblem({ field: "'Data Hasil'!C7", code: 'x', message: '' })).toMatchObject({ sheet: 'Data Hasil', column: 'C', row: 7 });
    expect(cellProblem(badRow[3]!)).toEqual({ field: 'file', code: 'too_many_rows', message: 'terlalu banyak baris' });
  });

  it('orders by row then column, whole-file problems first', () => {
    expect(sortProblems(badRow).map((p) => p.field)).toEqual(['file', 'Lokus!B3', 'Lokus!D3', 'Lokus!AB12']);
  });

  it('shows each bad cell with its row, column and reason, and says nothing was imported', () => {
    renderUI(<ImportErrorTable errors={badRow} />);
    const table = screen.getByRole('table', { name: 'Masalah pada berkas' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getAllByRole('cell').map((c) => c.textContent))).toEqual([
      ['Seluruh berkas', '–', '–', 'terlalu banyak baris'],
      ['Lokus', '3', 'B', 'nama entitas wajib diisi'],
      ['Lokus', '3', 'D', 'provinsi "99" tidak ada'],
      ['Lokus', '12', 'AB', 'nama unit wajib diisi'],
    ]);
    expect(screen.getByRole('status')).toHaveTextContent('Tidak ada yang diimpor: 4 masalah pada 2 baris');
  });
});

describe('ImportPanel', () => {
  it('uploads the file, shows the refused rows, then the summary, then "nothing changed"', async () => {
    const answers = [
      () => problem(422, { code: 'validation', errors: badRow.slice(0, 1) }),
      () => json(200, { kind: 'locus', rows: 2, created: { entities: 1, units: 2 }, updated: { entities: 0, units: 0 }, unchanged: { entities: 0, units: 0 } }),
      () => json(200, { kind: 'locus', rows: 2, created: { entities: 0, units: 0 }, updated: { entities: 0, units: 0 }, unchanged: { entities: 1, units: 2 } }),
    ];
    const calls = mockFetch(route({ 'POST /api/v1/imports/locus': () => (answers.shift() as () => Response)() }));
    const user = userEvent.setup();
    renderUI(<ImportPanel kind="locus" />);
    expect(screen.getByRole('link', { name: 'Unduh template' })).toHaveAttribute('href', '/api/v1/templates/locus.xlsx');

    // Client-side: no file yet.
    await user.click(screen.getByRole('button', { name: 'Unggah dan impor' }));
    expect(screen.getByText('Pilih berkas .xlsx lebih dulu')).toBeInTheDocument();
    expect(calls).toHaveLength(0);

    await user.upload(screen.getByLabelText('Berkas Excel (.xlsx)'), xlsx());
    await user.click(screen.getByRole('button', { name: 'Unggah dan impor' }));
    const table = await screen.findByRole('table', { name: 'Masalah pada berkas' });
    expect(within(table).getByText('provinsi "99" tidak ada')).toBeInTheDocument();
    expect(calls[0]!.body).toBeInstanceOf(FormData);
    expect((calls[0]!.body as FormData).get('file')).toBeInstanceOf(File);

    await user.click(screen.getByRole('button', { name: 'Unggah dan impor' }));
    expect(await screen.findByText('Impor berhasil: 2 baris diperiksa')).toBeInTheDocument();
    expect(screen.queryByRole('table', { name: 'Masalah pada berkas' })).not.toBeInTheDocument();
    const summary = screen.getByRole('table', { name: 'Ringkasan impor' });
    expect(within(summary).getByRole('row', { name: /Unit layanan/ })).toHaveTextContent('Unit layanan200');

    await user.click(screen.getByRole('button', { name: 'Unggah dan impor' }));
    expect(await screen.findByText('Tidak ada yang berubah: semua data sudah ada')).toBeInTheDocument();
    expect(calls).toHaveLength(3);
  });

  it('refuses a file that is not a workbook before sending it', async () => {
    const calls = mockFetch(route({}));
    const user = userEvent.setup({ applyAccept: false });
    renderUI(<ImportPanel kind="users" />);
    await user.upload(screen.getByLabelText('Berkas Excel (.xlsx)'), xlsx('pengguna.csv'));
    await user.click(screen.getByRole('button', { name: 'Unggah dan impor' }));
    expect(screen.getByText('Berkas harus berformat .xlsx')).toBeInTheDocument();
    expect(calls).toHaveLength(0);
  });
});
