import { EmptyState as MantineEmptyState } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { IconInbox } from './icons';

/** EmptyStateProps: what is missing and, optionally, what to do next. */
export interface EmptyStateProps {
  title?: string;
  description?: ReactNode;
  icon?: ReactNode;
  /** Heading level of the title: 1 when the empty state is the whole page. */
  headingOrder?: 1 | 2 | 3 | 4;
  /** Buttons or links offering a way on. */
  children?: ReactNode;
}

/** EmptyState tells the user a list has nothing to show, and why. */
export function EmptyState({ title, description, icon, headingOrder = 2, children }: EmptyStateProps) {
  const { t } = useTranslation();
  return (
    <MantineEmptyState role="status" py="xl" variant="light" color="navy" icon={icon ?? <IconInbox size={28} />}>
      <MantineEmptyState.Title order={headingOrder}>{title ?? t('state.emptyTitle')}</MantineEmptyState.Title>
      <MantineEmptyState.Description>{description ?? t('state.emptyBody')}</MantineEmptyState.Description>
      {children && <MantineEmptyState.Actions>{children}</MantineEmptyState.Actions>}
    </MantineEmptyState>
  );
}
