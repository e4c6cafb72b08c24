import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { IconFile } from '../../components/icons';
import type { User } from '../session/types';

/** auditNavItems: Audit for admins, leadership, and coordinators (their province). */
export function auditNavItems(user: User | null, t: TFunction): { to: string; label: string; icon: ReactNode }[] {
  if (user && ['admin', 'coordinator', 'leadership'].includes(user.role)) return [{ to: '/admin/audit', label: t('audit.nav'), icon: <IconFile /> }];
  return [];
}
