import { Group, Stack, Table, Text, Title } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { CategoryBadge } from '../../components/CategoryBadge';
import { LoadingState } from '../../components/LoadingState';
import { OpinionLabel } from '../../components/OpinionLabel';
import { ScoreValue } from '../../components/ScoreValue';
import { ZoneChip } from '../../components/ZoneChip';
import { useFormat } from '../../i18n/format';
import { useProvinces } from '../public-results/api';
import { groupLabel } from './groups';
import { historyRows } from './history';
import { IconUnlink } from './icons';
import type { HistoryEntry } from './types';

const HistoryChart = lazy(() => import('./HistoryChart'));

/**
 * HistoryPanel shows an entity's published results across years: a chart
 * and a table with each year's method, marking where the method changed
 * and scores stop being comparable.
 */
export function HistoryPanel({ history, headingOrder = 2 }: { history: readonly HistoryEntry[]; headingOrder?: 2 | 3 }) {
  const { t } = useTranslation();
  const f = useFormat();
  const provinces = useProvinces();
  const provinceName = (code: string) => provinces.data?.find((p) => p.code === code)?.name;
  const rows = historyRows(history);
  const latest = rows[rows.length - 1];
  const latestFamily = latest ? latest.method.family || latest.method.code : '';
  const bars = rows
    .filter((r) => r.score !== null)
    .map((r) => ({
      year: String(r.year),
      score: r.score as number,
      label: r.category ? `${f.score(r.score as number)} · ${r.category}` : f.score(r.score as number),
      otherMethod: (r.method.family || r.method.code) !== latestFamily,
    }));
  const methodChanged = rows.some((r) => !r.comparable);
  return (
    <Stack gap="sm">
      <Title order={headingOrder} fz="h3">
        {t('results.history.title')}
      </Title>
      {rows.length === 0 ? (
        <Text c="dimmed">{t('results.history.empty')}</Text>
      ) : (
        <>
          {bars.length > 1 && (
            <>
              <Suspense fallback={<LoadingState />}>
                <HistoryChart bars={bars} />
              </Suspense>
              {methodChanged && (
                <Text size="sm" c="dimmed" aria-hidden="true">
                  {t('results.history.chartLegend')}
                </Text>
              )}
            </>
          )}
          <Table.ScrollContainer minWidth={640} type="native" style={{ position: 'relative' }}>
            <Table data-testid="history-table">
              <Table.Caption style={{ textAlign: 'left' }}>{t('results.history.caption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('results.history.year')}</Table.Th>
                  <Table.Th scope="col">{t('results.history.method')}</Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('publicResults.ranking.score')}
                  </Table.Th>
                  <Table.Th scope="col">{t('publicResults.ranking.category')}</Table.Th>
                  <Table.Th scope="col">{t('publicResults.ranking.opinion')}</Table.Th>
                  <Table.Th scope="col">{t('publicResults.ranking.zone')}</Table.Th>
                  <Table.Th scope="col">{t('results.history.ranks')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {[...rows].reverse().map((r) => (
                  <Table.Tr key={r.year} data-year={r.year}>
                    <Table.Th scope="row" className="p4-tabular">
                      {r.year}
                    </Table.Th>
                    <Table.Td>
                      <Text size="sm">{f.lang === 'en' && r.method.name_en ? r.method.name_en : r.method.name}</Text>
                      {!r.comparable && r.previousYear && (
                        <Group gap={4} mt={4} wrap="nowrap" align="flex-start" data-method-change>
                          <IconUnlink size={14} style={{ flex: 'none', marginTop: 2 }} />
                          <Text size="xs" fw={600}>
                            {t('results.history.methodChanged', { year: r.previousYear })}
                          </Text>
                        </Group>
                      )}
                    </Table.Td>
                    <Table.Td ta="right">
                      <ScoreValue value={r.score} />
                      {r.delta !== null && (
                        <Text size="xs" c="dimmed" className="p4-tabular">
                          {t('results.history.delta', { delta: `${r.delta > 0 ? '+' : r.delta < 0 ? '−' : '±'}${f.score(Math.abs(r.delta))}`, year: r.previousYear })}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <CategoryBadge category={r.category} />
                    </Table.Td>
                    <Table.Td>
                      <OpinionLabel opinion={r.opinion} />
                    </Table.Td>
                    <Table.Td>
                      <ZoneChip zone={r.zone} size="sm" />
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {Object.entries(r.ranks).map(([g, rank]) => (
                          <Text key={g} size="sm">
                            {t('results.history.rankIn', { rank: f.number(rank), group: groupLabel(g, t, provinceName) })}
                          </Text>
                        ))}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
    </Stack>
  );
}
