import { Accordion, Alert, Anchor, Badge, Box, Container, Group, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { LoadingState } from '../../components/LoadingState';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ScoreValue } from '../../components/ScoreValue';
import { useFormat } from '../../i18n/format';
import { NotFoundPage } from '../not-found/NotFoundPage';
import type { Dimension } from '../public-results/types';
import {
  evidenceHref,
  isNotFound,
  useEntityResult,
  useEntityWork,
  useExplanation,
  useInstrument,
  useInternalPeriods,
  useProvinceRegions,
} from '../results/api';
import { DimensionBar, dimensionLabel } from '../results/DimensionBar';
import { groupLabel } from '../results/groups';
import { indicatorName, levelText } from '../results/instrument';
import { IconDownload } from '../results/icons';
import { DimensionTable, entityDimensionRows, ResultSummary } from '../results/ResultSummary';
import { unitViewSchema, type Evidence, type ExplanationView, type IndicatorLoss, type Instrument, type ResultView } from '../results/types';
import type { User } from '../session/types';

/**
 * EntityResultPage is /peringkat/:year/entitas/:id: one entity's result
 * for leadership, coordinators and admin, drilling down from the entity to
 * its units, each unit's dimensions and indicators (points lost, the
 * assessor's note, the answer) and the evidence files behind them.
 */
export function EntityResultPage({ user }: { user: User }) {
  const { t } = useTranslation();
  const params = useParams();
  const year = Number(params.year);
  const id = Number(params.id);
  const valid = Number.isInteger(year) && year > 1999 && Number.isInteger(id) && id > 0;
  const result = useEntityResult(valid ? year : null, id);
  const periods = useInternalPeriods();

  if (!valid || (result.isError && isNotFound(result.error))) return <NotFoundPage />;

  const period = periods.data?.find((p) => p.year === year);
  const back = `/peringkat?year=${year}`;
  return (
    <Container py="xl" size="xl">
      <Anchor component={Link} to={back} size="sm">
        ← {t('ranking.entity.back')}
      </Anchor>
      {result.isPending ? (
        <LoadingState rows={6} />
      ) : result.isError ? (
        <Box mt="md">
          <ProblemAlert error={result.error} onRetry={() => void result.refetch()} />
        </Box>
      ) : (
        <EntityResultBody user={user} year={year} view={result.data} dimensions={period?.method.dimensions ?? []} />
      )}
    </Container>
  );
}

