import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client';
import { renderUI } from '../../test/render';
import { checkEvidenceFile, EvidenceList, maxEvidenceBytes } from './Evidence';

describe('checkEvidenceFile', () => {
  it.each([
    ['a phone photo', { name: 'foto.jpg', size: 3_000_000, type: 'image/jpeg' }, null],
    ['HEIC without a media type', { name: 'IMG_0001.HEIC', size: 2_000_000, type: '' }, null],
    ['a PDF', { name: 'sk.pdf', size: 10, type: 'application/pdf' }, null],
    ['an Excel sheet', { name: 'rekap.xlsx', size: 10, type: '' }, null],
    ['exactly 20 MiB', { name: 'besar.png', size: maxEvidenceBytes, type: 'image/png' }, null],
    ['over 20 MiB', { name: 'video.png', size: maxEvidenceBytes + 1, type: 'image/png' }, 'too_large'],
    ['an empty file', { name: 'kosong.pdf', size: 0, type: 'application/pdf' }, 'empty'],
    ['a video', { name: 'rekaman.mp4', size: 100, type: 'video/mp4' }, 'unsupported_type'],
    ['an old Word file', { name: 'surat.doc', size: 100, type: 'application/msword' }, 'unsupported_type'],
  ])('%s', (_name, file, want) => {
    expect(checkEvidenceFile(file)).toBe(want);
  });
});

describe('EvidenceList', () => {
  const file = {
    id: 7,
    indicator: 'PR.ST.10',
    original_name: 'foto-atribut.png',
    media_type: 'image/png',
    size: 2048,
    uploaded_by_name: 'Dewi Lestari',
    uploaded_at: '2023-08-02T02:30:00Z',
  };

  it('names the uploader and removes a file only after confirmation', async () => {
    const removed: number[] = [];
    renderUI(<EvidenceList files={[file]} onDelete={async (e) => void removed.push(e.id)} />);
    expect(screen.getByText(/Dewi Lestari/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Hapus berkas foto-atribut.png' }));
    const dialog = await screen.findByRole('dialog', { name: 'Hapus berkas bukti?' });
    expect(removed).toEqual([]);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Batal' }));
    expect(removed).toEqual([]);
    await userEvent.click(screen.getByRole('button', { name: 'Hapus berkas foto-atribut.png' }));
    await userEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Ya, hapus' }));
    await waitFor(() => expect(removed).toEqual([7]));
  });

  it('shows why a removal failed and keeps the dialog open', async () => {
    renderUI(
      <EvidenceList
        files={[file]}
        onDelete={() => Promise.reject(new ApiError({ type: '/problems/state', title: 'Conflict', status: 409, detail: 'the unit is waiting for review' }))}
      />,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Hapus berkas foto-atribut.png' }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Ya, hapus' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('the unit is waiting for review');
  });

  it('offers no removal without onDelete (read-only)', () => {
    renderUI(<EvidenceList files={[file]} />);
    expect(screen.queryByRole('button', { name: /Hapus/ })).toBeNull();
  });
});
