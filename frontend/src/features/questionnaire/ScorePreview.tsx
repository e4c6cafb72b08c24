import { Alert, Group, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { IconAlertCircle } from '../../components/icons';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ScoreValue } from '../../components/ScoreValue';
import { useFormat } from '../../i18n/format';
import type { UnitScore } from './types';

/** ScorePreviewProps: the unit's live score and the dimension names in the page's language. */
export interface ScorePreviewProps {
  score: UnitScore | undefined;
  error: unknown;
  refreshing: boolean;
  dimensionNames: Map<string, string>;
  onRetry: () => void;
}

/**
 * ScorePreview shows what the unit scores with the answers saved so far:
 * the total of 100 and each dimension's points of its weight. An incomplete
 * unit says so plainly: its unanswered indicators count as 0.
 */
export function ScorePreview({ score, error, refreshing, dimensionNames, onRetry }: ScorePreviewProps) {
  const { t } = useTranslation();
  const f = useFormat();
  const id = useId();
  return (
    <Paper component="section" aria-labelledby={id} aria-busy={refreshing} data-testid="score-preview">
      <Stack gap="sm">
        <Title order={2} size="h4" id={id}>
          {t('scorePreview.previewTitle')}
        </Title>
        {error ? <ProblemAlert error={error} onRetry={onRetry} /> : null}
        {score && (
          <>
            <Group gap={8} align="baseline">
              <ScoreValue value={score.score} size="2rem" />
              <Text c="dimmed">{t('scorePreview.of100')}</Text>
            </Group>
            {score.complete ? (
              <Text size="sm" c="navy.8" fw={600}>
                {t('scorePreview.complete')}
              </Text>
            ) : (
              <Alert color="grape" variant="light" icon={<IconAlertCircle size={20} />} p="xs" title={t('scorePreview.incomplete')}>
                <Text size="sm">{t('scorePreview.incompleteBody', { count: score.unanswered.length })}</Text>
              </Alert>
            )}
            <Stack gap={8} component="dl" m={0}>
              {score.dimensions.map((d) => (
                <div key={d.code}>
                  <Group justify="space-between" gap="xs" wrap="nowrap">
                    <Text component="dt" size="sm" fw={600}>
                      {dimensionNames.get(d.code) ?? d.name}
                    </Text>
                    <Text component="dd" m={0} size="sm" className="p4-tabular">
                      {t('scorePreview.points', { points: f.score(d.points), max: f.score(d.max) })}
                    </Text>
                  </Group>
                  <Progress value={Math.max(0, Math.min(100, d.percent))} size="md" radius="sm" aria-hidden="true" />
                </div>
              ))}
            </Stack>
            <Text size="xs" c="dimmed">
              {refreshing ? t('scorePreview.refreshing') : t('scorePreview.note')}
            </Text>
          </>
        )}
      </Stack>
    </Paper>
  );
}
