import { Anchor, Box, Group, NativeSelect, Stack, Table, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CategoryBadge } from '../../components/CategoryBadge';
import { OpinionLabel } from '../../components/OpinionLabel';
import { ScoreValue } from '../../components/ScoreValue';
import { ZoneChip } from '../../components/ZoneChip';
import { useFormat } from '../../i18n/format';
import type { Dimension, RankingItem } from '../public-results/types';
import { DimensionBar, dimensionLabel } from '../results/DimensionBar';
import { IconChevronDown, IconChevronUp, IconSort } from '../results/icons';
import { Movement } from '../results/Movement';
import { defaultDir, type SortKey, type SortState } from './rankingView';

/** RankingGridProps: the rows to show (already filtered and sorted) and how. */
export interface RankingGridProps {
  rows: readonly RankingItem[];
  caption: string;
  dimensions: readonly Dimension[];
  withCategory: boolean;
  previousYear: number | null;
  sort: SortState;
  onSort: (s: SortState) => void;
  /** Where an entity's row links to. */
  entityHref: (row: RankingItem) => string;
}

/**
 * RankingGrid is the ranked comparison: a sortable table on tablets and
 * desktops (every column header is a button that says how it sorts), a
 * list of cards with a sort selector on phones.
 */
export function RankingGrid(props: RankingGridProps) {
  const phone = useMediaQuery('(max-width: 47.99em)', false);
  return phone ? <RankingCards {...props} /> : <RankingTableView {...props} />;
}

function dimPoints(row: RankingItem, code: string) {
  const d = row.dimensions.find((x) => x.dimension === code && !x.unit_id);
  return d ? { points: d.points, max: d.max_points, percent: d.percent } : null;
}

