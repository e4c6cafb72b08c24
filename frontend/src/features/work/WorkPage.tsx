import { Alert, Anchor, Box, Container, Group, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '../../components/EmptyState';
import { IconArrowBack, IconClipboardList, IconCloudOff } from '../../components/icons';
import { LoadingState } from '../../components/LoadingState';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useFormat } from '../../i18n/format';
import { openDraftStore } from '../questionnaire/drafts';
import type { User } from '../session/types';
import { useWork } from './api';
import { groupByEntity, type WorkItem } from './types';
import { UnitStateBadge } from './UnitStateBadge';
import { useYear } from './useYear';
import { YearSelect } from './YearSelect';

/** useLocalDrafts counts, per unit, the answers of this user still waiting on this device. */
export function useLocalDrafts(user: number) {
  return useQuery({
    queryKey: ['drafts', user],
    queryFn: async () => (await openDraftStore()).countByUnit(user),
    staleTime: 0,
  });
}

/**
 * WorkPage is /kerja, "Pekerjaan saya": the units assigned to the assessor
 * in a year, grouped by entity, with progress and state; units returned for
 * correction come first, with the reviewer's reason.
 */
export function WorkPage({ user }: { user: User }) {
  const { t } = useTranslation();
  const { periods, year, setYear } = useYear();
  const work = useWork(year !== undefined ? { year } : null);
  const drafts = useLocalDrafts(user.id);
  const items = work.data?.items ?? [];
  const returned = items.filter((i) => i.state === 'returned');
  const groups = groupByEntity(items);

  return (
    <Container py="xl">
      <PageHeader title={t('work.title')} description={t('work.intro')} />
      {periods.isError && <ProblemAlert error={periods.error} onRetry={() => void periods.refetch()} />}
      {periods.isPending && <LoadingState rows={3} />}
      {periods.data && periods.data.length === 0 && <EmptyState title={t('work.noPeriods')} description={t('work.noPeriodsBody')} />}
      {year !== undefined && periods.data && periods.data.length > 0 && (
        <Stack gap="lg">
          <Group align="flex-end" justify="space-between" wrap="wrap">
            <YearSelect periods={periods.data} year={year} onChange={setYear} />
            {work.data && <Counts items={items} />}
          </Group>
          {work.isError && <ProblemAlert error={work.error} onRetry={() => void work.refetch()} />}
          {work.isPending && <LoadingState rows={4} />}
          {work.data && items.length === 0 && (
            <EmptyState title={t('work.emptyTitle')} description={t('work.emptyBody', { year })} />
          )}
          {returned.length > 0 && (
            <Alert color="grape" variant="light" icon={<IconArrowBack size={22} />} title={t('work.returnedTitle', { count: returned.length })}>
              <Text size="sm">{t('work.returnedBody')}</Text>
            </Alert>
          )}
          {groups.map((g) => (
            <Paper key={g.entityId} component="section" aria-labelledby={`entity-${g.entityId}`} p={{ base: 'sm', sm: 'lg' }}>
              <Stack gap="sm">
                <Group justify="space-between" gap="xs" wrap="wrap">
                  <Title order={2} size="h3" id={`entity-${g.entityId}`}>
                    {g.entity}
                  </Title>
                  <Text size="sm" c="dimmed">
                    {t('work.unitCount', { count: g.items.length })}
                  </Text>
                </Group>
                <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                  {g.items.map((it) => (
                    <WorkRow key={it.unit_assessment_id} item={it} unsent={drafts.data?.get(it.unit_assessment_id) ?? 0} />
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

function Counts({ items }: { items: WorkItem[] }) {
  const { t } = useTranslation();
  const count = (s: WorkItem['state']) => items.filter((i) => i.state === s).length;
  return (
    <Group gap="md" role="list" aria-label={t('work.countsLabel')}>
      {(['draft', 'returned', 'submitted', 'accepted'] as const).map((s) => (
        <Text key={s} size="sm" role="listitem">
          {t(`unitState.${s}`)}: <strong className="p4-tabular">{count(s)}</strong>
        </Text>
      ))}
    </Group>
  );
}

function WorkRow({ item, unsent }: { item: WorkItem; unsent: number }) {
  const { t } = useTranslation();
  const f = useFormat();
  const returned = item.state === 'returned';
  const pct = item.total > 0 ? Math.round((item.answered / item.total) * 100) : 0;
  return (
    <Box
      component="li"
      p="sm"
      data-state={item.state}
      style={{
        border: '1px solid var(--mantine-color-slate-2)',
        borderLeft: returned ? '6px solid var(--mantine-color-grape-7)' : '1px solid var(--mantine-color-slate-2)',
        borderRadius: 'var(--mantine-radius-sm)',
        background: returned ? 'var(--mantine-color-grape-0)' : undefined,
      }}
    >
      <Stack gap={6}>
        <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
          <Anchor component={Link} to={`/kerja/unit/${item.unit_assessment_id}`} fw={600} style={{ minWidth: 0, overflowWrap: 'anywhere', minHeight: 44, display: 'inline-flex', alignItems: 'center' }}>
            {item.unit}
          </Anchor>
          <UnitStateBadge state={item.state} />
        </Group>
        <Group gap="sm" wrap="nowrap">
          <Progress value={pct} size="lg" radius="sm" style={{ flex: 1 }} aria-hidden="true" color={item.answered === item.total ? 'navy.8' : 'navy.5'} />
          <Text size="sm" className="p4-tabular" style={{ whiteSpace: 'nowrap' }}>
            {t('work.progress', { answered: f.number(item.answered), total: f.number(item.total) })}
          </Text>
        </Group>
        {returned && item.return_reason && (
          <Text size="sm">
            <strong>{t('work.returnReason')}</strong> {item.return_reason}
          </Text>
        )}
        {unsent > 0 && (
          <Group gap={6} wrap="nowrap">
            <IconCloudOff size={16} />
            <Text size="sm">{t('work.unsent', { count: unsent })}</Text>
          </Group>
        )}
        <Anchor
          component={Link}
          to={`/survei/unit/${item.unit_assessment_id}`}
          size="sm"
          aria-label={t('work.surveyLabel', { unit: item.unit })}
          style={{ minHeight: 44, display: 'inline-flex', alignItems: 'center', gap: 6, alignSelf: 'flex-start' }}
        >
          <IconClipboardList size={16} />
          {t('work.survey')}
        </Anchor>
      </Stack>
    </Box>
  );
}
