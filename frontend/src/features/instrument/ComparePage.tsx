import { Alert, Anchor, Badge, Container, NativeSelect, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { IconArrowBack } from '../../components/icons';
import { EmptyState } from '../../components/EmptyState';
import { LoadingState } from '../../components/LoadingState';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { NotFoundPage } from '../not-found/NotFoundPage';
import { usePeriodList } from '../periods/api';
import { type MethodDiff, useMethodDiff } from './api';

/**
 * ComparePage is /admin/periode/:year/instrumen/bandingkan: what changed
 * between another period's instrument (last year's by default) and this
 * one — dimensions, indicators added, removed and changed, weights before
 * and after, bands — and whether scores stay comparable.
 */
export function ComparePage() {
  const { t } = useTranslation();
  const year = Number(useParams().year);
  const periods = usePeriodList();
  const [other, setOther] = useState<string | null>(null);
  const list = periods.data ?? [];
  const self = list.find((p) => p.year === year);
  const earlier = list.filter((p) => p.year !== year);
  const fallback = earlier.find((p) => p.year < year) ?? earlier[0];
  const chosen = earlier.find((p) => String(p.year) === other) ?? fallback;
  const diff = useMethodDiff(chosen?.method.id, self?.method.id);
  if (!Number.isInteger(year)) return <NotFoundPage />;
  return (
    <Container py="xl">
      <Anchor component={Link} to={`/admin/periode/${year}/instrumen`} size="sm" display="inline-flex" style={{ alignItems: 'center', gap: 6, minHeight: 44 }}>
        <IconArrowBack size={16} /> {t('instrument.backToInstrument')}
      </Anchor>
      <PageHeader title={t('instrument.compareTitle', { year })} description={t('instrument.compareIntro')} />
      {periods.isPending && <LoadingState />}
      {periods.isError && <ProblemAlert error={periods.error} onRetry={() => void periods.refetch()} />}
      {periods.data && !self && <NotFoundPage />}
      {self && earlier.length === 0 && <EmptyState title={t('instrument.compareNothing')} />}
      {self && chosen && (
        <Stack gap="lg">
          <NativeSelect
            label={t('instrument.compareWith')}
            data={earlier.map((p) => ({ value: String(p.year), label: `${p.year} — ${p.method.name}` }))}
            value={String(chosen.year)}
            onChange={(e) => setOther(e.currentTarget.value)}
            maw={420}
          />
          {diff.isPending && <LoadingState />}
          {diff.isError && <ProblemAlert error={diff.error} onRetry={() => void diff.refetch()} />}
          {diff.data && <MethodDiffView diff={diff.data} fromYear={chosen.year} toYear={year} />}
        </Stack>
      )}
    </Container>
  );
}

const changeColor = { added: 'teal', removed: 'red', changed: 'orange' } as const;

/** MethodDiffView shows a comparison of two method versions. */
export function MethodDiffView({ diff, fromYear, toYear }: { diff: MethodDiff; fromYear: number; toYear: number }) {
  const { t } = useTranslation();
  const count = (c: 'added' | 'removed' | 'changed') => diff.indicators.filter((i) => i.change === c).length;
  const nothing = diff.indicators.length === 0 && diff.dimensions.length === 0 && !diff.bands_changed;
  return (
    <Stack gap="md">
      <Alert color={diff.comparable ? 'teal' : 'orange'} title={diff.comparable ? t('instrument.comparable') : t('instrument.notComparable')}>
        <Text size="sm" data-testid="diff-summary">
          {nothing
            ? t('instrument.diffNone', { from: fromYear, to: toYear })
            : t('instrument.diffSummary', { added: count('added'), removed: count('removed'), changed: count('changed') })}
        </Text>
        {diff.bands_changed && <Text size="sm">{t('instrument.bandsChanged')}</Text>}
      </Alert>
      {diff.dimensions.length > 0 && (
        <Paper component="section" aria-labelledby="dim-changes">
          <Title order={2} size="h3" id="dim-changes" mb="xs">
            {t('instrument.dimensionChanges')}
          </Title>
          <Table.ScrollContainer minWidth={300}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('instrument.dimension')}</Table.Th>
                  <Table.Th>{t('instrument.change')}</Table.Th>
                  <Table.Th ta="right">{t('instrument.weightBefore', { year: fromYear })}</Table.Th>
                  <Table.Th ta="right">{t('instrument.weightAfter', { year: toYear })}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {diff.dimensions.map((d) => (
                  <Table.Tr key={d.code}>
                    <Table.Td>{d.code}</Table.Td>
                    <Table.Td>
                      <Badge color={changeColor[d.change]} variant="light">
                        {t(`instrument.changes.${d.change}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td ta="right" className="p4-tabular">{d.weight_old ?? '–'}</Table.Td>
                    <Table.Td ta="right" className="p4-tabular">{d.weight_new ?? '–'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      {diff.indicators.length > 0 && (
        <Paper component="section" aria-labelledby="ind-changes">
          <Title order={2} size="h3" id="ind-changes" mb="xs">
            {t('instrument.indicatorChanges')}
          </Title>
          <Table.ScrollContainer minWidth={300}>
            <Table aria-labelledby="ind-changes">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('instrument.indicator')}</Table.Th>
                  <Table.Th>{t('instrument.change')}</Table.Th>
                  <Table.Th ta="right">{t('instrument.pointsBefore', { year: fromYear })}</Table.Th>
                  <Table.Th ta="right">{t('instrument.pointsAfter', { year: toYear })}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {diff.indicators.map((i) => (
                  <Table.Tr key={i.code} data-change={i.change}>
                    <Table.Td>
                      {i.code}
                      <Text size="xs" c="dimmed">
                        {i.dimension}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge color={changeColor[i.change]} variant="light">
                        {t(`instrument.changes.${i.change}`)}
                      </Badge>
                      {i.fields.length > 0 && (
                        <Text size="xs">{i.fields.map((f) => t(`instrument.fields.${f}` as 'instrument.fields.weight', { defaultValue: f })).join(', ')}</Text>
                      )}
                    </Table.Td>
                    <Table.Td ta="right" className="p4-tabular">{i.weight_old ?? '–'}</Table.Td>
                    <Table.Td ta="right" className="p4-tabular">{i.weight_new ?? '–'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
    </Stack>
  );
}
