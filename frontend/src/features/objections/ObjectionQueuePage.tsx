import { Anchor, Container, Group, NativeSelect, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '../../components/EmptyState';
import { LoadingState } from '../../components/LoadingState';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useFormat } from '../../i18n/format';
import { allStates, useStateFilter } from '../work/useStateFilter';
import { useYear } from '../work/useYear';
import { YearSelect } from '../work/YearSelect';
import { isObjectionState, objectionStates, useObjectionQueue, type QueuedObjection } from './api';
import { ObjectionStateBadge } from './ObjectionStateBadge';

/**
 * ObjectionQueuePage is /sanggahan: the objections (sanggahan) of a period
 * that the coordinator decides (their province; admin and leadership see
 * all), waiting ones first by default, each leading to its decision screen.
 */
export function ObjectionQueuePage() {
  const { t } = useTranslation();
  const { periods, year, setYear } = useYear();
  const [state, setState] = useStateFilter(isObjectionState, 'submitted');
  const queue = useObjectionQueue(year);
  const items = (queue.data ?? []).filter((o) => !state || o.state === state);

  return (
    <Container py="xl">
      <PageHeader title={t('objections.title')} description={t('objections.intro')} />
      {periods.isError && <ProblemAlert error={periods.error} onRetry={() => void periods.refetch()} />}
      {periods.isPending && <LoadingState rows={3} />}
      {year !== undefined && periods.data && (
        <Stack gap="lg">
          <Group align="flex-end" gap="md" wrap="wrap">
            <YearSelect periods={periods.data} year={year} onChange={setYear} />
            <NativeSelect
              label={t('objections.stateFilter')}
              value={state ?? allStates}
              onChange={(e) => setState(e.currentTarget.value)}
              data={[...objectionStates.map((s) => ({ value: s, label: t(`objections.state.${s}`) })), { value: allStates, label: t('objections.allStates') }]}
              w={{ base: '100%', xs: 240 }}
            />
          </Group>
          {queue.isError && <ProblemAlert error={queue.error} onRetry={() => void queue.refetch()} />}
          {queue.isPending && <LoadingState rows={4} />}
          {queue.data && items.length === 0 && <EmptyState title={t('objections.emptyTitle')} description={t('objections.emptyBody', { year })} />}
          {items.length > 0 && (
            <Stack gap="sm" component="ul" aria-label={t('objections.listLabel', { year })} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {items.map((o) => (
                <QueueRow key={o.id} objection={o} year={year} />
              ))}
            </Stack>
          )}
        </Stack>
      )}
    </Container>
  );
}

function QueueRow({ objection: o, year }: { objection: QueuedObjection; year: number }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Paper component="li" p={{ base: 'sm', sm: 'md' }} data-objection-id={o.id}>
      <Group justify="space-between" gap="sm" wrap="wrap" align="flex-start">
        <Stack gap={4} style={{ minWidth: 0, flex: '1 1 16rem' }}>
          <Anchor component={Link} to={`/sanggahan/${o.id}?tahun=${year}`} fw={600} style={{ minHeight: 44, display: 'inline-flex', alignItems: 'center' }}>
            {o.entity_name}
          </Anchor>
          <Text size="sm" c="dimmed">
            {t('objections.filedBy', { name: o.filed_by_name || t('objections.someone'), date: o.filed_at ? f.date(o.filed_at) : '—' })}
            {' · '}
            {t('objections.itemCount', { count: o.items.length })}
          </Text>
          <Text size="sm" lineClamp={2}>
            {o.statement}
          </Text>
        </Stack>
        <ObjectionStateBadge state={o.state} />
      </Group>
    </Paper>
  );
}
