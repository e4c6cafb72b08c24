import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockFetch, problem, type Call } from '../../test/fetch';
import { renderAt, renderPage } from '../../test/render';
import { coordinatorUser } from '../questionnaire/testdata';
import { WorkbookDownload } from './WorkbookDownload';

const job = { id: 7, kind: 'workbook', params: { year: 2022 }, requested_by: 4, created_at: '2026-11-27T01:00:00Z' };

describe('WorkbookDownload', () => {
  it("links a province's workbook directly", () => {
    mockFetch(() => problem(404, {}));
    renderPage(<WorkbookDownload year={2022} province="17" />);
    expect(screen.getByRole('link', { name: 'Unduh Excel' })).toHaveAttribute('href', '/api/v1/periods/2022/workbook.xlsx?province=17');
  });

  it('has the national workbook made in the background, shows progress, then links the file', async () => {
    let asked = 0;
    const calls = mockFetch((c: Call) => {
      if (c.method === 'POST' && c.url === '/api/v1/exports') return json(202, { ...job, state: 'queued', progress: 0 });
      if (c.url === '/api/v1/exports/7') {
        asked++;
        return asked < 2
          ? json(200, { ...job, state: 'running', progress: 40 })
          : json(200, { ...job, state: 'done', progress: 100, file_name: 'p4-2022-nasional.xlsx', file_url: '/api/v1/exports/7/file' });
      }
      return problem(404, { detail: c.url });
    });
    renderPage(<WorkbookDownload year={2022} />);
    await userEvent.click(screen.getByRole('button', { name: 'Unduh Excel' }));
    expect(calls.find((c) => c.method === 'POST')).toMatchObject({ body: { kind: 'workbook', year: 2022 } });
    expect(await screen.findByText('Menyiapkan berkas Excel… 40%', {}, { timeout: 5000 })).toBeInTheDocument();
    expect(await screen.findByText('Berkas siap', {}, { timeout: 8000 })).toBeInTheDocument();
    expect(await screen.findByRole('link', { name: 'Unduh p4-2022-nasional.xlsx' }, { timeout: 8000 })).toHaveAttribute('href', '/api/v1/exports/7/file');
  });
});

describe('ExportsPage', () => {
  it("lists the user's exports with their state and file", async () => {
    mockFetch((c: Call) => {
      if (c.url === '/api/v1/session') return json(200, { user: coordinatorUser });
      if (c.url === '/api/v1/exports')
        return json(200, {
          items: [
            { ...job, id: 9, params: { year: 2023, province: '17' }, state: 'running', progress: 55 },
            { ...job, state: 'done', progress: 100, file_name: 'p4-2022-nasional.xlsx', file_size: 20480, file_url: '/api/v1/exports/7/file' },
          ],
        });
      return problem(404, { detail: c.url });
    });
    renderAt('/unduhan');
    const rows = await screen.findAllByRole('listitem', {}, { timeout: 5000 });
    const running = rows.find((r) => r.textContent?.includes('Rekap pimpinan 2023 · provinsi 17'))!;
    expect(running).toHaveTextContent('Sedang disiapkan · 55%');
    const done = rows.find((r) => r.textContent?.includes('Rekap pimpinan 2022 · nasional'))!;
    expect(done).toHaveTextContent('Siap diunduh');
    expect(within(done).getByRole('link', { name: /^Unduh p4-2022-nasional\.xlsx/ })).toHaveAttribute('href', '/api/v1/exports/7/file');
  });
});
