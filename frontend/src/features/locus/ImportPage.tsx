import { Container, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { ImportPanel } from './ImportPanel';
import { importKinds } from './importErrors';

/** ImportPage is /admin/impor: every import P4 takes, each with its template. */
export function ImportPage() {
  const { t } = useTranslation();
  return (
    <Container py="xl">
      <PageHeader title={t('locus.import.title')} description={t('locus.import.intro')} />
      <Stack gap="lg">
        {importKinds.map((k) => (
          <ImportPanel key={k} kind={k} />
        ))}
      </Stack>
    </Container>
  );
}
