import type { RouteObject } from 'react-router';
import { RequireAuth } from '../session/RequireAuth';
import { RoleOnly } from '../work/RoleOnly';
import { periodRoles } from './nav';
import { lazyPage, preloadPages } from '../../layout/lazyPage';

const PeriodPage = lazyPage(() => import('./PeriodPage'), 'PeriodPage');
const PeriodsPage = lazyPage(() => import('./PeriodsPage'), 'PeriodsPage');

/**
 * periodsRoutes are the pages of setting up a period: the list with a new
 * period (admin), and one period with its schedule, opening, closing and
 * publication. Coordinators and leadership read them.
 */
export const periodsRoutes: RouteObject[] = [
  {
    path: 'admin/periode',
    lazy: preloadPages(PeriodsPage),
    element: (
      <RequireAuth>
        {(user) => (
          <RoleOnly user={user} roles={periodRoles}>
            <PeriodsPage user={user} />
          </RoleOnly>
        )}
      </RequireAuth>
    ),
  },
  {
    path: 'admin/periode/:year',
    lazy: preloadPages(PeriodPage),
    element: (
      <RequireAuth>
        {(user) => (
          <RoleOnly user={user} roles={periodRoles}>
            <PeriodPage user={user} />
          </RoleOnly>
        )}
      </RequireAuth>
    ),
  },
];
