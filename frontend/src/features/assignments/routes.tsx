import type { RouteObject } from 'react-router';
import { RequireAuth } from '../session/RequireAuth';
import { RoleOnly } from '../work/RoleOnly';
import { AssignmentsPage } from './AssignmentsPage';

/** assignmentsRoutes: /admin/penugasan, assessors per unit (admins; coordinators for their province). */
export const assignmentsRoutes: RouteObject[] = [
  {
    path: 'admin/penugasan',
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
