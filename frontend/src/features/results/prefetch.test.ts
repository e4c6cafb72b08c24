import { createMemoryRouter } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { createQueryClient } from '../../App';
import { setPrefetchClient } from '../../layout/prefetch';
import { routes } from '../../routes';
import { json, mockFetch, route } from '../../test/fetch';
import { sessionQueryKey } from '../session/api';
import type { User } from '../session/types';
import { internalPeriods, regions } from './testdata';

const leader: User = { id: 3, name: 'Pimpinan', email: 'p@ombudsman.go.id', role: 'leadership', entity_id: null, province_code: null };
const agency: User = { id: 9, name: 'Humas Polres Kaur', email: 'polres@kaur.go.id', role: 'agency', entity_id: 12, province_code: '17' };

/**
 * The router starts the requests of the ranking and of the agency's report
 * card as soon as it knows the address, before the page's code has loaded
 * or anything is drawn: these tests create the router and draw nothing.
 */
function openAt(path: string, user: User | null) {
  const qc = createQueryClient();
  qc.setQueryData(sessionQueryKey, user);
  setPrefetchClient(qc);
  const calls = mockFetch(
    route({
      'GET /api/v1/periods': () => json(200, internalPeriods),
      'GET /api/v1/regions': () => json(200, regions),
    }),
  );
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const urls = () => calls.map((c) => c.url).sort();
  return { router, urls };
}

const settle = () => new Promise((r) => setTimeout(r, 50));

describe('route prefetches', () => {
  afterEach(() => setPrefetchClient(null));

  it('asks for the periods, the provinces and the ranking the address names', async () => {
    const { router, urls } = openAt('/peringkat?year=2024&group=pemkab', leader);
    await settle();
    expect(urls()).toEqual(['/api/v1/periods', '/api/v1/periods/2024/rankings?group=pemkab', '/api/v1/regions']);
    router.dispose();
  });

  it('asks for no ranking for an agency user, nor for anyone signed out', async () => {
    const a = openAt('/peringkat?year=2024&group=pemkab', agency);
    await settle();
    expect(a.urls()).toEqual([]);
    a.router.dispose();
    const b = openAt('/peringkat?year=2024&group=pemkab', null);
    await settle();
    expect(b.urls()).toEqual([]);
    b.router.dispose();
  });

  it("asks for the agency's own report card: history, periods, then each shared year and the newest's details", async () => {
    const { router, urls } = openAt('/instansi', agency);
    await settle();
    const years = internalPeriods.items.filter((p) => p.status !== 'planning').map((p) => p.year);
    const newest = Math.max(...years);
    expect(urls()).toEqual(
      [
        '/api/v1/periods',
        '/api/v1/public/entities/12',
        ...years.map((y) => `/api/v1/periods/${y}/entities/12/result`),
        `/api/v1/periods/${newest}/entities/12/explanation`,
        `/api/v1/periods/${newest}/entities/12/objections`,
        `/api/v1/periods/${newest}/method`,
      ].sort(),
    );
    router.dispose();
  });

  it("asks for nothing of another entity's report card", async () => {
    const { router, urls } = openAt('/instansi/13', agency);
    await settle();
    expect(urls()).toEqual([]);
    router.dispose();
  });

  it('does nothing without the app’s cache (component tests draw routes with a cache of their own)', async () => {
    setPrefetchClient(null);
    const calls = mockFetch(() => json(200, {}));
    const router = createMemoryRouter(routes, { initialEntries: ['/peringkat?year=2024&group=pemkab'] });
    await settle();
    expect(calls).toEqual([]);
    router.dispose();
  });
});
