import type { RouteObject } from 'react-router';
import { RequireAuth } from '../session/RequireAuth';
import { RoleOnly } from '../work/RoleOnly';
import { lazyPage, preloadPages } from '../../layout/lazyPage';

const EntityPage = lazyPage(() => import('./EntityPage'), 'EntityPage');
const ImportPage = lazyPage(() => import('./ImportPage'), 'ImportPage');
const LocusPage = lazyPage(() => import('./LocusPage'), 'LocusPage');

/** locusRoutes are the locus pages (entities, units, a period's locus) and the admin's import page. */
export const locusRoutes: RouteObject[] = [
  {
    path: 'admin/lokus',
    lazy: preloadPages(LocusPage),
    element: (
      <RequireAuth>
        {(user) => (
          <RoleOnly user={user} roles={['admin', 'coordinator']}>
            <LocusPage user={user} />
          </RoleOnly>
        )}
      </RequireAuth>
    ),
  },
  {
    path: 'admin/lokus/:id',
    lazy: preloadPages(EntityPage),
    element: (
      <RequireAuth>
        {(user) => (
          <RoleOnly user={user} roles={['admin', 'coordinator']}>
            <EntityPage user={user} />
          </RoleOnly>
        )}
      </RequireAuth>
    ),
  },
  {
    path: 'admin/impor',
    lazy: preloadPages(ImportPage),
    element: (
      <RequireAuth>
        {(user) => (
          <RoleOnly user={user} roles={['admin']}>
            <ImportPage />
          </RoleOnly>
        )}
      </RequireAuth>
    ),
  },
];
