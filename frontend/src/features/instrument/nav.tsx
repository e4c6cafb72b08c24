import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import type { User } from '../session/types';

/**
 * instrumentNavItems adds nothing to the menu: a period's instrument is
 * reached from the period's page (/admin/periode/:year/instrumen).
 */
export function instrumentNavItems(user: User | null, t: TFunction): { to: string; label: string; icon: ReactNode }[] {
  void user;
  void t;
  return [];
}
