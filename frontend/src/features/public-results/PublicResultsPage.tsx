import { Box, Container, Grid, Group, NativeSelect, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { EmptyState } from '../../components/EmptyState';
import { LoadingState } from '../../components/LoadingState';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { isPeerGroup, nationalGroups, peerGroups, provincialGroups, type PeerGroup } from '../../domain/types';
import { useFormat } from '../../i18n/format';
import { NotAssessedList } from '../results/NotAssessedList';
import { usePeriods, useProvinces, useRankings, type RankingsQuery } from './api';
import { hasLetters } from './bands';
import { MethodExplanation } from './MethodExplanation';
import { RankingTable } from './RankingTable';
import type { Period, Province } from './types';
import { CategoryDistribution, ZoneDistribution } from './ZoneDistribution';

/**
 * PublicResultsPage is /publik: the published ranking of a period and peer
 * group, its zone distribution and the method behind it. The selection
 * lives in the address (?year=2022&group=pemkab&province=17), so a view can
 * be shared as a link.
 */
export function PublicResultsPage() {
  const { t } = useTranslation();
  const periods = usePeriods();
  const [params, setParams] = useSearchParams();

  const set = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true, flushSync: true });
  };

  let body;
  if (periods.isPending) {
    body = <LoadingState rows={6} />;
  } else if (periods.isError) {
    body = <ProblemAlert error={periods.error} onRetry={() => void periods.refetch()} />;
  } else if (periods.data.length === 0) {
    body = <EmptyState title={t('publicResults.noPeriods.title')} description={t('publicResults.noPeriods.body')} />;
  } else {
    const list = periods.data;
    const wanted = Number(params.get('year'));
    const period = list.find((p) => p.year === wanted) ?? (list[0] as Period);
    const g = params.get('group');
    const group: PeerGroup = isPeerGroup(g) ? g : 'pemda';
    const national = nationalGroups.includes(group);
    const province = national ? undefined : params.get('province') || undefined;
    body = <Results periods={list} period={period} group={group} province={province} national={national} onChange={set} />;
  }

  return (
    <Container py="xl" size="xl">
      <PageHeader title={t('publicResults.title')} description={t('publicResults.intro')} />
      {body}
    </Container>
  );
}

interface ResultsProps {
  periods: Period[];
  period: Period;
  group: PeerGroup;
  /** The province chosen in the address, if any. */
  province: string | undefined;
  national: boolean;
  onChange: (key: string, value: string | undefined) => void;
}

