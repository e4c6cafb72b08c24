import type { RouteObject } from 'react-router';
import { periodRoles } from '../periods/nav';
import { RequireAuth } from '../session/RequireAuth';
import { RoleOnly } from '../work/RoleOnly';
import { ComparePage } from './ComparePage';
import { InstrumentPage } from './InstrumentPage';
import { MappingPage } from './MappingPage';

/**
 * instrumentRoutes are a period's instrument pages, reached from the
 * period: the tree and its editor, the comparison with another year, and
 * the mapping to last year's indicators.
 */
export const instrumentRoutes: RouteObject[] = [
  {
    path: 'admin/periode/:year/instrumen',
    element: (
      <RequireAuth>
        {(user) => (
          <RoleOnly user={user} roles={periodRoles}>
            <InstrumentPage user={user} />
          </RoleOnly>
        )}
      </RequireAuth>
    ),
  },
  {
    path: 'admin/periode/:year/instrumen/bandingkan',
    element: (
      <RequireAuth>
        {(user) => (
          <RoleOnly user={user} roles={periodRoles}>
            <ComparePage />
          </RoleOnly>
        )}
      </RequireAuth>
    ),
  },
  {
    path: 'admin/periode/:year/instrumen/pemetaan',
    element: (
      <RequireAuth>
        {(user) => (
          <RoleOnly user={user} roles={periodRoles}>
            <MappingPage user={user} />
          </RoleOnly>
        )}
      </RequireAuth>
    ),
  },
];
