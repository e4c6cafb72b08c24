import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { IconCompass, IconPaperclip } from '../../components/icons';
import type { User } from '../session/types';

/** locusNavItems: Lokus for admins and coordinators, Impor data for admins. */
export function locusNavItems(user: User | null, t: TFunction): { to: string; label: string; icon: ReactNode }[] {
  if (!user) return [];
  if (user.role === 'admin')
    return [
      { to: '/admin/lokus', label: t('locus.nav'), icon: <IconCompass /> },
      { to: '/admin/impor', label: t('locus.import.nav'), icon: <IconPaperclip /> },
    ];
  if (user.role === 'coordinator') return [{ to: '/admin/lokus', label: t('locus.nav'), icon: <IconCompass /> }];
  return [];
}
