import type { RouteObject } from 'react-router';
import { RequireAuth } from '../session/RequireAuth';
import { RoleOnly } from '../work/RoleOnly';
import { lazyPage, preloadPages } from '../../layout/lazyPage';

const UsersPage = lazyPage(() => import('./UsersPage'), 'UsersPage');

/** usersRoutes: /admin/pengguna, the accounts (admins only). */
export const usersRoutes: RouteObject[] = [
  {
    path: 'admin/pengguna',
    lazy: preloadPages(UsersPage),
    element: (
      <RequireAuth>
        {(user) => (
          <RoleOnly user={user} roles={['admin']}>
            <UsersPage user={user} />
          </RoleOnly>
        )}
      </RequireAuth>
    ),
  },
];
