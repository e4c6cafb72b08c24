import { Anchor, Box, Container, Group, NativeSelect, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '../../components/EmptyState';
import { LoadingState } from '../../components/LoadingState';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useFormat } from '../../i18n/format';
import { useWork } from '../work/api';
import { groupByEntity, isUnitState, unitStates, type WorkItem } from '../work/types';
import { UnitStateBadge } from '../work/UnitStateBadge';
import { allStates, useStateFilter } from '../work/useStateFilter';
import { useYear } from '../work/useYear';
import { YearSelect } from '../work/YearSelect';

/**
 * ReviewQueuePage is /tinjau: the units of the coordinator's province that
 * wait for a decision (or any other state), grouped by entity.
 */
export function ReviewQueuePage() {
  const { t } = useTranslation();
  const { periods, year, setYear } = useYear();
  const [state, setState] = useStateFilter(isUnitState, 'submitted');
  const work = useWork(year !== undefined ? { year, state } : null);
  const groups = groupByEntity(work.data?.items ?? []);

  return (
    <Container py="xl">
      <PageHeader title={t('review.title')} description={t('review.intro')} />
      {periods.isError && <ProblemAlert error={periods.error} onRetry={() => void periods.refetch()} />}
      {periods.isPending && <LoadingState rows={3} />}
      {year !== undefined && periods.data && (
        <Stack gap="lg">
          <Group align="flex-end" gap="md" wrap="wrap">
            <YearSelect periods={periods.data} year={year} onChange={setYear} />
            <NativeSelect
              label={t('review.state')}
              value={state ?? allStates}
              onChange={(e) => setState(e.currentTarget.value)}
              data={[...unitStates.map((s) => ({ value: s, label: t(`unitState.${s}`) })), { value: allStates, label: t('review.allStates') }]}
              w={{ base: '100%', xs: 220 }}
            />
          </Group>
          {work.isError && <ProblemAlert error={work.error} onRetry={() => void work.refetch()} />}
          {work.isPending && <LoadingState rows={4} />}
          {work.data && groups.length === 0 && <EmptyState title={t('review.emptyTitle')} description={t('review.emptyBody', { year })} />}
          {groups.map((g) => (
            <Paper key={g.entityId} component="section" aria-labelledby={`rentity-${g.entityId}`} p={{ base: 'sm', sm: 'lg' }}>
              <Stack gap="sm">
                <Group justify="space-between" gap="xs" wrap="wrap">
                  <Title order={2} size="h3" id={`rentity-${g.entityId}`}>
                    {g.entity}
                  </Title>
                  <Anchor component={Link} to={`/tinjau/lokus/${g.entityId}?tahun=${year}`} size="sm">
                    {t('review.openEntity')}
                  </Anchor>
                </Group>
                <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                  {g.items.map((it) => (
                    <QueueRow key={it.unit_assessment_id} item={it} />
                  ))}
                </Stack>
              </Stack>
            </Paper>
          ))}
        </Stack>
      )}
    </Container>
  );
}

/** QueueRow is one unit in a review list: its name as the link, state and progress. */
export function QueueRow({ item }: { item: WorkItem }) {
  const { t } = useTranslation();
  const f = useFormat();
  const pct = item.total > 0 ? Math.round((item.answered / item.total) * 100) : 0;
  return (
    <Box component="li" p="sm" style={{ border: '1px solid var(--mantine-color-slate-2)', borderRadius: 'var(--mantine-radius-sm)' }}>
      <Stack gap={6}>
        <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
          <Anchor component={Link} to={`/tinjau/unit/${item.unit_assessment_id}`} fw={600} style={{ minWidth: 0, overflowWrap: 'anywhere', minHeight: 44, display: 'inline-flex', alignItems: 'center' }}>
            {item.unit}
          </Anchor>
          <UnitStateBadge state={item.state} />
        </Group>
        <Group gap="sm" wrap="nowrap">
          <Progress value={pct} size="md" radius="sm" style={{ flex: 1 }} aria-hidden="true" />
          <Text size="sm" className="p4-tabular" style={{ whiteSpace: 'nowrap' }}>
            {t('work.progress', { answered: f.number(item.answered), total: f.number(item.total) })}
          </Text>
        </Group>
      </Stack>
    </Box>
  );
}
