import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { IconClipboardList } from '../../components/icons';
import type { Role } from '../../domain/types';
import type { User } from '../session/types';

/** periodRoles may open the period pages: admins change them, coordinators and leadership read them. */
export const periodRoles: readonly Role[] = ['admin', 'coordinator', 'leadership'];

/** periodsNavItems: "Periode" for the roles that may read periods. */
export function periodsNavItems(user: User | null, t: TFunction): { to: string; label: string; icon: ReactNode }[] {
  if (!user || !periodRoles.includes(user.role)) return [];
  return [{ to: '/admin/periode', label: t('periods.nav'), icon: <IconClipboardList /> }];
}
