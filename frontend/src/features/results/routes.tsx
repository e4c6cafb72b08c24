import type { RouteObject } from 'react-router';
import { RequireAuth } from '../session/RequireAuth';
import { StaffOnly } from './StaffOnly';
import { lazyPage, preloadPages } from '../../layout/lazyPage';
import { never, prefetchLoader } from '../../layout/prefetch';
import { prefetchPortal, prefetchRanking } from './prefetch';

const PortalHome = lazyPage(() => import('../portal/PortalPage'), 'PortalHome');
const PortalPage = lazyPage(() => import('../portal/PortalPage'), 'PortalPage');
const PublicEntityPage = lazyPage(() => import('../public-results/PublicEntityPage'), 'PublicEntityPage');
const EntityResultPage = lazyPage(() => import('../ranking/EntityResultPage'), 'EntityResultPage');
const RankingPage = lazyPage(() => import('../ranking/RankingPage'), 'RankingPage');

/**
 * resultsRoutes are the pages of results: the ranked comparison and its
 * drill-down (leadership, coordinators, admin), the agency's report card,
 * and an entity's public page. routes.tsx places them in the app shell.
 */
export const resultsRoutes: RouteObject[] = [
  { path: 'publik/entitas/:id', lazy: preloadPages(PublicEntityPage), element: <PublicEntityPage /> },
  {
    path: 'peringkat',
    lazy: preloadPages(RankingPage),
    loader: prefetchLoader(prefetchRanking),
    shouldRevalidate: never,
    element: (
      <RequireAuth>
        {(user) => (
          <StaffOnly user={user}>
            <RankingPage user={user} />
          </StaffOnly>
        )}
      </RequireAuth>
    ),
  },
  {
    path: 'peringkat/:year/entitas/:id',
    lazy: preloadPages(EntityResultPage),
    element: (
      <RequireAuth>
        {(user) => (
          <StaffOnly user={user}>
            <EntityResultPage user={user} />
          </StaffOnly>
        )}
      </RequireAuth>
    ),
  },
  {
    path: 'instansi',
    lazy: preloadPages(PortalHome),
    loader: prefetchLoader(prefetchPortal),
    shouldRevalidate: never,
    element: <RequireAuth>{(user) => <PortalHome user={user} />}</RequireAuth>,
  },
  {
    path: 'instansi/:id',
    lazy: preloadPages(PortalPage),
    loader: prefetchLoader(prefetchPortal),
    shouldRevalidate: never,
    element: <RequireAuth>{(user) => <PortalPage user={user} />}</RequireAuth>,
  },
];
