import { Badge, Button, Container, Group, NativeSelect, Paper, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { EmptyState } from '../../components/EmptyState';
import { LoadingState } from '../../components/LoadingState';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { categories, isPeerGroup, nationalGroups, peerGroups, provincialGroups, zones, type Category, type PeerGroup, type Zone } from '../../domain/types';
import { hasLetters } from '../public-results/bands';
import type { Period } from '../public-results/types';
import { useInternalPeriods, useInternalRanking, useProvinceRegions, type InternalRankingQuery } from '../results/api';
import { earlyQuery } from '../results/prefetch';
import { NotAssessedList } from '../results/NotAssessedList';
import type { User } from '../session/types';
import { WorkbookDownload } from '../exports/WorkbookDownload';
import { DistributionPanel } from './DistributionPanel';
import { RankingGrid } from './RankingGrid';
import { defaultDir, defaultSort, filterRows, parseSortKey, sortRows, type SortState } from './rankingView';

/**
 * defaultPeriod is the newest published period, or the newest of all when
 * nothing is published yet.
 */
export function defaultPeriod(periods: readonly Period[]): Period | undefined {
  return periods.find((p) => p.status === 'published') ?? periods[0];
}

/**
 * RankingPage is /peringkat: the ranked comparison of a peer group for
 * leadership, coordinators and admin, with the distribution of categories
 * and zones, client-side filters, sortable columns and last year's
 * movement. Every choice lives in the address, so a view can be shared.
 * Coordinators see their own province only (the server enforces it too).
 */
export function RankingPage({ user }: { user: User }) {
  const { t } = useTranslation();
  const periods = useInternalPeriods();
  const [params, setParams] = useSearchParams();
  // Ask for the ranking and the provinces at the same time as the periods
  // rather than after them: when the address names the year, the ranking
  // it will show is known already (RankingBody's query is the same one, so
  // it finds this answer or the request in flight).
  useProvinceRegions();
  useInternalRanking(earlyQuery(user, params));

  // flushSync: the address is the filters' state, and the router updates it
  // asynchronously; without it a second change made right after the first
  // (pick a category, then type a name) would start from the stale address
  // and undo the first.
  const set = (changes: Record<string, string | undefined>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(changes)) {
          if (v) next.set(k, v);
          else next.delete(k);
        }
        return next;
      },
      { replace: true, flushSync: true },
    );

  let body;
  if (periods.isPending) {
    body = <LoadingState rows={6} />;
  } else if (periods.isError) {
    body = <ProblemAlert error={periods.error} onRetry={() => void periods.refetch()} />;
  } else if (periods.data.length === 0) {
    body = <EmptyState title={t('ranking.noPeriods.title')} description={t('ranking.noPeriods.body')} />;
  } else {
    const wanted = Number(params.get('year'));
    const period = periods.data.find((p) => p.year === wanted) ?? (defaultPeriod(periods.data) as Period);
    body = <RankingBody user={user} periods={periods.data} period={period} params={params} onChange={set} />;
  }

  return (
    <Container py="xl" size="xl">
      <PageHeader title={t('ranking.title')} description={t('ranking.intro')} />
      {body}
    </Container>
  );
}

interface RankingBodyProps {
  user: User;
  periods: Period[];
  period: Period;
  params: URLSearchParams;
  onChange: (changes: Record<string, string | undefined>) => void;
}

