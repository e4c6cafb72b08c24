import { Container } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState';
import type { Role } from '../../domain/types';
import { NotFoundPage } from '../not-found/NotFoundPage';
import type { User } from '../session/types';

/** Roles that compare entities: leadership, coordinators, admin. */
export const rankingRoles: readonly Role[] = ['leadership', 'coordinator', 'admin'];

/**
 * StaffOnly shows its page to the roles given. An agency user gets the
 * not-found page, as for any other entity's data (they may not even learn
 * that the page exists); other roles are told the page is not theirs.
 */
export function StaffOnly({ user, roles = rankingRoles, children }: { user: User; roles?: readonly Role[]; children: ReactNode }) {
  const { t } = useTranslation();
  if (roles.includes(user.role)) return <>{children}</>;
  if (user.role === 'agency') return <NotFoundPage />;
  return (
    <Container py="xl">
      <EmptyState headingOrder={1} title={t('results.forbidden.title')} description={t('results.forbidden.body')} />
    </Container>
  );
}
