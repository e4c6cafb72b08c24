import { Anchor, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LoadingState } from '../../components/LoadingState';
import { useFormat } from '../../i18n/format';
import { formatBytes } from '../questionnaire/Evidence';
import { formatDateTime } from '../questionnaire/format';
import { objectionFileHref, type ObjectionFile } from './api';

/** FileList lists an objection's files with download links. */
export function FileList({ files, objectionId }: { files: ObjectionFile[] | undefined; objectionId: number }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (!files) return <LoadingState rows={1} />;
  if (files.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t('objections.noEvidence')}
      </Text>
    );
  return (
    <Stack gap={4} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label={t('objections.agencyEvidence')}>
      {files.map((x) => (
        <li key={x.id}>
          <Anchor href={objectionFileHref(objectionId, x.id)} download={x.original_name} style={{ overflowWrap: 'anywhere', minHeight: 44, display: 'inline-flex', alignItems: 'center' }}>
            {x.original_name}
          </Anchor>
          <Text size="xs" c="dimmed">
            {formatBytes(x.size, f.number)} · {x.uploaded_by_name ? `${x.uploaded_by_name} · ` : ''}
            {formatDateTime(x.uploaded_at, f.lang)}
          </Text>
        </li>
      ))}
    </Stack>
  );
}

