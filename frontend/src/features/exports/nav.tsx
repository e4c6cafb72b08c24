import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import type { User } from '../session/types';

/** exportsNavItems are the navigation entries this feature adds for a user's role. */
export function exportsNavItems(user: User | null, t: TFunction): { to: string; label: string; icon: ReactNode }[] {
  void user;
  void t;
  return [];
}
