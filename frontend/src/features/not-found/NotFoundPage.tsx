import { Button, Container } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '../../components/EmptyState';
import { IconCompass } from '../../components/icons';
import { usePageTitle } from '../../layout/usePageTitle';

/** NotFoundPage answers any address the app does not know. */
export function NotFoundPage() {
  const { t } = useTranslation();
  usePageTitle(t('notFound.title'));
  return (
    <Container py="xl">
      <EmptyState headingOrder={1} icon={<IconCompass size={28} />} title={t('notFound.title')} description={t('notFound.body')}>
        <Button component={Link} to="/">
          {t('notFound.back')}
        </Button>
      </EmptyState>
    </Container>
  );
}
