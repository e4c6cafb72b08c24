import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import type { User } from '../session/types';
import { IconListNumbers, IconReportCard } from './icons';
import { rankingRoles } from './StaffOnly';

/**
 * resultsNavItems are the results pages a user's role opens, for the app
 * shell's navigation: Peringkat for leadership, coordinators and admin;
 * Rapor Instansi for an agency user.
 */
export function resultsNavItems(user: User | null, t: TFunction): { to: string; label: string; icon: ReactNode }[] {
  if (!user) return [];
  if (rankingRoles.includes(user.role)) return [{ to: '/peringkat', label: t('nav.ranking'), icon: <IconListNumbers /> }];
  if (user.role === 'agency') return [{ to: '/instansi', label: t('nav.portal'), icon: <IconReportCard /> }];
  return [];
}
