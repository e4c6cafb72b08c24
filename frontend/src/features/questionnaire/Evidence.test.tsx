import { describe, expect, it } from 'vitest';
import { checkEvidenceFile, maxEvidenceBytes } from './Evidence';

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
