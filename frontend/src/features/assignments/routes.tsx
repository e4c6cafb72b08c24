import type { RouteObject } from 'react-router';
import { RequireAuth } from '../session/RequireAuth';
import { RoleOnly } from '../work/RoleOnly';
import { lazyPage, preloadPages } from '../../layout/lazyPage';

const AssignmentsPage = lazyPage(() => import('./AssignmentsPage'), 'AssignmentsPage');

/** assignmentsRoutes: /admin/penugasan, assessors per unit (admins; coordinators for their province). */
export const assignmentsRoutes: RouteObject[] = [
  {
    path: 'admin/penugasan',
    lazy: preloadPages(AssignmentsPage),
    element: (
      <RequireAuth>
        {(user) => (
          <RoleOnly user={user} roles={['admin', 'coordinator']}>
            <AssignmentsPage user={user} />
          </RoleOnly>
        )}
      </RequireAuth>
    ),
  },
];
