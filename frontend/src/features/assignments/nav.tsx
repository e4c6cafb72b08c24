import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { IconClipboardList } from '../../components/icons';
import type { User } from '../session/types';

/** assignmentsNavItems: Penugasan, for admins and coordinators. */
export function assignmentsNavItems(user: User | null, t: TFunction): { to: string; label: string; icon: ReactNode }[] {
  if (user?.role === 'admin' || user?.role === 'coordinator') return [{ to: '/admin/penugasan', label: t('assignments.nav'), icon: <IconClipboardList /> }];
  return [];
}
