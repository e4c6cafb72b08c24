import type { RouteObject } from 'react-router';
import { RequireAuth } from '../session/RequireAuth';
import { RoleOnly } from '../work/RoleOnly';
import { EntityPage } from './EntityPage';
import { ImportPage } from './ImportPage';
import { LocusPage } from './LocusPage';

/** locusRoutes are the locus pages (entities, units, a period's locus) and the admin's import page. */
export const locusRoutes: RouteObject[] = [
  {
    path: 'admin/lokus',
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
