import { Button, Container, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isRouteErrorResponse, Link, useRouteError } from 'react-router';
import { NotFoundPage } from '../features/not-found/NotFoundPage';
import { usePageTitle } from './usePageTitle';

/** RouteError replaces a page that failed to render, keeping the way home open. */
export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  usePageTitle(t('errorPage.title'));
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;
  return (
    <Container py="xl">
      <Stack gap="md" role="alert">
        <Title order={1}>{t('errorPage.title')}</Title>
        <Text>{t('errorPage.body')}</Text>
        <Group>
          <Button onClick={() => window.location.reload()}>{t('errorPage.reload')}</Button>
          <Button component={Link} to="/" variant="outline">
            {t('notFound.back')}
          </Button>
        </Group>
      </Stack>
    </Container>
  );
}
