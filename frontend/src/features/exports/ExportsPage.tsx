import { Anchor, Badge, Container, Group, Paper, Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState';
import { LoadingState } from '../../components/LoadingState';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useFormat } from '../../i18n/format';
import { formatBytes } from '../questionnaire/Evidence';
import { formatDateTime } from '../questionnaire/format';
import { isPending, useMyExports, type ExportJob } from './api';

const knownStates = ['queued', 'running', 'done', 'failed', 'expired'] as const;

/**
 * ExportsPage is /unduhan: the workbooks the user asked to be made in the
 * background, newest first, with their progress and, once ready, the file.
 */
export function ExportsPage() {
  const { t } = useTranslation();
  const jobs = useMyExports();
  return (
    <Container py="xl">
      <PageHeader title={t('exports.pageTitle')} description={t('exports.intro')} />
      {jobs.isPending && <LoadingState rows={3} />}
      {jobs.isError && <ProblemAlert error={jobs.error} onRetry={() => void jobs.refetch()} />}
      {jobs.data && jobs.data.length === 0 && <EmptyState title={t('exports.emptyTitle')} description={t('exports.emptyBody')} />}
      {jobs.data && jobs.data.length > 0 && (
        <Stack gap="sm" component="ul" aria-label={t('exports.listLabel')} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {jobs.data.map((j) => (
            <JobRow key={j.id} job={j} />
          ))}
        </Stack>
      )}
    </Container>
  );
}

function JobRow({ job: j }: { job: ExportJob }) {
  const { t } = useTranslation();
  const f = useFormat();
  const state: (typeof knownStates)[number] = knownStates.find((s) => s === j.state) ?? 'queued';
  const what = j.params?.province
    ? t('exports.workbookProvince', { year: j.params.year, province: j.params.province })
    : t('exports.workbookNation', { year: j.params?.year });
  return (
    <Paper component="li" p={{ base: 'sm', sm: 'md' }} data-export-id={j.id}>
      <Group justify="space-between" gap="sm" wrap="wrap" align="flex-start">
        <Stack gap={4} style={{ minWidth: 0, flex: '1 1 16rem' }}>
          <Text fw={600}>{what}</Text>
          <Text size="sm" c="dimmed">
            {t('exports.requestedAt', { date: formatDateTime(j.created_at, f.lang) })}
          </Text>
          {isPending(j) && <Progress value={j.progress} aria-label={t('exports.progressLabel')} maw={320} />}
          {j.state === 'done' && j.file_url && (
            <Anchor href={j.file_url} download={j.file_name} style={{ minHeight: 44, display: 'inline-flex', alignItems: 'center' }}>
              {t('exports.downloadFile', { name: j.file_name ?? '' })}
              {j.file_size ? ` (${formatBytes(j.file_size, f.number)})` : ''}
            </Anchor>
          )}
          {j.error && (
            <Text size="sm" c="var(--mantine-color-error)">
              {j.error}
            </Text>
          )}
        </Stack>
        <Badge variant="light" color={j.state === 'failed' ? 'red' : 'navy'} radius="sm" styles={{ label: { textTransform: 'none' } }}>
          {t(`exports.state.${state}`)}
          {isPending(j) ? ` · ${j.progress}%` : ''}
        </Badge>
      </Group>
    </Paper>
  );
}
