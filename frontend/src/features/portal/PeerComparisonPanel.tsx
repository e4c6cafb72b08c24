import { Alert, Anchor, Box, NativeSelect, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LoadingState } from '../../components/LoadingState';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useFormat } from '../../i18n/format';
import { rankingsPath, useProvinces, useRankings } from '../public-results/api';
import type { Dimension } from '../public-results/types';
import { isNotFound } from '../results/api';
import { dimensionLabel } from '../results/DimensionBar';
import { groupLabel, peerGroupChoices } from '../results/groups';
import { peerComparison, type OwnResult, type PeerStat } from './peer';

const PeerChart = lazy(() => import('./PeerChart'));

/** PeerComparisonPanelProps: the entity, its own result, and the year's dimensions. */
export interface PeerComparisonPanelProps {
  year: number;
  kind: string;
  province: string | null;
  own: OwnResult;
  dimensions: readonly Dimension[];
}

/**
 * PeerComparisonPanel sets the entity's points per dimension against the
 * average and the best of its peer group, computed from the group's public
 * ranking of that year: a chart for the eye and a table with the numbers.
 */
export function PeerComparisonPanel({ year, kind, province, own, dimensions }: PeerComparisonPanelProps) {
  const { t } = useTranslation();
  const f = useFormat();
  const provinces = useProvinces();
  const provinceName = (code: string) => provinces.data?.find((p) => p.code === code)?.name;
  const choices = peerGroupChoices(kind, province);
  const [choice, setChoice] = useState(0);
  const phone = useMediaQuery('(max-width: 35.99em)', false);
  const peer = choices[choice] ?? choices[0];
  const ranking = useRankings(peer ? { year, group: peer.group, province: peer.province } : null);
  const label = (c: { group: string; province?: string }) => groupLabel(c.province ? `${c.group}/${c.province}` : c.group, t, provinceName);

  let body;
  if (!peer) {
    body = <Text c="dimmed">{t('portal.peer.noGroup')}</Text>;
  } else if (ranking.isPending) {
    body = <LoadingState rows={4} />;
  } else if (ranking.isError) {
    body = isNotFound(ranking.error) ? (
      <Alert color="navy" role="note">{t('portal.peer.notPublished')}</Alert>
    ) : (
      <ProblemAlert error={ranking.error} onRetry={() => void ranking.refetch()} />
    );
  } else if (ranking.data.items.length === 0) {
    body = <Alert color="navy" role="note">{t('portal.peer.notPublished')}</Alert>;
  } else {
    const cmp = peerComparison(ranking.data.items, own, dimensions.length > 0 ? dimensions : ranking.data.period.method.dimensions);
    const names = cmp.dimensions.map((d) => dimensionLabel({ code: d.code, name: d.name, name_en: d.nameEn }, f.lang, d.code));
    const series = [
      { name: t('portal.peer.own'), values: cmp.dimensions.map((d) => d.own) },
      { name: t('portal.peer.average'), values: cmp.dimensions.map((d) => d.average) },
      { name: t('portal.peer.best'), values: cmp.dimensions.map((d) => d.best) },
    ];
    const publicLink = rankingsPath({ year, group: peer.group, province: peer.province }).replace('/api/v1/public/rankings', '/publik');
    body = (
      <Stack gap="sm">
        <Text>
          {cmp.rank
            ? t('portal.peer.rank', { rank: f.number(cmp.rank), n: f.number(cmp.count), group: label(peer) })
            : t('portal.peer.count', { n: f.number(cmp.count), group: label(peer) })}
        </Text>
        {cmp.dimensions.length > 0 && (
          <Suspense fallback={<LoadingState />}>
            <PeerChart categories={names} series={series} format={(v) => f.score(v)} />
          </Suspense>
        )}
        {phone ? (
          <Stack gap="sm" component="section" aria-label={t('portal.peer.caption', { group: label(peer), year, n: f.number(cmp.count) })} data-testid="peer-list">
            {[...cmp.dimensions.map((d, i) => ({ key: d.code, label: names[i] ?? d.code, max: d.max, stat: d as PeerStat })), { key: 'total', label: t('portal.peer.total'), max: 100, stat: cmp.score }].map((row) => (
              <PeerCard key={row.key} label={row.label} max={row.max} stat={row.stat} />
            ))}
          </Stack>
        ) : (
          <Table.ScrollContainer minWidth={0} type="native" style={{ position: 'relative' }}>
            <Table data-testid="peer-table">
              <Table.Caption style={{ textAlign: 'left' }}>
                {t('portal.peer.caption', { group: label(peer), year, n: f.number(cmp.count) })}
              </Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('publicResults.method.dimension')}</Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('portal.peer.own')}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('portal.peer.average')}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('portal.peer.best')}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('portal.peer.gapToBest')}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {cmp.dimensions.map((d, i) => (
                  <PeerRow key={d.code} label={names[i] ?? d.code} max={d.max} stat={d} />
                ))}
                <PeerRow label={t('portal.peer.total')} max={100} stat={cmp.score} strong />
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        <Text size="sm" c="dimmed">
          {t('portal.peer.note')}{' '}
          <Anchor component={Link} to={publicLink}>
            {t('portal.peer.publicLink')}
          </Anchor>
        </Text>
      </Stack>
    );
  }

  return (
    <Stack gap="sm">
      <Title order={2} fz="h3" id="perbandingan">
        {t('portal.peer.title')}
      </Title>
      {choices.length > 1 && (
        <NativeSelect
          label={t('portal.peer.group')}
          value={String(choice)}
          data={choices.map((c, i) => ({ value: String(i), label: label(c) }))}
          onChange={(e) => setChoice(Number(e.currentTarget.value))}
          maw={420}
        />
      )}
      {body}
    </Stack>
  );
}

