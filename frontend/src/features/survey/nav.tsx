import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { IconMessage } from '../../components/icons';
import type { User } from '../session/types';

/**
 * surveyNavItems: coordinators and admins reach the period's survey settings
 * and its units; assessors reach a unit's survey from its questionnaire.
 */
export function surveyNavItems(user: User | null, t: TFunction): { to: string; label: string; icon: ReactNode }[] {
  if (!user || (user.role !== 'coordinator' && user.role !== 'admin')) return [];
  return [{ to: '/survei', label: t('survey.title'), icon: <IconMessage /> }];
}
