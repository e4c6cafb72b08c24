import { Anchor, Box, Group, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CategoryBadge } from '../../components/CategoryBadge';
import { OpinionLabel } from '../../components/OpinionLabel';
import { ScoreValue } from '../../components/ScoreValue';
import { ZoneChip } from '../../components/ZoneChip';
import { Movement } from '../results/Movement';
import type { RankingItem } from './types';

/** RankingTableProps: the ranked entities and how to present them. */
export interface RankingTableProps {
  items: readonly RankingItem[];
  caption: string;
  /** Show the category column (false for methods without letters). */
  withCategory: boolean;
  /** Show each entity's province under its name (national views). */
  withProvince: boolean;
  /** The year movement is measured against; no movement column without one. */
  previousYear?: number | null;
}

/** publicEntityHref is an entity's public page. */
export function publicEntityHref(entityId: number): string {
  return `/publik/entitas/${entityId}`;
}

/**
 * RankingTable lists ranked entities: a table on tablets and desktops, a
 * list of cards on phones (below 576px), so nothing scrolls sideways.
 */
export function RankingTable(props: RankingTableProps) {
  const phone = useMediaQuery('(max-width: 35.99em)', false);
  return phone ? <RankingList {...props} /> : <RankingGrid {...props} />;
}

function RankingGrid({ items, caption, withCategory, withProvince, previousYear }: RankingTableProps) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={640} type="native" style={{ position: 'relative' }}>
      <Table striped highlightOnHover captionSide="top" stickyHeader>
        <Table.Caption style={{ textAlign: 'left' }}>
          <Text fw={600} c="navy.9" size="md">
            {caption}
          </Text>
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" w={96}>
              {t('publicResults.ranking.rank')}
            </Table.Th>
            <Table.Th scope="col">{t('publicResults.ranking.entity')}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t('publicResults.ranking.score')}
            </Table.Th>
            {withCategory && <Table.Th scope="col">{t('publicResults.ranking.category')}</Table.Th>}
            <Table.Th scope="col">{t('publicResults.ranking.opinion')}</Table.Th>
            <Table.Th scope="col">{t('publicResults.ranking.zone')}</Table.Th>
            {previousYear && <Table.Th scope="col">{t('results.movement.headerYear', { year: previousYear })}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((it) => (
            <Table.Tr key={it.entity_id} data-entity-id={it.entity_id}>
              <Table.Td className="p4-tabular" fw={700}>
                {it.rank}
              </Table.Td>
              <Table.Th scope="row" fw={600}>
                <Anchor component={Link} to={publicEntityHref(it.entity_id)} fw={600} underline="hover">
                  {it.entity}
                </Anchor>
                {withProvince && it.province && (
                  <Text size="xs" c="dimmed" fw={400}>
                    {it.province}
                  </Text>
                )}
              </Table.Th>
              <Table.Td ta="right">
                <ScoreValue value={it.score} />
              </Table.Td>
              {withCategory && (
                <Table.Td>
                  <CategoryBadge category={it.category} />
                </Table.Td>
              )}
              <Table.Td>
                <OpinionLabel opinion={it.opinion} />
              </Table.Td>
              <Table.Td>
                <ZoneChip zone={it.zone} size="sm" />
              </Table.Td>
              {previousYear && (
                <Table.Td>
                  <Movement
                    movement={it.movement}
                    previousRank={it.previous_rank}
                    previousScore={it.previous_score}
                    notComparable={it.not_comparable}
                    previousYear={previousYear}
                  />
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function RankingList({ items, caption, withCategory, withProvince, previousYear }: RankingTableProps) {
  const { t } = useTranslation();
  return (
    <Box component="section" aria-label={caption}>
      <Text fw={600} c="navy.9" mb="sm">
        {caption}
      </Text>
      <Stack component="ol" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
        {items.map((it) => (
          <Box
            component="li"
            key={it.entity_id}
            data-entity-id={it.entity_id}
            p="sm"
            style={{ border: '1px solid var(--mantine-color-slate-2)', borderRadius: 'var(--mantine-radius-md)' }}
          >
            <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
              <Group gap="sm" align="flex-start" wrap="nowrap" style={{ minWidth: 0 }}>
                <Text fw={800} size="lg" className="p4-tabular" c="navy.9" miw={28}>
                  <VisuallyHidden>{t('publicResults.ranking.rank')} </VisuallyHidden>
                  {it.rank}
                </Text>
                <Box style={{ minWidth: 0 }}>
                  <Anchor component={Link} to={publicEntityHref(it.entity_id)} fw={600}>
                    {it.entity}
                  </Anchor>
                  {withProvince && it.province && (
                    <Text size="xs" c="dimmed">
                      {it.province}
                    </Text>
                  )}
                </Box>
              </Group>
              <ScoreValue value={it.score} size="lg" />
            </Group>
            <Group gap={6} mt="xs" ml={40}>
              {withCategory && <CategoryBadge category={it.category} />}
              <ZoneChip zone={it.zone} size="sm" />
            </Group>
            <Box ml={40} mt={4}>
              <OpinionLabel opinion={it.opinion} />
            </Box>
            {previousYear && (
              <Box ml={40} mt={4}>
                <Movement
                  movement={it.movement}
                  previousRank={it.previous_rank}
                  previousScore={it.previous_score}
                  notComparable={it.not_comparable}
                  previousYear={previousYear}
                />
              </Box>
            )}
          </Box>
        ))}
      </Stack>
    </Box>
  );
}
