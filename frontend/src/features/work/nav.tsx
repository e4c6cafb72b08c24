import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { IconClipboardCheck, IconClipboardList } from '../../components/icons';
import type { Role } from '../../domain/types';
import type { User } from '../session/types';

/** reviewRoles may review units: coordinators (their province) and administrators. */
export const reviewRoles: readonly Role[] = ['coordinator', 'admin'];

/**
 * assessmentNavItems are the work pages a user's role opens, for the app
 * shell's navigation: Pekerjaan saya for assessors, Tinjauan for
 * coordinators and administrators.
 */
export function assessmentNavItems(user: User | null, t: TFunction): { to: string; label: string; icon: ReactNode }[] {
  if (!user) return [];
  if (user.role === 'assessor') return [{ to: '/kerja', label: t('nav.work'), icon: <IconClipboardList /> }];
  if (reviewRoles.includes(user.role)) return [{ to: '/tinjau', label: t('nav.review'), icon: <IconClipboardCheck /> }];
  return [];
}
