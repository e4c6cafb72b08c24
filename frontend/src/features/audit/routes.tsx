import type { RouteObject } from 'react-router';
import { RequireAuth } from '../session/RequireAuth';
import { RoleOnly } from '../work/RoleOnly';
import { lazyPage, preloadPages } from '../../layout/lazyPage';

const AuditPage = lazyPage(() => import('./AuditPage'), 'AuditPage');

/** auditRoutes: /admin/audit (admins and leadership; coordinators their province). */
export const auditRoutes: RouteObject[] = [
  {
    path: 'admin/audit',
    lazy: preloadPages(AuditPage),
    element: (
      <RequireAuth>
        {(user) => (
          <RoleOnly user={user} roles={['admin', 'coordinator', 'leadership']}>
            <AuditPage user={user} />
          </RoleOnly>
        )}
      </RequireAuth>
    ),
  },
];