function EntityResultBody({ user, year, view, dimensions }: { user: User; year: number; view: ResultView; dimensions: readonly Dimension[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const provinces = useProvinceRegions();
  const explanation = useExplanation(year, view.entity.id);
  const instrument = useInstrument(year);
  const staff = user.role === 'leadership' || user.role === 'admin' || user.role === 'coordinator';
  const work = useEntityWork(year, view.entity.id, staff);
  const [params, setParams] = useSearchParams();
  const r = view.result;
  const provinceName = (code: string) => provinces.data?.find((p) => p.code === code)?.name;

  const ranks = Object.entries(r.ranks);
  const unitName = (unitId: number) => view.entity.units.find((u) => u.id === unitId)?.name ?? t('ranking.entity.unitN', { id: unitId });
  const detailUnit = (unitId: number) => view.detail?.units.find((u) => u.id === String(unitId));
  const openUnit = params.get('unit');

  return (
    <Stack gap="lg" mt="md">
      <PageHeader title={view.entity.name} description={t('ranking.entity.description', { year })} />
      <ResultSummary
        score={r.score}
        category={r.category}
        opinion={r.opinion}
        zone={r.zone}
        footer={
          <>
            <Badge variant="light" color="slate" radius="sm">
              {t(`ranking.entity.state.${stateKey(view.state)}`)}
            </Badge>
            {ranks.map(([g, rank]) => (
              <Text key={g} size="sm">
                {t('ranking.entity.rankIn', { rank: f.number(rank), group: groupLabel(g, t, provinceName) })}
              </Text>
            ))}
            {r.complete === false && (
              <Text size="sm" c="dimmed">
                {t('ranking.incomplete')}
              </Text>
            )}
          </>
        }
      />
      {r.dimensions.length > 0 && (
        <Box>
          <DimensionTable rows={entityDimensionRows(r.dimensions)} dimensions={dimensions} caption={t('ranking.entity.dimensions')} />
        </Box>
      )}

      <Stack gap="sm">
        <Title order={2} fz="h3">
          {t('ranking.entity.units')}
        </Title>
        {r.units.length === 0 ? (
          <Text c="dimmed">{t('ranking.entity.noUnits')}</Text>
        ) : (
          <>
            <Text size="sm" c="dimmed">
              {t('ranking.entity.unitsHint')}
            </Text>
            <Accordion
              variant="separated"
              value={openUnit}
              onChange={(v) =>
                setParams(
                  (prev) => {
                    const next = new URLSearchParams(prev);
                    if (v) next.set('unit', v);
                    else next.delete('unit');
                    return next;
                  },
                  { replace: true },
                )
              }
            >
              {r.units.map((u) => {
                const du = detailUnit(u.unit_id);
                const ua = work.data?.find((w) => w.unit_id === u.unit_id);
                return (
                  <Accordion.Item key={u.unit_id} value={String(u.unit_id)}>
                    <Accordion.Control>
                      <Group justify="space-between" wrap="nowrap" gap="sm">
                        <Text fw={600} style={{ minWidth: 0 }}>
                          {unitName(u.unit_id)}
                        </Text>
                        <Group gap={6} wrap="nowrap">
                          <VisuallyHidden>{t('publicResults.ranking.score')}</VisuallyHidden>
                          <ScoreValue value={u.score} />
                        </Group>
                      </Group>
                    </Accordion.Control>
                    <Accordion.Panel>
                      {openUnit === String(u.unit_id) && (
                        <UnitDetail
                          unitId={u.unit_id}
                          dimensions={dimensions}
                          dimensionResults={du?.dimensions ?? []}
                          explanation={explanation}
                          instrument={instrument.data}
                          unitAssessmentId={ua?.unit_assessment_id ?? null}
                          answersAllowed={staff}
                          workError={work.isError ? work.error : null}
                        />
                      )}
                    </Accordion.Panel>
                  </Accordion.Item>
                );
              })}
            </Accordion>
          </>
        )}
      </Stack>
    </Stack>
  );
}

function stateKey(s: string): 'assessing' | 'verified' | 'final' | 'published' | 'other' {
  return s === 'assessing' || s === 'verified' || s === 'final' || s === 'published' ? s : 'other';
}

interface UnitDetailProps {
  unitId: number;
  dimensions: readonly Dimension[];
  dimensionResults: readonly { code: string; points: number; max: number; percent: number }[];
  explanation: ReturnType<typeof useExplanation>;
  instrument: Instrument | undefined;
  unitAssessmentId: number | null;
  answersAllowed: boolean;
  workError: unknown;
}

/** UnitDetail is one unit opened: its dimensions, then every indicator with points lost, answer, note and evidence. */
function UnitDetail({ unitId, dimensions, dimensionResults, explanation, instrument, unitAssessmentId, answersAllowed, workError }: UnitDetailProps) {
  const { t } = useTranslation();
  const f = useFormat();
  const unitView = useQuery({
    queryKey: ['results', 'unit-assessment', unitAssessmentId],
    queryFn: ({ signal }) => api.get(`/api/v1/unit-assessments/${unitAssessmentId}`, unitViewSchema, { signal }),
    enabled: answersAllowed && unitAssessmentId !== null,
    staleTime: 60_000,
  });

  return (
    <Stack gap="md">
      {dimensionResults.length > 0 && (
        <Group gap="lg" wrap="wrap">
          {dimensionResults.map((d) => (
            <Stack key={d.code} gap={2}>
              <Text size="sm" fw={600}>
                {dimensionLabel(
                  dimensions.find((x) => x.code === d.code),
                  f.lang,
                  d.code,
                )}
              </Text>
              <DimensionBar points={d.points} max={d.max} percent={d.percent} width={150} />
            </Stack>
          ))}
        </Group>
      )}
      {explanation.isPending ? (
        <LoadingState rows={4} />
      ) : explanation.isError ? (
        isStateError(explanation.error) ? (
          <Alert color="navy" role="note">{t('ranking.entity.imported')}</Alert>
        ) : (
          <ProblemAlert error={explanation.error} onRetry={() => void explanation.refetch()} />
        )
      ) : (
        <IndicatorTable
          unitId={unitId}
          explanation={explanation.data}
          instrument={instrument}
          dimensions={dimensions}
          evidence={unitView.data?.evidence ?? []}
          answerNotes={Object.fromEntries((unitView.data?.answers ?? []).map((a) => [a.indicator, a]))}
        />
      )}
      {answersAllowed && unitView.isPending && unitAssessmentId !== null && <LoadingState label={t('ranking.entity.loadingEvidence')} />}
      {answersAllowed && unitView.isError && <ProblemAlert error={unitView.error} onRetry={() => void unitView.refetch()} />}
      {answersAllowed && workError !== null && <ProblemAlert error={workError} title={t('ranking.entity.workFailed')} />}
    </Stack>
  );
}

function isStateError(err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'status' in err && (err as { status: number }).status === 409;
}

interface IndicatorTableProps {
  unitId: number;
  explanation: ExplanationView;
  instrument: Instrument | undefined;
  dimensions: readonly Dimension[];
  evidence: readonly Evidence[];
  answerNotes: Record<string, { note?: string | null; na_reason?: string | null }>;
}

function IndicatorTable({ unitId, explanation, instrument, dimensions, evidence, answerNotes }: IndicatorTableProps) {
  const { t } = useTranslation();
  const f = useFormat();
  const phone = useMediaQuery('(max-width: 47.99em)', false);
  const unit = explanation.explanation.units.find((u) => u.unit_id === String(unitId));
  if (!unit || unit.imported) return <Alert color="navy" role="note">{t('ranking.entity.imported')}</Alert>;
  const rows = unit.indicators.filter((i) => i.state !== 'not_applicable');
  const note = (code: string) =>
    explanation.notes.find((n) => n.unit_id === unitId && n.indicator === code)?.note ?? answerNotes[code]?.note ?? null;
  const groups = dimensions.length > 0 ? dimensions.map((d) => d.code) : [...new Set(rows.map((r) => r.dimension))];
  if (phone) {
    return (
      <Stack gap="md" component="section" aria-label={t('ranking.entity.indicatorsCaption')} data-testid="indicator-list">
        {groups.map((g) => {
          const inGroup = rows.filter((r) => r.dimension === g);
          if (inGroup.length === 0) return null;
          return (
            <Stack key={g} gap="xs">
              <Title order={3} fz="h4">
                {dimensionLabel(
                  dimensions.find((d) => d.code === g),
                  f.lang,
                  g,
                )}
              </Title>
              {inGroup.map((ind) => (
                <IndicatorCard
                  key={ind.code}
                  ind={ind}
                  name={indicatorName(instrument, ind.code, ind.name, f.lang)}
                  level={levelText(instrument, ind.code, ind.value)}
                  note={note(ind.code)}
                  naReason={answerNotes[ind.code]?.na_reason ?? null}
                  files={evidence.filter((e) => e.indicator === ind.code)}
                />
              ))}
            </Stack>
          );
        })}
      </Stack>
    );
  }
  return (
    <Table.ScrollContainer minWidth={760} type="native" style={{ position: 'relative' }}>
      <Table verticalSpacing="xs" data-testid="indicator-table">
        <Table.Caption style={{ textAlign: 'left' }}>{t('ranking.entity.indicatorsCaption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('ranking.entity.indicator')}</Table.Th>
            <Table.Th scope="col">{t('ranking.entity.answer')}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t('ranking.entity.lost')}
            </Table.Th>
            <Table.Th scope="col">{t('ranking.entity.note')}</Table.Th>
            <Table.Th scope="col">{t('ranking.entity.evidence')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        {groups.map((g) => {
          const inGroup = rows.filter((r) => r.dimension === g);
          if (inGroup.length === 0) return null;
          return (
            <Table.Tbody key={g}>
              <Table.Tr bg="slate.0">
                <Table.Th colSpan={5} scope="colgroup" fw={700} c="navy.9">
                  {dimensionLabel(
                    dimensions.find((d) => d.code === g),
                    f.lang,
                    g,
                  )}
                </Table.Th>
              </Table.Tr>
              {inGroup.map((ind) => (
                <IndicatorRow
                  key={ind.code}
                  ind={ind}
                  name={indicatorName(instrument, ind.code, ind.name, f.lang)}
                  level={levelText(instrument, ind.code, ind.value)}
                  note={note(ind.code)}
                  naReason={answerNotes[ind.code]?.na_reason ?? null}
                  files={evidence.filter((e) => e.indicator === ind.code)}
                />
              ))}
            </Table.Tbody>
          );
        })}
      </Table>
    </Table.ScrollContainer>
  );
}

interface IndicatorViewProps {
  ind: IndicatorLoss;
  name: string;
  level?: string;
  note: string | null;
  naReason: string | null;
  files: Evidence[];
}

function Answer({ ind, level, naReason }: Pick<IndicatorViewProps, 'ind' | 'level' | 'naReason'>) {
  const { t } = useTranslation();
  if (ind.state === 'answered') {
    return (
      <>
        <Text span fw={600} className="p4-tabular">
          {t('ranking.entity.answerOf', { value: ind.value ?? 0, max: ind.max })}
        </Text>
        {level && (
          <Text size="xs" c="dimmed">
            {level}
          </Text>
        )}
      </>
    );
  }
  if (ind.state === 'na') {
    return (
      <>
        <Text span size="sm">
          {t('ranking.entity.na')}
        </Text>
        {naReason && (
          <Text size="xs" c="dimmed">
            {naReason}
          </Text>
        )}
      </>
    );
  }
  return (
    <Text span size="sm" c="dimmed">
      {t('ranking.entity.unanswered')}
    </Text>
  );
}

function EvidenceLinks({ files }: { files: Evidence[] }) {
  const f = useFormat();
  if (files.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        –
      </Text>
    );
  }
  return (
    <Stack gap={4}>
      {files.map((e) => (
        <Anchor key={e.id} href={evidenceHref(e.id)} download={e.original_name} size="sm" style={{ display: 'inline-flex', gap: 4, alignItems: 'center', wordBreak: 'break-all' }}>
          <IconDownload size={14} />
          {e.original_name}
          {e.size ? <VisuallyHidden>{` (${f.number(Math.ceil(e.size / 1024))} kB)`}</VisuallyHidden> : null}
        </Anchor>
      ))}
    </Stack>
  );
}

function IndicatorRow({ ind, name, level, note, naReason, files }: IndicatorViewProps) {
  const f = useFormat();
  return (
    <Table.Tr data-indicator={ind.code}>
      <Table.Th scope="row" fw={500} maw={320}>
        {name}
        <Text size="xs" c="dimmed" ff="monospace">
          {ind.code}
        </Text>
      </Table.Th>
      <Table.Td maw={260}>
        <Answer ind={ind} level={level} naReason={naReason} />
      </Table.Td>
      <Table.Td ta="right" className="p4-tabular" fw={ind.lost > 0 ? 700 : 400}>
        {f.score(ind.lost)}
      </Table.Td>
      <Table.Td maw={320}>
        <Text size="sm">{note ?? '–'}</Text>
      </Table.Td>
      <Table.Td>
        <EvidenceLinks files={files} />
      </Table.Td>
    </Table.Tr>
  );
}

function IndicatorCard({ ind, name, level, note, naReason, files }: IndicatorViewProps) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Box p="sm" data-indicator={ind.code} style={{ border: '1px solid var(--mantine-color-slate-2)', borderRadius: 'var(--mantine-radius-md)' }}>
      <Text fw={600}>{name}</Text>
      <Text size="xs" c="dimmed" ff="monospace">
        {ind.code}
      </Text>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm" mt={6}>
        <Box style={{ minWidth: 0 }}>
          <Answer ind={ind} level={level} naReason={naReason} />
        </Box>
        <Text size="sm" className="p4-tabular" style={{ whiteSpace: 'nowrap' }}>
          {t('ranking.entity.lost')}: <b>{f.score(ind.lost)}</b>
        </Text>
      </Group>
      {note && (
        <Text size="sm" mt={6}>
          <Text span fw={600}>
            {t('ranking.entity.note')}:
          </Text>{' '}
          {note}
        </Text>
      )}
      {files.length > 0 && (
        <Box mt={6}>
          <EvidenceLinks files={files} />
        </Box>
      )}
    </Box>
  );
}
