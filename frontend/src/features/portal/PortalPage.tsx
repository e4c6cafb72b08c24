import { Anchor, Button, Container, Group, NativeSelect, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useParams, useSearchParams } from 'react-router';
import { EmptyState } from '../../components/EmptyState';
import { LoadingState } from '../../components/LoadingState';
import { useAfterFirstPaint } from '../../components/useAfterFirstPaint';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ScoreValue } from '../../components/ScoreValue';
import { useFormat } from '../../i18n/format';
import { NotFoundPage } from '../not-found/NotFoundPage';
import { useProvinces } from '../public-results/api';
import type { Period } from '../public-results/types';
import { earlyYear } from '../results/prefetch';
import { isNotFound, reportHref, useExplanation, useInstrument, useInternalPeriods, useObjections, usePublicEntity, useReportAvailable } from '../results/api';
import { DimensionBar, dimensionLabel } from '../results/DimensionBar';
import { groupLabel, peerGroupFor } from '../results/groups';
import { HistoryPanel } from '../results/HistoryPanel';
import { IconDownload } from '../results/icons';
import { DimensionTable, entityDimensionRows, ResultSummary } from '../results/ResultSummary';
import type { ResultView } from '../results/types';
import type { User } from '../session/types';
import { useSharedResults } from './api';
import { ImprovementsPanel } from './ImprovementsPanel';
import { NextCategoryPanel } from './NextCategoryPanel';
import { ObjectionsPanel } from './ObjectionsPanel';
import { PeerComparisonPanel } from './PeerComparisonPanel';
import { useWhatIf } from './whatif';
import { WhatIfPanel } from './WhatIfPanel';

/** NotAgency tells a staff user that the report card is the agencies' page. */
function NotAgency() {
  const { t } = useTranslation();
  return (
    <Container py="xl">
      <EmptyState headingOrder={1} title={t('portal.notAgency.title')} description={t('portal.notAgency.body')}>
        <Button component={Link} to="/peringkat">
          {t('nav.ranking')}
        </Button>
      </EmptyState>
    </Container>
  );
}

/** PortalHome is /instansi: it takes an agency user to their own entity's report card. */
export function PortalHome({ user }: { user: User }) {
  const { t } = useTranslation();
  if (user.role !== 'agency') return <NotAgency />;
  if (!user.entity_id) {
    return (
      <Container py="xl">
        <EmptyState headingOrder={1} title={t('portal.noEntity.title')} description={t('portal.noEntity.body')} />
      </Container>
    );
  }
  return <Navigate to={`/instansi/${user.entity_id}`} replace />;
}

/**
 * PortalPage is /instansi/:id, the agency's report card: its latest shared
 * result, each dimension against its peer group, its units, what to fix,
 * a what-if simulator, the way to the next category, its history and its
 * objections. Another entity's id gets the not-found page: an agency user
 * sees nothing of any other entity except the public ranking (the server
 * answers 404 to them as well).
 */
export function PortalPage({ user }: { user: User }) {
  const params = useParams();
  const id = Number(params.id);
  if (user.role !== 'agency') return <NotAgency />;
  if (!Number.isInteger(id) || id !== user.entity_id) return <NotFoundPage />;
  return <Portal entityId={id} />;
}

function Portal({ entityId }: { entityId: number }) {
  const { t } = useTranslation();
  const periods = useInternalPeriods();
  const shared = useSharedResults(periods.data ?? [], entityId);
  const history = usePublicEntity(entityId);
  const [params, setParams] = useSearchParams();
  // The year the card will most likely show (the one in the address, or
  // the newest past planning): ask for its explanation, instrument and
  // objections together with the results rather than after them. The card
  // uses the same queries, so it finds these answers or requests in flight;
  // a wrong guess costs one unused request.
  const early = earlyYear(periods.data, Number(params.get('tahun')));
  useExplanation(early, entityId);
  useInstrument(early);
  useObjections(early, entityId);

  let body;
  if (periods.isPending || (periods.isSuccess && shared.pending)) {
    body = <LoadingState rows={6} label={t('portal.loading')} />;
  } else if (periods.isError) {
    body = <ProblemAlert error={periods.error} onRetry={() => void periods.refetch()} />;
  } else if (shared.error) {
    body = <ProblemAlert error={shared.error} onRetry={shared.retry} />;
  } else if (shared.shared.length === 0) {
    body = (
      <Stack gap="lg">
        <PageHeader title={t('portal.title')} />
        <EmptyState title={t('portal.none.title')} description={t('portal.none.body')}>
          <Button component={Link} to="/publik" variant="default">
            {t('publicResults.title')}
          </Button>
        </EmptyState>
        {history.isSuccess && (
          <Paper>
            <HistoryPanel history={history.data.history} />
          </Paper>
        )}
      </Stack>
    );
  } else {
    const wanted = Number(params.get('tahun'));
    const chosen = shared.shared.find((s) => s.period.year === wanted) ?? shared.shared[0]!;
    body = (
      <PortalBody
        key={chosen.period.year}
        period={chosen.period}
        view={chosen.view}
        years={shared.shared.map((s) => s.period.year)}
        onYear={(y) => setParams(new URLSearchParams({ tahun: String(y) }), { replace: true })}
        history={history}
      />
    );
  }
  return (
    <Container py="xl" size="xl">
      {body}
    </Container>
  );
}