function RankingBody({ user, periods, period, params, onChange }: RankingBodyProps) {
  const { t } = useTranslation();
  const provinces = useProvinceRegions();
  const coordinator = user.role === 'coordinator';

  const g = params.get('group');
  const group: PeerGroup = isPeerGroup(g) ? g : 'pemda';
  const national = nationalGroups.includes(group);
  const provincial = provincialGroups.includes(group);
  const ownProvince = coordinator ? (user.province_code ?? undefined) : undefined;
  const chosen = params.get('province') || undefined;
  const province = national ? undefined : (ownProvince ?? chosen ?? (provincial ? provinces.data?.[0]?.code : undefined));
  const query: InternalRankingQuery | null = provincial && !province ? null : { year: period.year, group, province };
  const ranking = useInternalRanking(query);

  const c = params.get('category');
  const category = (categories as readonly string[]).includes(c ?? '') ? (c as Category) : '';
  const z = params.get('zone');
  const zone = (zones as readonly string[]).includes(z ?? '') ? (z as Zone) : '';
  const q = params.get('q') ?? '';

  const provinceName = provinces.data?.find((p) => p.code === province)?.name;
  const groupLabel = t(`publicResults.groups.${group}`);
  const caption =
    t('publicResults.ranking.caption', { group: groupLabel, year: period.year }) + (province ? ` · ${provinceName ?? province}` : '');

  const provinceData = [
    ...(provincial || coordinator ? [] : [{ value: '', label: t('publicResults.allProvinces') }]),
    ...(provinces.data ?? []).map((p) => ({ value: p.code, label: p.name })),
  ];
  if (province && !provinceData.some((d) => d.value === province)) provinceData.push({ value: province, label: province });

  let results;
  if (query === null) {
    results = provinces.isError ? (
      <ProblemAlert error={provinces.error} onRetry={() => void provinces.refetch()} />
    ) : provinces.isPending ? (
      <LoadingState rows={8} />
    ) : (
      <EmptyState title={t('publicResults.empty.title')} description={t('publicResults.empty.body')} />
    );
  } else if (ranking.isPending) {
    results = <LoadingState rows={8} />;
  } else if (ranking.isError) {
    results = <ProblemAlert error={ranking.error} onRetry={() => void ranking.refetch()} />;
  } else {
    const r = ranking.data;
    const dims = r.period.method.dimensions;
    const withCategory = !r.period.historical && (hasLetters(r.period.method.bands) || r.items.some((i) => i.category !== null));
    const sortKey = parseSortKey(params.get('sort'), dims.map((d) => d.code));
    const dirParam = params.get('dir');
    const sort: SortState = sortKey
      ? { key: sortKey, dir: dirParam === 'asc' || dirParam === 'desc' ? dirParam : defaultDir(sortKey) }
      : defaultSort;
    const rows = sortRows(filterRows(r.items, { q, category, zone }), sort);
    const filtered = q !== '' || category !== '' || zone !== '';
    results = (
      <Stack gap="lg" aria-busy={ranking.isPlaceholderData} style={{ opacity: ranking.isPlaceholderData ? 0.6 : 1 }}>
        {r.items.length === 0 ? (
          <Paper>
            <EmptyState title={t('publicResults.empty.title')} description={t('ranking.emptyGroup')} />
          </Paper>
        ) : (
          <>
            <Paper>
              <DistributionPanel zoneCounts={r.distribution.zones} categoryCounts={r.distribution.categories} bands={r.period.method.bands} />
            </Paper>
            <Paper>
              <Stack gap="sm">
                <Text size="sm" c="dimmed" role="status" aria-live="polite">
                  {t('ranking.showing', { shown: rows.length, total: r.items.length })}
                </Text>
                {rows.length === 0 ? (
                  <EmptyState title={t('ranking.noMatch.title')} description={t('ranking.noMatch.body')}>
                    <Button variant="default" onClick={() => onChange({ q: undefined, category: undefined, zone: undefined })}>
                      {t('ranking.filters.reset')}
                    </Button>
                  </EmptyState>
                ) : (
                  <RankingGrid
                    // A new group or year starts again from its first rows.
                    key={`${period.year}-${group}-${province ?? ''}`}
                    rows={rows}
                    caption={caption}
                    dimensions={dims}
                    withCategory={withCategory}
                    previousYear={r.previous_year ?? null}
                    sort={sort}
                    onSort={(s) => onChange({ sort: s.key === 'rank' && s.dir === 'asc' ? undefined : s.key, dir: s.key === 'rank' && s.dir === 'asc' ? undefined : s.dir })}
                    entityHref={(row) => `/peringkat/${period.year}/entitas/${row.entity_id}`}
                  />
                )}
                <Text size="sm" c="dimmed">
                  {t('publicResults.ranking.tieNote')}
                  {filtered ? ` ${t('ranking.filteredNote')}` : ''}
                </Text>
              </Stack>
            </Paper>
          </>
        )}
        {r.not_assessed.length > 0 && (
          <Paper>
            <NotAssessedList items={r.not_assessed} withProvince={!province} />
          </Paper>
        )}
      </Stack>
    );
  }

  return (
    <Stack gap="lg">
      <Paper component="section" aria-label={t('ranking.filters.label')}>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
          <NativeSelect
            label={t('publicResults.year')}
            value={String(period.year)}
            data={periods.map((p) => ({ value: String(p.year), label: `${p.year} · ${t(`ranking.status.${statusKey(p.status)}`)}` }))}
            onChange={(e) => onChange({ year: e.currentTarget.value })}
          />
          <NativeSelect
            label={t('publicResults.group')}
            value={group}
            data={peerGroups.map((pg) => ({ value: pg, label: t(`publicResults.groups.${pg}`) }))}
            // Keep the province in view when moving between groups.
            onChange={(e) => onChange({ group: e.currentTarget.value, province: province ?? chosen })}
          />
          <NativeSelect
            label={t('publicResults.province')}
            value={national ? '' : (province ?? '')}
            data={national ? [{ value: '', label: t('publicResults.allProvinces') }] : provinceData}
            disabled={national || coordinator || provinces.isError}
            description={
              coordinator
                ? t('ranking.filters.ownProvince')
                : national
                  ? t('publicResults.nationalOnly')
                  : provinces.isError
                    ? t('publicResults.provincesUnavailable')
                    : provincial
                      ? t('publicResults.provincialOnly')
                      : undefined
            }
            onChange={(e) => onChange({ province: e.currentTarget.value || undefined })}
          />
          <NativeSelect
            label={t('publicResults.ranking.category')}
            value={category}
            data={[{ value: '', label: t('ranking.filters.allCategories') }, ...categories.map((cat) => ({ value: cat, label: t('category.label', { letter: cat }) }))]}
            onChange={(e) => onChange({ category: e.currentTarget.value || undefined })}
          />
          <NativeSelect
            label={t('publicResults.ranking.zone')}
            value={zone}
            data={[{ value: '', label: t('ranking.filters.allZones') }, ...zones.map((zz) => ({ value: zz, label: t(`zone.${zz}`) }))]}
            onChange={(e) => onChange({ zone: e.currentTarget.value || undefined })}
          />
          <TextInput
            type="search"
            label={t('ranking.filters.search')}
            placeholder={t('ranking.filters.searchPlaceholder')}
            value={q}
            onChange={(e) => onChange({ q: e.currentTarget.value || undefined })}
          />
        </SimpleGrid>
        <Group gap="sm" mt="md">
          <Badge variant="light" color={period.status === 'published' ? 'navy' : 'slate'} radius="sm">
            {t(`ranking.status.${statusKey(period.status)}`)}
          </Badge>
          <Text size="sm" c="dimmed">
            {t('publicResults.methodName', { name: period.method.name })}
          </Text>
          {period.status !== 'published' && (
            <Text size="sm" c="dimmed">
              {t('ranking.provisional')}
            </Text>
          )}
        </Group>
        {/* The workbook of the shown period and place: a province at once, the nation in the background. */}
        <Group mt="md">
          <WorkbookDownload
            key={`${period.year}-${national ? '' : (province ?? '')}`}
            year={period.year}
            province={coordinator ? ownProvince : national ? undefined : province}
          />
        </Group>
      </Paper>
      {results}
    </Stack>
  );
}

/** statusKey maps a period status to its label key; unknown ones read as "other". */
export function statusKey(s: string | null | undefined): 'planning' | 'open' | 'closed' | 'published' | 'other' {
  return s === 'planning' || s === 'open' || s === 'closed' || s === 'published' ? s : 'other';
}
