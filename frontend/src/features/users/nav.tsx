import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { IconUser } from '../../components/icons';
import type { User } from '../session/types';

/** usersNavItems: Pengguna, for admins. */
export function usersNavItems(user: User | null, t: TFunction): { to: string; label: string; icon: ReactNode }[] {
  if (user?.role === 'admin') return [{ to: '/admin/pengguna', label: t('users.nav'), icon: <IconUser /> }];
  return [];
}
