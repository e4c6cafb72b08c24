import { Box, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CategoryBadge } from '../../components/CategoryBadge';
import { OpinionLabel } from '../../components/OpinionLabel';
import { ScoreValue } from '../../components/ScoreValue';
import { ZoneChip } from '../../components/ZoneChip';
import type { Category, Zone } from '../../domain/types';
import { useFormat } from '../../i18n/format';
import type { Dimension } from '../public-results/types';
import { DimensionBar, dimensionLabel } from './DimensionBar';

/** ResultSummaryProps: an entity's score and band. */
export interface ResultSummaryProps {
  score: number | null;
  category: Category | null;
  opinion: string | null;
  zone: Zone | null;
  /** A line under the figures (ranks, state). */
  footer?: ReactNode;
  /** Shown beside the score, e.g. the year. */
  label?: string;
}

/** ResultSummary shows a result's four official figures side by side: score, category, opinion, zone. */
export function ResultSummary({ score, category, opinion, zone, footer, label }: ResultSummaryProps) {
  const { t } = useTranslation();
  return (
    <Paper data-testid="result-summary">
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="lg">
        <Box>
          <Text size="sm" c="dimmed">
            {label ?? t('publicResults.ranking.score')}
          </Text>
          <ScoreValue value={score} fz={36} fw={800} c="navy.9" lh={1.2} />
        </Box>
        <Stack gap={6}>
          <Text size="sm" c="dimmed">
            {t('publicResults.ranking.category')}
          </Text>
          <Box>
            <CategoryBadge category={category} />
          </Box>
        </Stack>
        <Stack gap={6}>
          <Text size="sm" c="dimmed">
            {t('publicResults.ranking.opinion')}
          </Text>
          <Box>
            <OpinionLabel opinion={opinion} />
          </Box>
        </Stack>
        <Stack gap={6}>
          <Text size="sm" c="dimmed">
            {t('publicResults.ranking.zone')}
          </Text>
          <Box>
            <ZoneChip zone={zone} />
          </Box>
        </Stack>
      </SimpleGrid>
      {footer && (
        <Group gap="md" mt="md">
          {footer}
        </Group>
      )}
    </Paper>
  );
}

/** DimensionRow is one dimension's points of a result. */
export interface DimensionRow {
  code: string;
  points: number;
  max: number;
  percent: number;
}

/** DimensionTable lists a result's points per dimension: name, bar with points of the weight, percentage. */
export function DimensionTable({ rows, dimensions, caption }: { rows: readonly DimensionRow[]; dimensions: readonly Dimension[]; caption: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const phone = useMediaQuery('(max-width: 35.99em)', false);
  return (
    <Stack gap="xs">
      <Title order={2} fz="h3">
        {caption}
      </Title>
      <Table.ScrollContainer minWidth={0} type="native" style={{ position: 'relative' }}>
        <Table horizontalSpacing={phone ? 'xs' : 'md'}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('publicResults.method.dimension')}</Table.Th>
              <Table.Th scope="col">{t('results.dimension.points')}</Table.Th>
              {!phone && (
                <Table.Th scope="col" ta="right">
                  {t('results.dimension.percent')}
                </Table.Th>
              )}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.code}>
                <Table.Th scope="row" fw={500}>
                  {dimensionLabel(
                    dimensions.find((d) => d.code === r.code),
                    f.lang,
                    r.code,
                  )}
                </Table.Th>
                <Table.Td>
                  <DimensionBar points={r.points} max={r.max} percent={r.percent} width={phone ? 110 : 160} />
                </Table.Td>
                {!phone && (
                  <Table.Td ta="right" className="p4-tabular">
                    {f.number(r.percent, { minimumFractionDigits: 2, maximumFractionDigits: 2 })} %
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

/** entityDimensionRows picks the entity-level rows (unit 0) of a snapshot's dimensions. */
export function entityDimensionRows(ds: readonly { unit_id?: number | null; dimension: string; points: number; max_points: number; percent: number }[]): DimensionRow[] {
  return ds.filter((d) => !d.unit_id).map((d) => ({ code: d.dimension, points: d.points, max: d.max_points, percent: d.percent }));
}