function Results({ periods, period, group, province, national, onChange }: ResultsProps) {
  const { t } = useTranslation();
  const f = useFormat();
  const provinces = useProvinces();
  // A provincial view needs a province: until the user picks one, the first.
  const provincial = provincialGroups.includes(group);
  const effectiveProvince = province ?? (provincial ? provinces.data?.[0]?.code : undefined);
  const query: RankingsQuery | null =
    provincial && !effectiveProvince ? null : { year: period.year, group, province: effectiveProvince };
  const rankings = useRankings(query);

  const provinceName = provinces.data?.find((p) => p.code === effectiveProvince)?.name;
  const groupLabel = t(`publicResults.groups.${group}`);
  const caption =
    t('publicResults.ranking.caption', { group: groupLabel, year: period.year }) +
    (effectiveProvince ? ` · ${provinceName ?? effectiveProvince}` : '');

  let results;
  if (query === null) {
    // Waiting for the province list, or there is none to choose from.
    results = provinces.isError ? (
      <ProblemAlert error={provinces.error} onRetry={() => void provinces.refetch()} />
    ) : provinces.isPending ? (
      <LoadingState rows={8} />
    ) : (
      <EmptyState title={t('publicResults.empty.title')} description={t('publicResults.empty.body')} />
    );
  } else if (rankings.isPending) {
    results = <LoadingState rows={8} />;
  } else if (rankings.isError) {
    results = <ProblemAlert error={rankings.error} onRetry={() => void rankings.refetch()} />;
  } else if (rankings.data.items.length === 0) {
    results = <EmptyState title={t('publicResults.empty.title')} description={t('publicResults.empty.body')} />;
  } else {
    const r = rankings.data;
    const withCategory = !r.period.historical && (hasLetters(r.period.method.bands) || r.items.some((i) => i.category !== null));
    results = (
      <Stack gap="lg" aria-busy={rankings.isPlaceholderData} style={{ opacity: rankings.isPlaceholderData ? 0.6 : 1 }}>
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: withCategory ? 7 : 12 }}>
            <Paper h="100%">
              <ZoneDistribution zoneCounts={r.distribution.zones} />
            </Paper>
          </Grid.Col>
          {withCategory && (
            <Grid.Col span={{ base: 12, md: 5 }}>
              <Paper h="100%">
                <Stack gap="md">
                  <Box>
                    <Text c="dimmed" size="sm">
                      {t('publicResults.summary.entities')}
                    </Text>
                    <Text fz={36} fw={800} c="navy.9" className="p4-tabular" lh={1.2}>
                      {f.number(r.items.length)}
                    </Text>
                  </Box>
                  <CategoryDistribution categoryCounts={r.distribution.categories} />
                </Stack>
              </Paper>
            </Grid.Col>
          )}
        </Grid>
        <Paper>
          <Stack gap="sm">
            <RankingTable
              items={r.items}
              caption={caption}
              withCategory={withCategory}
              withProvince={!effectiveProvince && !national}
              previousYear={r.previous_year ?? null}
            />
            <Text size="sm" c="dimmed">
              {t('publicResults.ranking.tieNote')}
            </Text>
          </Stack>
        </Paper>
        {r.not_assessed.length > 0 && (
          <Paper>
            <NotAssessedList items={r.not_assessed} withProvince={!effectiveProvince} />
          </Paper>
        )}
        <Paper>
          <MethodExplanation method={r.period.method} historical={r.period.historical ?? false} />
        </Paper>
      </Stack>
    );
  }

  return (
    <Stack gap="lg">
      <Paper component="section" aria-label={t('publicResults.filters')}>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
          <NativeSelect
            label={t('publicResults.year')}
            value={String(period.year)}
            data={periods.map((p) => ({ value: String(p.year), label: String(p.year) }))}
            onChange={(e) => onChange('year', e.currentTarget.value)}
          />
          <NativeSelect
            label={t('publicResults.group')}
            value={group}
            data={peerGroups.map((g) => ({ value: g, label: t(`publicResults.groups.${g}`) }))}
            onChange={(e) => onChange('group', e.currentTarget.value)}
          />
          <ProvinceSelect
            value={effectiveProvince}
            provinces={provinces.data}
            required={provincial}
            disabled={national || provinces.isError}
            description={
              national
                ? t('publicResults.nationalOnly')
                : provinces.isError
                  ? t('publicResults.provincesUnavailable')
                  : provincial
                    ? t('publicResults.provincialOnly')
                    : undefined
            }
            onChange={(v) => onChange('province', v)}
          />
        </SimpleGrid>
        <Group gap="lg" mt="md">
          {period.published_at && (
            <Text size="sm" c="dimmed">
              {t('publicResults.publishedAt', { date: f.date(period.published_at) })}
            </Text>
          )}
          <Text size="sm" c="dimmed">
            {t('publicResults.methodName', { name: period.method.name })}
          </Text>
        </Group>
      </Paper>
      {results}
    </Stack>
  );
}

interface ProvinceSelectProps {
  value: string | undefined;
  provinces: Province[] | undefined;
  /** No "all provinces" choice: the group is ranked per province. */
  required: boolean;
  disabled: boolean;
  description?: string;
  onChange: (code: string | undefined) => void;
}

function ProvinceSelect({ value, provinces, required, disabled, description, onChange }: ProvinceSelectProps) {
  const { t } = useTranslation();
  const data = [
    ...(required ? [] : [{ value: '', label: t('publicResults.allProvinces') }]),
    ...(provinces ?? []).map((p) => ({ value: p.code, label: p.name })),
  ];
  // Keep a province from the address selectable even before the list arrives.
  if (value && !data.some((d) => d.value === value)) data.push({ value, label: value });
  return (
    <NativeSelect
      label={t('publicResults.province')}
      value={disabled ? '' : (value ?? '')}
      data={data}
      disabled={disabled}
      description={description}
      onChange={(e) => onChange(e.currentTarget.value || undefined)}
    />
  );
}
