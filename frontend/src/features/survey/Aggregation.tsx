import { Badge, Group, Paper, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { SurveyItemResult, SurveyQuestion, SurveyView } from './api';
import { questionText } from './text';

/** percentShown writes the server's truncated percentage with the language's decimal mark. */
export function percentShown(p: string | null, lang: string): string {
  if (p === null) return '—';
  return `${lang === 'en' ? p : p.replace('.', ',')}%`;
}

/**
 * SampleProgress shows a unit's sample against its target, with the
 * self-completed responses and each product's count against its quota.
 */
export function SampleProgress({ view }: { view: SurveyView }) {
  const { t } = useTranslation();
  const id = useId();
  const p = view.progress;
  const pct = p.target > 0 ? Math.min(100, (100 * p.respondents) / p.target) : 0;
  return (
    <Paper component="section" aria-labelledby={id} p="md" withBorder data-testid="sample-progress">
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Title order={2} size="h4" id={id}>
            {t('survey.progress.title')}
          </Title>
          {p.below_target ? (
            <Badge color="orange" variant="light" size="lg">
              {t('survey.progress.belowBadge', { count: p.remaining })}
            </Badge>
          ) : (
            <Badge color="teal" variant="light" size="lg" data-testid="sample-complete">
              ✓ {t('survey.progress.complete')}
            </Badge>
          )}
        </Group>
        <Text size="lg" fw={700} className="p4-tabular" data-testid="sample-count">
          {t('survey.progress.count', { count: p.respondents, target: p.target })}
        </Text>
        <Progress value={pct} size="lg" radius="sm" aria-label={t('survey.progress.count', { count: p.respondents, target: p.target })} />
        <Text size="sm" c="dimmed">
          {t(`survey.progress.source.${view.target_source}`, { defaultValue: view.target_source })}
          {p.self_completed > 0 && ` · ${t('survey.progress.selfCompleted', { count: p.self_completed })}`}
        </Text>
        {p.products.length > 0 && (
          <Table.ScrollContainer minWidth={260}>
          <Table fz="sm" verticalSpacing={4} horizontalSpacing="xs" aria-label={t('survey.progress.products')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('survey.progress.product')}</Table.Th>
                <Table.Th ta="right">{t('survey.progress.respondents')}</Table.Th>
                <Table.Th ta="right">{t('survey.progress.quota')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {p.products.map((pr) => (
                <Table.Tr key={pr.product}>
                  <Table.Td>{pr.product}</Table.Td>
                  <Table.Td ta="right" className="p4-tabular">
                    {pr.respondents}
                  </Table.Td>
                  <Table.Td ta="right" className="p4-tabular">
                    {pr.target > 0 ? (pr.respondents >= pr.target ? `✓ ${pr.target}` : pr.target) : '—'}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Paper>
  );
}

/**
 * AggregationTable shows, per perception item, what the respondents'
 * answers give: the sample size, favourable / unfavourable / don't know,
 * the favourable share and the value written into the answer.
 */
export function AggregationTable({ items, questions, respondents }: { items: readonly SurveyItemResult[]; questions: readonly SurveyQuestion[]; respondents: number }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? 'id';
  const id = useId();
  const byCode = new Map(questions.map((q) => [q.indicator, q]));
  return (
    <Paper component="section" aria-labelledby={id} p="md" withBorder>
      <Title order={2} size="h4" id={id} mb={4}>
        {t('survey.aggregate.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="xs" data-testid="aggregate-n">
        {t('survey.aggregate.sample', { count: respondents })}
      </Text>
      <Table.ScrollContainer minWidth={280}>
        <Table fz="sm" verticalSpacing={6} horizontalSpacing="xs" data-testid="aggregate-table" aria-labelledby={id}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('survey.aggregate.item')}</Table.Th>
              <Table.Th ta="right">{t('survey.aggregate.share')}</Table.Th>
              <Table.Th ta="right">{t('survey.aggregate.value')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((it) => {
              const q = byCode.get(it.indicator);
              return (
                <Table.Tr key={it.indicator} data-indicator={it.indicator}>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {q ? questionText(q, lang).name : it.indicator}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {t('survey.aggregate.counts', { fav: it.favourable, unfav: it.unfavourable, na: it.na })}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right" className="p4-tabular">
                    {percentShown(it.percent, lang)}
                  </Table.Td>
                  <Table.Td ta="right" className="p4-tabular" fw={700}>
                    {it.na_answer ? t('survey.aggregate.naAnswer') : it.value === null ? '—' : it.value}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
