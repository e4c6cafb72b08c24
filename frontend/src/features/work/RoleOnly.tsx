import { Container } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState';
import { usePageTitle } from '../../layout/usePageTitle';
import type { Role } from '../../domain/types';
import type { User } from '../session/types';

/** RoleOnly shows its page to the given roles and tells anyone else, in words, that it is not theirs. */
export function RoleOnly({ user, roles, children }: { user: User; roles: readonly Role[]; children: ReactNode }) {
  const { t } = useTranslation();
  const allowed = roles.includes(user.role);
  usePageTitle(allowed ? undefined : t('problem.title.forbidden'));
  if (allowed) return <>{children}</>;
  return (
    <Container py="xl">
      <EmptyState headingOrder={1} title={t('problem.title.forbidden')} description={t('work.notForRole', { role: t(`role.${user.role}`) })} />
    </Container>
  );
}
