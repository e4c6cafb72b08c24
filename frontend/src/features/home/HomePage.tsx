import { Anchor, Container, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import type { User } from '../session/types';

/** HomePageProps: the signed-in user. */
export interface HomePageProps {
  user: User;
}

/** HomePage is /beranda, the signed-in start page; each role's work menu comes later. */
export function HomePage({ user }: HomePageProps) {
  const { t } = useTranslation();
  return (
    <Container py="xl">
      <PageHeader title={t('home.welcome', { name: user.name })} description={t('home.role', { role: t(`role.${user.role}`) })} />
      <Paper>
        <Stack gap="sm">
          <Text>{t('home.placeholder')}</Text>
          <Anchor component={Link} to="/publik">
            {t('publicResults.title')}
          </Anchor>
        </Stack>
      </Paper>
    </Container>
  );
}
