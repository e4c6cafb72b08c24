import { SimpleGrid, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadingState } from '../../components/LoadingState';
import { useAfterFirstPaint } from '../../components/useAfterFirstPaint';
import { categories, zones, type Category, type Zone } from '../../domain/types';
import { useFormat } from '../../i18n/format';
import type { Band } from '../public-results/types';

const CategoryChart = lazy(() => import('./CategoryChart'));
const ZoneChart = lazy(() => import('../public-results/ZoneChart'));

/** DistributionPanelProps: the counts of a ranking and the bands that define them. */
export interface DistributionPanelProps {
  zoneCounts: Record<string, number>;
  categoryCounts: Record<string, number>;
  bands: readonly Band[];
}

/**
 * DistributionPanel shows how many entities of a group hold each category
 * and each zone: two charts with value labels and zone patterns for the
 * eye, and one table with the same numbers for screen readers.
 */
export function DistributionPanel({ zoneCounts, categoryCounts, bands }: DistributionPanelProps) {
  const { t } = useTranslation();
  const f = useFormat();
  const letters = bands.some((b) => b.category !== null);
  const zoneOf = (c: Category): Zone | null => bands.find((b) => b.category === c)?.zone ?? null;
  const zoneLabels = Object.fromEntries(zones.map((z) => [z, t(`zone.${z}`)])) as Record<Zone, string>;
  const zc = Object.fromEntries(zones.map((z) => [z, zoneCounts[z] ?? 0])) as Record<Zone, number>;
  const charts = useAfterFirstPaint();
  const bars = categories.map((c) => ({ label: t('category.label', { letter: c }), value: categoryCounts[c] ?? 0, zone: zoneOf(c) }));

  return (
    <Stack gap="sm">
      <Title order={2} fz="h3">
        {t('ranking.distribution.title')}
      </Title>
      <SimpleGrid cols={{ base: 1, md: letters ? 2 : 1 }} spacing="lg">
        {letters && (
          <Stack gap={4}>
            <Text fw={600} size="sm" aria-hidden="true">
              {t('ranking.distribution.categories')}
            </Text>
            <Suspense fallback={<LoadingState />}>
              {charts ? <CategoryChart bars={bars} formatCount={(n) => f.number(n)} /> : <LoadingState />}
            </Suspense>
          </Stack>
        )}
        <Stack gap={4}>
          <Text fw={600} size="sm" aria-hidden="true">
            {t('ranking.distribution.zones')}
          </Text>
          <Suspense fallback={<LoadingState />}>
            {charts ? <ZoneChart counts={zc} labels={zoneLabels} formatCount={(n) => f.number(n)} /> : <LoadingState />}
          </Suspense>
        </Stack>
      </SimpleGrid>
      <Text size="sm" c="dimmed" aria-hidden="true">
        {t('ranking.distribution.patterns')}
      </Text>
      <VisuallyHidden>
        <table>
          <caption>{t('ranking.distribution.tableCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('ranking.distribution.band')}</th>
              <th scope="col">{t('publicResults.distribution.count')}</th>
            </tr>
          </thead>
          <tbody>
            {letters &&
              bars.map((b) => (
                <tr key={b.label}>
                  <th scope="row">{b.zone ? `${b.label} (${zoneLabels[b.zone]})` : b.label}</th>
                  <td>{f.number(b.value)}</td>
                </tr>
              ))}
            {zones.map((z) => (
              <tr key={z}>
                <th scope="row">{zoneLabels[z]}</th>
                <td>{f.number(zc[z])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </VisuallyHidden>
    </Stack>
  );
}