interface PortalBodyProps {
  period: Period;
  view: ResultView;
  years: number[];
  onYear: (year: number) => void;
  history: ReturnType<typeof usePublicEntity>;
}

function PortalBody({ period, view, years, onYear, history }: PortalBodyProps) {
  const { t } = useTranslation();
  const f = useFormat();
  const year = period.year;
  const entity = view.entity;
  const r = view.result;
  const explanation = useExplanation(year, entity.id);
  const instrument = useInstrument(year);
  const report = useReportAvailable(year, entity.id);
  const sim = useWhatIf(year, entity.id);
  const provinces = useProvinces();
  const provinceName = (code: string) => provinces.data?.find((p) => p.code === code)?.name;
  const dims = period.method.dimensions;
  const unitName = (unitId: number) => entity.units.find((u) => u.id === unitId)?.name ?? t('ranking.entity.unitN', { id: unitId });
  const ownDims = Object.fromEntries(entityDimensionRows(r.dimensions).map((d) => [d.code, d.points]));
  const peer = peerGroupFor(entity.kind, entity.province_code);
  const publicLink = `/publik?${new URLSearchParams({ year: String(year), group: peer.group, ...(peer.province ? { province: peer.province } : {}) }).toString()}`;
  const canExplain = explanation.isSuccess;
  const multiUnit = r.units.length > 1;
  // The simulator, the history and the objections are below the fold and
  // the heaviest to draw: they follow the result, units and what to fix.
  const rest = useAfterFirstPaint();

  const sections = [
    ['perbandingan', t('portal.nav.peer')],
    ['perbaikan', t('portal.nav.fix')],
    ['simulasi', t('portal.nav.whatIf')],
    ['riwayat', t('portal.nav.history')],
    ['sanggahan', t('portal.nav.objections')],
  ] as const;

  return (
    <Stack gap="lg">
      <PageHeader
        title={entity.name}
        description={t('portal.description', { year, state: t(`portal.state.${view.state === 'published' ? 'published' : 'final'}`) })}
        actions={
          <>
            {years.length > 1 && (
              <NativeSelect
                label={t('results.history.year')}
                value={String(year)}
                data={years.map((y) => ({ value: String(y), label: String(y) }))}
                onChange={(e) => onYear(Number(e.currentTarget.value))}
              />
            )}
            {report.data === true && (
              <Button component="a" href={reportHref(year, entity.id)} download leftSection={<IconDownload size={18} />} variant="default">
                {t('portal.report')}
              </Button>
            )}
          </>
        }
      />
      <Group component="nav" aria-label={t('portal.nav.label')} gap="md">
        {sections.map(([id, label]) => (
          <Anchor key={id} href={`#${id}`} size="sm">
            {label}
          </Anchor>
        ))}
      </Group>

      <ResultSummary
        score={r.score}
        category={r.category}
        opinion={r.opinion}
        zone={r.zone}
        footer={
          <>
            {Object.entries(r.ranks).map(([g, rank]) => (
              <Text key={g} size="sm">
                {t('ranking.entity.rankIn', { rank: f.number(rank), group: groupLabel(g, t, provinceName) })}
              </Text>
            ))}
            <Anchor component={Link} to={publicLink} size="sm">
              {t('portal.publicRanking')}
            </Anchor>
          </>
        }
      />

      <Paper>
        <PeerComparisonPanel year={year} kind={entity.kind} province={entity.province_code} own={{ entityId: entity.id, score: r.score, dimensions: ownDims }} dimensions={dims} />
      </Paper>

      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        {r.dimensions.length > 0 && (
          <Paper>
            <DimensionTable rows={entityDimensionRows(r.dimensions)} dimensions={dims} caption={t('portal.dimensions')} />
          </Paper>
        )}
        <Paper>
          <UnitScores view={view} unitName={unitName} dims={dims} />
        </Paper>
      </SimpleGrid>

      {explanation.isPending ? (
        <Paper>
          <LoadingState rows={4} />
        </Paper>
      ) : explanation.isError ? (
        <Paper>{isNotFound(explanation.error) ? <Text c="dimmed">{t('portal.noExplanation')}</Text> : <ProblemAlert error={explanation.error} onRetry={() => void explanation.refetch()} />}</Paper>
      ) : null}

      {canExplain && (
        <>
          <Paper>
            <NextCategoryPanel
              next={explanation.data.next_category}
              multiUnit={multiUnit}
              onTry={() => {
                const next = explanation.data.next_category;
                if (!next) return;
                const originals = new Map(
                  explanation.data.explanation.units.flatMap((u) =>
                    u.indicators.map((i) => [`${u.unit_id}|${i.code}`, i.state === 'answered' ? (i.value ?? 0) : null] as const),
                  ),
                );
                sim.dispatch({
                  type: 'apply',
                  changes: next.changes.map((c) => ({
                    unitId: Number(c.unit_id),
                    indicator: c.indicator,
                    value: c.to,
                    original: originals.get(`${c.unit_id}|${c.indicator}`) ?? null,
                  })),
                });
                document.getElementById('simulasi')?.scrollIntoView({ behavior: 'smooth', block: 'start' });
              }}
            />
          </Paper>
          <Paper>
            <ImprovementsPanel explanation={explanation.data} dimensions={dims} unitName={unitName} />
          </Paper>
          <Paper>
            {!rest ? (
              <LoadingState rows={3} />
            ) : (
              <WhatIfPanel
                sim={sim}
                explanation={explanation.data}
                instrument={instrument.data}
                current={{ score: r.score, category: r.category, opinion: r.opinion, zone: r.zone }}
                unitName={unitName}
              />
            )}
          </Paper>
        </>
      )}

      <Paper id="riwayat">
        {!rest || history.isPending ? (
          <LoadingState rows={3} />
        ) : history.isError ? (
          isNotFound(history.error) ? (
            <Stack gap="xs">
              <Title order={2} fz="h3">
                {t('results.history.title')}
              </Title>
              <Text c="dimmed">{t('portal.historyNone')}</Text>
            </Stack>
          ) : (
            <ProblemAlert error={history.error} onRetry={() => void history.refetch()} />
          )
        ) : (
          <HistoryPanel history={history.data.history} />
        )}
      </Paper>

      <Paper>
        {!rest ? (
          <LoadingState rows={2} />
        ) : (
          <ObjectionsPanel
            year={year}
            entityId={entity.id}
            resultState={view.state}
            windows={period.windows}
            explanation={explanation.data}
            units={r.units.map((u) => ({ unitId: u.unit_id, name: unitName(u.unit_id), unitAssessmentId: u.unit_assessment_id ?? null }))}
          />
        )}
      </Paper>
    </Stack>
  );
}