function RankingTableView({ rows, caption, dimensions, withCategory, previousYear, sort, onSort, entityHref }: RankingGridProps) {
  const { t } = useTranslation();
  const f = useFormat();
  const th = (key: SortKey, label: ReactNode, align: 'left' | 'right' = 'left', w?: number) => (
    <SortHeader key={key} sortKey={key} label={label} sort={sort} onSort={onSort} align={align} w={w} />
  );
  return (
    <Table.ScrollContainer minWidth={960} type="native" style={{ position: 'relative' }}>
      <Table striped highlightOnHover captionSide="top" data-testid="ranking-table">
        <Table.Caption style={{ textAlign: 'left' }}>
          <Text fw={600} c="navy.9" size="md">
            {caption}
          </Text>
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            {th('rank', t('publicResults.ranking.rank'), 'left', 96)}
            {th('entity', t('publicResults.ranking.entity'))}
            {th('score', t('publicResults.ranking.score'), 'right')}
            {withCategory && th('category', t('publicResults.ranking.category'))}
            <Table.Th scope="col">{t('publicResults.ranking.opinion')}</Table.Th>
            {th('zone', t('publicResults.ranking.zone'))}
            {dimensions.map((d) => th(`dim:${d.code}`, dimensionLabel(d, f.lang)))}
            {th('movement', previousYear ? t('results.movement.headerYear', { year: previousYear }) : t('results.movement.header'))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.entity_id} data-entity-id={r.entity_id}>
              <Table.Td className="p4-tabular" fw={700}>
                {r.rank}
              </Table.Td>
              <Table.Th scope="row" fw={600}>
                <Anchor component={Link} to={entityHref(r)} fw={600} underline="hover">
                  {r.entity}
                </Anchor>
                {r.complete === false && (
                  <Text size="xs" c="dimmed" fw={400}>
                    {t('ranking.incomplete')}
                  </Text>
                )}
              </Table.Th>
              <Table.Td ta="right">
                <ScoreValue value={r.score} />
              </Table.Td>
              {withCategory && (
                <Table.Td>
                  <CategoryBadge category={r.category} />
                </Table.Td>
              )}
              <Table.Td>
                <OpinionLabel opinion={r.opinion} />
              </Table.Td>
              <Table.Td>
                <ZoneChip zone={r.zone} size="sm" />
              </Table.Td>
              {dimensions.map((d) => {
                const p = dimPoints(r, d.code);
                return (
                  <Table.Td key={d.code}>
                    <DimensionBar points={p?.points} max={p?.max ?? d.weight} percent={p?.percent} label={dimensionLabel(d, f.lang)} width={104} />
                  </Table.Td>
                );
              })}
              <Table.Td>
                <Movement
                  movement={r.movement}
                  previousRank={r.previous_rank}
                  previousScore={r.previous_score}
                  notComparable={r.not_comparable}
                  previousYear={previousYear}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

interface SortHeaderProps {
  sortKey: SortKey;
  label: ReactNode;
  sort: SortState;
  onSort: (s: SortState) => void;
  align: 'left' | 'right';
  w?: number;
}

function SortHeader({ sortKey, label, sort, onSort, align, w }: SortHeaderProps) {
  const { t } = useTranslation();
  const active = sort.key === sortKey;
  const Icon = !active ? IconSort : sort.dir === 'asc' ? IconChevronUp : IconChevronDown;
  const next = active ? (sort.dir === 'asc' ? 'desc' : 'asc') : defaultDir(sortKey);
  return (
    <Table.Th scope="col" w={w} aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined} ta={align}>
      <UnstyledButton
        onClick={() => onSort({ key: sortKey, dir: next })}
        style={{ display: 'inline-flex', alignItems: 'center', gap: 4, fontWeight: 700, minHeight: 32, whiteSpace: 'nowrap' }}
      >
        {label}
        <Icon size={14} />
        <VisuallyHidden>{t(next === 'asc' ? 'ranking.sort.toAsc' : 'ranking.sort.toDesc')}</VisuallyHidden>
      </UnstyledButton>
    </Table.Th>
  );
}

function RankingCards({ rows, caption, dimensions, withCategory, previousYear, sort, onSort, entityHref }: RankingGridProps) {
  const { t } = useTranslation();
  const f = useFormat();
  const options: { value: string; label: string }[] = [
    { value: 'rank:asc', label: t('ranking.sort.rank') },
    { value: 'score:desc', label: t('ranking.sort.scoreDesc') },
    { value: 'score:asc', label: t('ranking.sort.scoreAsc') },
    { value: 'entity:asc', label: t('ranking.sort.entity') },
    { value: 'movement:desc', label: t('ranking.sort.movement') },
    ...dimensions.map((d) => ({ value: `dim:${d.code}:desc`, label: t('ranking.sort.dimension', { name: dimensionLabel(d, f.lang) }) })),
  ];
  const current = `${sort.key}:${sort.dir}`;
  if (!options.some((o) => o.value === current)) options.push({ value: current, label: t('ranking.sort.custom') });
  return (
    <Box component="section" aria-label={caption}>
      <Text fw={600} c="navy.9" mb="sm">
        {caption}
      </Text>
      <NativeSelect
        label={t('ranking.sort.label')}
        value={current}
        data={options}
        mb="sm"
        onChange={(e) => {
          const v = e.currentTarget.value;
          const i = v.lastIndexOf(':');
          onSort({ key: v.slice(0, i) as SortKey, dir: v.slice(i + 1) as 'asc' | 'desc' });
        }}
      />
      <Stack component="ol" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
        {rows.map((r) => (
          <Box
            component="li"
            key={r.entity_id}
            data-entity-id={r.entity_id}
            p="sm"
            style={{ border: '1px solid var(--mantine-color-slate-2)', borderRadius: 'var(--mantine-radius-md)', background: 'white' }}
          >
            <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
              <Group gap="sm" align="flex-start" wrap="nowrap" style={{ minWidth: 0 }}>
                <Text fw={800} size="lg" className="p4-tabular" c="navy.9" miw={28}>
                  <VisuallyHidden>{t('publicResults.ranking.rank')} </VisuallyHidden>
                  {r.rank}
                </Text>
                <Anchor component={Link} to={entityHref(r)} fw={600} style={{ minWidth: 0 }}>
                  {r.entity}
                </Anchor>
              </Group>
              <ScoreValue value={r.score} size="lg" />
            </Group>
            <Group gap={6} mt="xs" ml={40}>
              {withCategory && <CategoryBadge category={r.category} />}
              <ZoneChip zone={r.zone} size="sm" />
            </Group>
            <Box ml={40} mt={4}>
              <OpinionLabel opinion={r.opinion} />
            </Box>
            <Stack gap={6} ml={40} mt="xs">
              {dimensions.map((d) => {
                const p = dimPoints(r, d.code);
                return (
                  <Group key={d.code} gap="xs" wrap="nowrap" justify="space-between">
                    <Text size="sm" style={{ minWidth: 0 }} truncate>
                      {dimensionLabel(d, f.lang)}
                    </Text>
                    <DimensionBar points={p?.points} max={p?.max ?? d.weight} percent={p?.percent} width={112} />
                  </Group>
                );
              })}
            </Stack>
            <Box ml={40} mt="xs">
              <Movement
                movement={r.movement}
                previousRank={r.previous_rank}
                previousScore={r.previous_score}
                notComparable={r.not_comparable}
                previousYear={previousYear}
              />
            </Box>
          </Box>
        ))}
      </Stack>
    </Box>
  );
}

