import { Stack, Table, Title, VisuallyHidden } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { CategoryBadge } from '../../components/CategoryBadge';
import { LoadingState } from '../../components/LoadingState';
import { categories, zones, type Zone } from '../../domain/types';
import { useFormat } from '../../i18n/format';

const ZoneChart = lazy(() => import('./ZoneChart'));

/**
 * ZoneDistribution shows how many entities fall in each zone: a bar chart
 * for the eye and an equivalent table for screen readers.
 */
export function ZoneDistribution({ zoneCounts }: { zoneCounts: Record<string, number> }) {
  const { t } = useTranslation();
  const f = useFormat();
  const counts = Object.fromEntries(zones.map((z) => [z, zoneCounts[z] ?? 0])) as Record<Zone, number>;
  const labels = Object.fromEntries(zones.map((z) => [z, t(`zone.${z}`)])) as Record<Zone, string>;
  return (
    <Stack gap="sm">
      <Title order={2} fz="h3">
        {t('publicResults.distribution.title')}
      </Title>
      <Suspense fallback={<LoadingState />}>
        <ZoneChart counts={counts} labels={labels} formatCount={(n) => f.number(n)} />
      </Suspense>
      <VisuallyHidden>
        <table>
          <caption>{t('publicResults.distribution.tableCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('publicResults.distribution.zone')}</th>
              <th scope="col">{t('publicResults.distribution.count')}</th>
            </tr>
          </thead>
          <tbody>
            {zones.map((z) => (
              <tr key={z}>
                <th scope="row">{labels[z]}</th>
                <td>{f.number(counts[z])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </VisuallyHidden>
    </Stack>
  );
}

/** CategoryDistribution lists how many entities hold each category letter. */
export function CategoryDistribution({ categoryCounts }: { categoryCounts: Record<string, number> }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Stack gap="xs">
      <Title order={3} fz="h4">
        {t('publicResults.distribution.categoriesTitle')}
      </Title>
      <Table withRowBorders={false} verticalSpacing={4} horizontalSpacing={0} w="auto">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" pr="xl">
              <VisuallyHidden>{t('publicResults.ranking.category')}</VisuallyHidden>
            </Table.Th>
            <Table.Th scope="col" ta="right">
              <VisuallyHidden>{t('publicResults.distribution.count')}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {categories.map((c) => (
            <Table.Tr key={c}>
              <Table.Th scope="row" pr="xl" fw={400}>
                <CategoryBadge category={c} />
              </Table.Th>
              <Table.Td className="p4-tabular" fw={700} ta="right">
                {f.number(categoryCounts[c] ?? 0)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
