import type { RouteObject } from 'react-router';
import { RequireAuth } from '../session/RequireAuth';
import { RoleOnly } from '../work/RoleOnly';
import { UsersPage } from './UsersPage';

/** usersRoutes: /admin/pengguna, the accounts (admins only). */
export const usersRoutes: RouteObject[] = [
  {
    path: 'admin/pengguna',
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