function PeerRow({ label, max, stat, strong = false }: { label: string; max: number; stat: PeerStat; strong?: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const v = (x: number | null) => (x === null ? '–' : f.score(x));
  return (
    <Table.Tr fw={strong ? 700 : undefined}>
      <Table.Th scope="row" fw={strong ? 700 : 500}>
        {label}
        {!strong && (
          <Text size="xs" c="dimmed" fw={400} style={{ whiteSpace: 'nowrap' }}>
            {t('portal.peer.max', { max: f.score(max) })}
          </Text>
        )}
      </Table.Th>
      <Table.Td ta="right" className="p4-tabular" fw={700}>
        {v(stat.own)}
      </Table.Td>
      <Table.Td ta="right" className="p4-tabular">
        {v(stat.average)}
      </Table.Td>
      <Table.Td ta="right" className="p4-tabular">
        {v(stat.best)}
        {stat.bestEntities.length > 0 && (
          <Text size="xs" c="dimmed" fw={400}>
            {stat.bestEntities.slice(0, 2).join(', ')}
            {stat.bestEntities.length > 2 ? ` +${stat.bestEntities.length - 2}` : ''}
          </Text>
        )}
      </Table.Td>
      <Table.Td ta="right" className="p4-tabular">
        {stat.gapToBest === null ? '–' : stat.gapToBest === 0 ? t('portal.peer.isBest') : `−${f.score(Math.abs(stat.gapToBest))}`}
      </Table.Td>
    </Table.Tr>
  );
}

function PeerCard({ label, max, stat }: { label: string; max: number; stat: PeerStat }) {
  const { t } = useTranslation();
  const f = useFormat();
  const v = (x: number | null) => (x === null ? '–' : f.score(x));
  return (
    <Box p="sm" style={{ border: '1px solid var(--mantine-color-slate-2)', borderRadius: 'var(--mantine-radius-md)' }}>
      <Text fw={700}>
        {label}{' '}
        <Text span size="xs" c="dimmed" fw={400}>
          {t('portal.peer.max', { max: f.score(max) })}
        </Text>
      </Text>
      <SimpleGrid cols={3} spacing="xs" mt={4}>
        {[
          [t('portal.peer.own'), v(stat.own)],
          [t('portal.peer.average'), v(stat.average)],
          [t('portal.peer.best'), v(stat.best)],
        ].map(([k, val], i) => (
          <Box key={k}>
            <Text size="xs" c="dimmed">
              {k}
            </Text>
            <Text className="p4-tabular" fw={i === 0 ? 700 : 500}>
              {val}
            </Text>
          </Box>
        ))}
      </SimpleGrid>
      {stat.bestEntities.length > 0 && (
        <Text size="xs" c="dimmed" mt={4}>
          {t('portal.peer.best')}: {stat.bestEntities.join(', ')}
          {stat.gapToBest !== null && stat.gapToBest < 0 ? ` · ${t('portal.peer.gapToBest')} −${f.score(Math.abs(stat.gapToBest))}` : ''}
        </Text>
      )}
    </Box>
  );
}
