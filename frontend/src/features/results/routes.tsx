import type { RouteObject } from 'react-router';
import { PortalHome, PortalPage } from '../portal/PortalPage';
import { PublicEntityPage } from '../public-results/PublicEntityPage';
import { EntityResultPage } from '../ranking/EntityResultPage';
import { RankingPage } from '../ranking/RankingPage';
import { RequireAuth } from '../session/RequireAuth';
import { StaffOnly } from './StaffOnly';

/**
 * resultsRoutes are the pages of results: the ranked comparison and its
 * drill-down (leadership, coordinators, admin), the agency's report card,
 * and an entity's public page. routes.tsx places them in the app shell.
 */
export const resultsRoutes: RouteObject[] = [
  { path: 'publik/entitas/:id', element: <PublicEntityPage /> },
  {
    path: 'peringkat',
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
  { path: 'instansi', element: <RequireAuth>{(user) => <PortalHome user={user} />}</RequireAuth> },
  { path: 'instansi/:id', element: <RequireAuth>{(user) => <PortalPage user={user} />}</RequireAuth> },
];
