import { Alert, Anchor, Button, Group, Progress, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ProblemAlert } from '../../components/ProblemAlert';
import { IconDownload } from '../results/icons';
import { isPending, useExport, useRequestExport, workbookHref } from './api';

/**
 * WorkbookDownload offers the leadership workbook of the period and place a
 * page shows. A province's workbook is made while the request waits, so it
 * is a plain download; the whole nation is made in the background: the
 * button queues it, the progress shows here, and the file is linked when it
 * is ready (and stays listed under Unduhan).
 */
export function WorkbookDownload({ year, province }: { year: number; province?: string }) {
  const { t } = useTranslation();
  const request = useRequestExport();
  const [jobId, setJobId] = useState<number | null>(null);
  const job = useExport(jobId);

  if (province) {
    return (
      <Button component="a" href={workbookHref(year, province)} download variant="default" leftSection={<IconDownload size={18} />}>
        {t('exports.download')}
      </Button>
    );
  }
  const j = job.data;
  return (
    <Stack gap={6} maw={420}>
      <Group>
        <Button
          variant="default"
          leftSection={<IconDownload size={18} />}
          loading={request.isPending}
          disabled={j !== undefined && isPending(j)}
          onClick={() => request.mutate({ year }, { onSuccess: (created) => setJobId(created.id) })}
        >
          {t('exports.download')}
        </Button>
      </Group>
      {request.isError && <ProblemAlert error={request.error} />}
      {jobId !== null && !j && job.isError && <ProblemAlert error={job.error} onRetry={() => void job.refetch()} />}
      {j && isPending(j) && (
        <Stack gap={4} role="status" aria-live="polite">
          <Text size="sm">{t('exports.preparing', { progress: j.progress })}</Text>
          <Progress value={j.progress} aria-label={t('exports.progressLabel')} />
        </Stack>
      )}
      {j?.state === 'done' && j.file_url && (
        <Alert color="navy" role="status" title={t('exports.ready')}>
          <Anchor href={j.file_url} download={j.file_name}>
            {t('exports.downloadFile', { name: j.file_name ?? '' })}
          </Anchor>
        </Alert>
      )}
      {j && (j.state === 'failed' || j.state === 'expired') && (
        <Alert color="red" role="alert" title={t(j.state === 'failed' ? 'exports.state.failed' : 'exports.state.expired')}>
          {j.error ?? t('exports.tryAgain')}
        </Alert>
      )}
      {jobId !== null && (
        <Anchor component={Link} to="/unduhan" size="sm">
          {t('exports.seeAll')}
        </Anchor>
      )}
    </Stack>
  );
}
