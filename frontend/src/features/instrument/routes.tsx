import type { RouteObject } from 'react-router';
import { periodRoles } from '../periods/nav';
import { RequireAuth } from '../session/RequireAuth';
import { RoleOnly } from '../work/RoleOnly';
import { lazyPage, preloadPages } from '../../layout/lazyPage';

const ComparePage = lazyPage(() => import('./ComparePage'), 'ComparePage');
const InstrumentPage = lazyPage(() => import('./InstrumentPage'), 'InstrumentPage');
const MappingPage = lazyPage(() => import('./MappingPage'), 'MappingPage');

/**
 * instrumentRoutes are a period's instrument pages, reached from the
 * period: the tree and its editor, the comparison with another year, and
 * the mapping to last year's indicators.
 */
export const instrumentRoutes: RouteObject[] = [
  {
    path: 'admin/periode/:year/instrumen',
    lazy: preloadPages(InstrumentPage),
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
    lazy: preloadPages(ComparePage),
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
    lazy: preloadPages(MappingPage),
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
