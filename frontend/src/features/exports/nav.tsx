import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import type { Role } from '../../domain/types';
import { IconDownload } from '../results/icons';
import type { User } from '../session/types';

/** exportRoles may have workbooks made in the background. */
export const exportRoles: readonly Role[] = ['admin', 'leadership', 'coordinator'];

/** exportsNavItems are the navigation entries this feature adds for a user's role. */
export function exportsNavItems(user: User | null, t: TFunction): { to: string; label: string; icon: ReactNode }[] {
  if (!user || !exportRoles.includes(user.role)) return [];
  return [{ to: '/unduhan', label: t('exports.nav'), icon: <IconDownload /> }];
}
