import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { IconMessage } from '../../components/icons';
import type { Role } from '../../domain/types';
import type { User } from '../session/types';

/** objectionRoles may open the objection queue: coordinators decide (their province), admin decides anywhere, leadership reads. */
export const objectionRoles: readonly Role[] = ['coordinator', 'admin', 'leadership'];

/** objectionsNavItems are the navigation entries this feature adds for a user's role. */
export function objectionsNavItems(user: User | null, t: TFunction): { to: string; label: string; icon: ReactNode }[] {
  if (!user || !objectionRoles.includes(user.role)) return [];
  return [{ to: '/sanggahan', label: t('objections.nav'), icon: <IconMessage /> }];
}
