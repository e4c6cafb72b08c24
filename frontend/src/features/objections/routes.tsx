import type { RouteObject } from 'react-router';
import { RequireAuth } from '../session/RequireAuth';
import { RoleOnly } from '../work/RoleOnly';
import { objectionRoles } from './nav';
import { lazyPage, preloadPages } from '../../layout/lazyPage';

const ObjectionDecisionPage = lazyPage(() => import('./ObjectionDecisionPage'), 'ObjectionDecisionPage');
const ObjectionQueuePage = lazyPage(() => import('./ObjectionQueuePage'), 'ObjectionQueuePage');

/**
 * objectionsRoutes are the coordinator's objection (sanggahan) queue and
 * decision screen; admin and leadership see them too (leadership read-only).
 * routes.tsx places them in the app shell.
 */
export const objectionsRoutes: RouteObject[] = [
  {
    path: 'sanggahan',
    lazy: preloadPages(ObjectionQueuePage),
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
    lazy: preloadPages(ObjectionDecisionPage),
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
