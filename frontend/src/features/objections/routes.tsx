import type { RouteObject } from 'react-router';
import { RequireAuth } from '../session/RequireAuth';
import { RoleOnly } from '../work/RoleOnly';
import { objectionRoles } from './nav';
import { ObjectionDecisionPage } from './ObjectionDecisionPage';
import { ObjectionQueuePage } from './ObjectionQueuePage';

/**
 * objectionsRoutes are the coordinator's objection (sanggahan) queue and
 * decision screen; admin and leadership see them too (leadership read-only).
 * routes.tsx places them in the app shell.
 */
export const objectionsRoutes: RouteObject[] = [
  {
    path: 'sanggahan',
    element: (
      <RequireAuth>
        {(user) => (
          <RoleOnly user={user} roles={objectionRoles}>
            <ObjectionQueuePage />
          </RoleOnly>
        )}
      </RequireAuth>
    ),
  },
  {
    path: 'sanggahan/:id',
    element: (
      <RequireAuth>
        {(user) => (
          <RoleOnly user={user} roles={objectionRoles}>
            <ObjectionDecisionPage user={user} />
          </RoleOnly>
        )}
      </RequireAuth>
    ),
  },
];