function UnitScores({ view, unitName, dims }: { view: ResultView; unitName: (id: number) => string; dims: Period['method']['dimensions'] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const detail = (id: number) => view.detail?.units.find((u) => u.id === String(id));
  return (
    <Stack gap="xs">
      <Title order={2} fz="h3">
        {t('portal.units.title')}
      </Title>
      <Table.ScrollContainer minWidth={0} type="native" style={{ position: 'relative' }}>
        <Table data-testid="unit-scores">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('portal.units.unit')}</Table.Th>
              <Table.Th scope="col" ta="right">
                {t('publicResults.ranking.score')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {view.result.units.map((u) => (
              <Table.Tr key={u.unit_id}>
                <Table.Th scope="row" fw={500}>
                  {unitName(u.unit_id)}
                  {view.result.units.length > 1 && (
                    <Group gap="md" mt={6}>
                      {(detail(u.unit_id)?.dimensions ?? []).map((d) => (
                        <Stack key={d.code} gap={0}>
                          <Text size="xs" fw={400}>
                            {dimensionLabel(
                              dims.find((x) => x.code === d.code),
                              f.lang,
                              d.code,
                            )}
                          </Text>
                          <DimensionBar points={d.points} max={d.max} percent={d.percent} width={96} />
                        </Stack>
                      ))}
                    </Group>
                  )}
                  {u.complete === false && (
                    <Text size="xs" c="dimmed" fw={400}>
                      {t('ranking.incomplete')}
                    </Text>
                  )}
                </Table.Th>
                <Table.Td ta="right">
                  <ScoreValue value={u.score} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
