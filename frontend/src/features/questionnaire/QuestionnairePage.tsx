import { Alert, Anchor, Button, Container, Grid, Group, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { IconAlertCircle, IconArrowBack, IconCloudOff, IconMessage, IconSend } from '../../components/icons';
import { LoadingState } from '../../components/LoadingState';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { currentLanguage } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { NotFoundPage } from '../not-found/NotFoundPage';
import type { User } from '../session/types';
import { SurveyEntryLink } from '../survey/SurveyReviewPanel';
import { workKey } from '../work/api';
import { UnitStateBadge } from '../work/UnitStateBadge';
import type { AnswerSync, SyncSummary } from './answerSync';
import { deleteEvidence, scoreKey, submitUnit, unansweredFromErrors, unitKey, useMethod, useUnit, useUnitScore } from './api';
import { formatDateTime, formatTime } from './format';
import { IndicatorCard } from './IndicatorCard';
import { buildQuestionnaire, indicatorAnchor, type MethodFile, type Questionnaire } from './method';
import { focusIndicator, MissingList } from './MissingList';
import { SaveStatus } from './SaveStatus';
import { ScorePreview } from './ScorePreview';
import { isAnswered, type Evidence, type ReviewComment, type UnitView } from './types';
import { useAnswerSync, useRevision, useSyncSummary } from './useAnswerSync';
import aside from './Aside.module.css';

/**
 * QuestionnairePage is /kerja/unit/:id: one unit's questionnaire, grouped by
 * dimension and variable, saved as the assessor works (also offline), with
 * the live score and the way to hand the unit to review.
 */
export function QuestionnairePage({ user }: { user: User }) {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const unit = useUnit(valid ? id : 0);
  const method = useMethod(unit.data?.period.year);

  if (!valid) return <NotFoundPage />;
  if (unit.isError && isApiError(unit.error) && unit.error.status === 404) return <NotFoundPage />;
  return (
    <Container size="xl" py="xl" px={{ base: 'xs', sm: 'md' }}>
      <Anchor component={Link} to="/kerja" size="sm" mb="sm" display="inline-flex" style={{ alignItems: 'center', gap: 6, minHeight: 44 }}>
        <IconArrowBack size={16} /> {t('work.title')}
      </Anchor>
      {unit.isPending && <LoadingState rows={6} />}
      {unit.isError && <ProblemAlert error={unit.error} onRetry={() => void unit.refetch()} />}
      {unit.data && method.isError && <ProblemAlert error={method.error} onRetry={() => void method.refetch()} />}
      {unit.data && method.isPending && <LoadingState rows={6} />}
      {unit.data && method.data && <Loaded view={unit.data} method={method.data} user={user} />}
    </Container>
  );
}

function readOnlyReason(view: UnitView, user: User): string | null {
  if (user.role !== 'assessor' || !(view.assessment.assessors ?? []).includes(user.id)) return 'notAssigned';
  if (view.period.status !== 'open') return 'periodClosed';
  if (view.assessment.state === 'submitted') return 'submitted';
  if (view.assessment.state === 'accepted') return 'accepted';
  return null;
}

function Loaded({ view, method, user }: { view: UnitView; method: MethodFile; user: User }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const unitId = view.assessment.id;
  const lang = i18n.resolvedLanguage ?? currentLanguage();
  const q = useMemo(() => buildQuestionnaire(method, view.entity.kind, lang), [method, view.entity.kind, lang]);
  const dimensionNames = useMemo(() => new Map(q.dimensions.map((d) => [d.code, d.name])), [q]);
  const readOnly = readOnlyReason(view, user);

  // After saves settle, refresh the score and the work list (debounced: one read per burst).
  const refreshTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const onSaved = useCallback(() => {
    clearTimeout(refreshTimer.current);
    refreshTimer.current = setTimeout(() => {
      void qc.invalidateQueries({ queryKey: scoreKey(unitId) });
      void qc.invalidateQueries({ queryKey: workKey });
    }, 400);
  }, [qc, unitId]);
  useEffect(() => () => clearTimeout(refreshTimer.current), []);

  const sync = useAnswerSync({ user: user.id, unit: unitId, answers: view.answers, onSaved });
  const score = useUnitScore(unitId);

  const evidenceBy = useMemo(() => groupBy(view.evidence, (e) => e.indicator), [view.evidence]);
  const commentsBy = useMemo(() => groupBy(view.comments, (c) => c.indicator ?? ''), [view.comments]);
  const onUploaded = useCallback(
    (e: Evidence) => {
      qc.setQueryData<UnitView>(unitKey(unitId), (old) => (old ? { ...old, evidence: [...old.evidence, e] } : old));
    },
    [qc, unitId],
  );
  const onDeleteEvidence = useCallback(
    async (e: Evidence) => {
      await deleteEvidence(e.id);
      qc.setQueryData<UnitView>(unitKey(unitId), (old) => (old ? { ...old, evidence: old.evidence.filter((x) => x.id !== e.id) } : old));
    },
    [qc, unitId],
  );
  const [missing, setMissing] = useState<{ codes: string[]; fromServer: boolean } | null>(null);
  const missingSet = useMemo(() => new Set(missing?.codes ?? []), [missing]);

  const a = view.assessment;
  return (
    <>
      <PageHeader
        title={view.unit.name}
        description={t('questionnaire.subtitle', { entity: view.entity.name, year: view.period.year })}
        actions={<UnitStateBadge state={a.state} />}
      />
      <Stack gap="md">
        <SurveyEntryLink unitId={unitId} />
        {a.state === 'returned' && a.return_reason && (
          <Alert color="grape" variant="light" icon={<IconArrowBack size={22} />} title={t('questionnaire.returnedTitle')} data-testid="return-reason">
            <Text style={{ whiteSpace: 'pre-wrap' }}>{a.return_reason}</Text>
            {a.decided_at && (
              <Text size="xs" c="dimmed" mt={4}>
                {a.decided_by_name ? `${a.decided_by_name} · ` : ''}
                {formatDateTime(a.decided_at, f.lang)}
              </Text>
            )}
          </Alert>
        )}
        {(commentsBy.get('') ?? []).map((c) => (
          <Alert key={c.id} color="grape" variant="light" icon={<IconMessage size={20} />} title={t('questionnaire.reviewerComment')}>
            {c.body}
          </Alert>
        ))}
        {readOnly && (
          <Alert color="slate" variant="light" icon={<IconAlertCircle size={22} />} title={t('questionnaire.readOnlyTitle')} data-testid="read-only">
            {t(`questionnaire.readOnly.${readOnly}` as 'questionnaire.readOnly.submitted')}
          </Alert>
        )}
        {!sync ? (
          <LoadingState rows={4} />
        ) : (
          <Body
            sync={sync}
            q={q}
            view={view}
            user={user}
            readOnly={readOnly !== null}
            evidenceBy={evidenceBy}
            commentsBy={commentsBy}
            onUploaded={onUploaded}
            onDeleteEvidence={onDeleteEvidence}
            score={score}
            dimensionNames={dimensionNames}
            missing={missing}
            missingSet={missingSet}
            setMissing={setMissing}
          />
        )}
      </Stack>
    </>
  );
}

interface BodyProps {
  sync: AnswerSync;
  q: Questionnaire;
  view: UnitView;
  user: User;
  readOnly: boolean;
  evidenceBy: Map<string, Evidence[]>;
  commentsBy: Map<string, ReviewComment[]>;
  onUploaded: (e: Evidence) => void;
  onDeleteEvidence: (e: Evidence) => Promise<void>;
  score: ReturnType<typeof useUnitScore>;
  dimensionNames: Map<string, string>;
  missing: { codes: string[]; fromServer: boolean } | null;
  missingSet: Set<string>;
  setMissing: (m: { codes: string[]; fromServer: boolean } | null) => void;
}

const none: never[] = [];

function Body(p: BodyProps) {
  const { sync, q, view } = p;
  const summary = useSyncSummary(sync);
  const revision = useRevision(sync);
  // Recomputed whenever any answer changes (revision), not on every render.
  const values = useMemo(() => (revision >= 0 ? sync.values() : new Map()), [sync, revision]);
  const answered = q.order.filter((c) => {
    const v = values.get(c);
    return v ? isAnswered(v) : false;
  }).length;

  if (!summary.ready) return <LoadingState rows={4} />;
  return (
    <>
      <LeaveGuard active={!summary.persistent && summary.pending > 0} />
      <StatusBar summary={summary} answered={answered} total={q.order.length} readOnly={p.readOnly} onRetry={() => sync.retryNow()} />
      <Notices summary={summary} />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="xl">
            {p.missing && p.missing.codes.length > 0 && <MissingList codes={p.missing.codes} byCode={q.byCode} fromServer={p.missing.fromServer} />}
            {q.dimensions.map((d) => (
              <Stack key={d.code} gap="md" component="section" aria-labelledby={`dim-${d.code}`}>
                <Title order={2} id={`dim-${d.code}`} style={{ scrollMarginTop: 140 }}>
                  {d.name}
                </Title>
                {d.variables.map((v) => (
                  <Stack key={v.code || '-'} gap="md">
                    {v.name && (
                      <Title order={3} c="slate.8">
                        {v.name}
                      </Title>
                    )}
                    {v.indicators.map((ind) => (
                      <IndicatorCard
                        key={ind.code}
                        sync={sync}
                        indicator={ind}
                        unit={view.assessment.id}
                        me={p.user.id}
                        evidence={p.evidenceBy.get(ind.code) ?? none}
                        comments={p.commentsBy.get(ind.code) ?? none}
                        readOnly={p.readOnly}
                        missing={p.missingSet.has(ind.code)}
                        onUploaded={p.onUploaded}
                        onDeleteEvidence={p.onDeleteEvidence}
                      />
                    ))}
                  </Stack>
                ))}
              </Stack>
            ))}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="md" className={aside.aside}>
            <ScorePreview
              score={p.score.data}
              error={p.score.error}
              refreshing={p.score.isFetching}
              dimensionNames={p.dimensionNames}
              onRetry={() => void p.score.refetch()}
            />
            <DimensionNav q={q} values={values} />
            {!p.readOnly && <SubmitPanel sync={sync} summary={summary} q={q} view={view} setMissing={p.setMissing} />}
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}

/**
 * LeaveGuard asks before the tab closes while answers are unsent and the
 * device cannot keep them (no IndexedDB). With IndexedDB nothing is lost
 * and nothing is asked.
 */
function LeaveGuard({ active }: { active: boolean }) {
  useEffect(() => {
    if (!active) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [active]);
  return null;
}

/** StatusBar keeps the save state and the progress in sight while scrolling. */
function StatusBar({ summary, answered, total, readOnly, onRetry }: { summary: SyncSummary; answered: number; total: number; readOnly: boolean; onRetry: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Paper
      p="xs"
      px="sm"
      shadow="xs"
      data-testid="save-bar"
      style={{ position: 'sticky', top: 64, zIndex: 5, background: 'var(--mantine-color-white)' }}
    >
      <Group justify="space-between" gap="xs" wrap="wrap">
        <Text size="sm" fw={600} className="p4-tabular">
          {t('questionnaire.progress', { answered: f.number(answered), total: f.number(total) })}
        </Text>
        {!readOnly && (
          <Group gap="xs" wrap="nowrap">
            <SaveStatus status={summary.status} live />
            {summary.lastSavedAt && summary.status === 'saved' && (
              <Text size="xs" c="dimmed" visibleFrom="xs">
                {t('save.lastSaved', { time: formatTime(summary.lastSavedAt, f.lang) })}
              </Text>
            )}
            {(summary.status === 'offline' || summary.status === 'retrying') && (
              <Button size="compact-sm" variant="default" mih={36} onClick={onRetry}>
                {t('save.retryNow')}
              </Button>
            )}
          </Group>
        )}
      </Group>
    </Paper>
  );
}

function Notices({ summary }: { summary: SyncSummary }) {
  const { t } = useTranslation();
  return (
    <>
      {summary.blocked && (
        <Alert color="red" icon={<IconAlertCircle size={22} />} title={t(`save.blockedTitle.${summary.blocked.reason}`)} role="alert">
          <Text size="sm">{t('save.blockedBody', { count: summary.pending })}</Text>
          {summary.blocked.reason === 'session' && (
            <Button mt="xs" component={Link} to={`/masuk?next=${encodeURIComponent(window.location.pathname)}`} variant="default">
              {t('nav.signIn')}
            </Button>
          )}
        </Alert>
      )}
      {(summary.status === 'offline' || summary.status === 'retrying') && (
        <Alert color="grape" variant="light" icon={<IconCloudOff size={22} />} title={t(`save.${summary.status}Title`)}>
          {t('save.offlineBody', { count: summary.pending })}
        </Alert>
      )}
      {summary.conflicts.length > 0 && (
        <Alert color="red" icon={<IconAlertCircle size={22} />} title={t('conflict.pageTitle', { count: summary.conflicts.length })}>
          <Group gap="xs">
            {summary.conflicts.map((c) => (
              <Anchor
                key={c}
                href={`#${indicatorAnchor(c)}`}
                onClick={(e) => {
                  e.preventDefault();
                  focusIndicator(c);
                }}
              >
                {c}
              </Anchor>
            ))}
          </Group>
        </Alert>
      )}
      {!summary.persistent && (
        <Alert color="grape" variant="light" icon={<IconAlertCircle size={22} />} title={t('save.notPersistentTitle')}>
          {t('save.notPersistentBody')}
        </Alert>
      )}
    </>
  );
}

function DimensionNav({ q, values }: { q: Questionnaire; values: Map<string, { value: number | null; na: boolean }> }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Paper component="nav" aria-label={t('questionnaire.dimensionsNav')} p="sm">
      <Stack gap={2} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {q.dimensions.map((d) => {
          const codes = d.variables.flatMap((v) => v.indicators.map((i) => i.code));
          const n = codes.filter((c) => {
            const v = values.get(c);
            return v ? v.value !== null || v.na : false;
          }).length;
          return (
            <li key={d.code}>
              <Anchor
                href={`#dim-${d.code}`}
                onClick={(e) => {
                  e.preventDefault();
                  document.getElementById(`dim-${d.code}`)?.scrollIntoView({ behavior: 'smooth' });
                }}
                display="flex"
                style={{ justifyContent: 'space-between', minHeight: 44, alignItems: 'center', gap: 8 }}
                underline="hover"
              >
                <span>{d.name}</span>
                <Text span size="sm" c={n === codes.length ? 'navy.8' : 'dimmed'} className="p4-tabular">
                  {t('questionnaire.dimProgress', { answered: f.number(n), total: f.number(codes.length) })}
                </Text>
              </Anchor>
            </li>
          );
        })}
      </Stack>
    </Paper>
  );
}

/**
 * SubmitPanel hands the unit to review. It first checks on the device that
 * every answer is saved and every applicable indicator answered, listing
 * what is missing with links; the server checks again (422, answers.<code>).
 */
function SubmitPanel({
  sync,
  summary,
  q,
  view,
  setMissing,
}: {
  sync: AnswerSync;
  summary: SyncSummary;
  q: Questionnaire;
  view: UnitView;
  setMissing: (m: { codes: string[]; fromServer: boolean } | null) => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [confirm, setConfirm] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [unsaved, setUnsaved] = useState(false);

  const check = async () => {
    setError(null);
    setUnsaved(false);
    await sync.flush();
    const s = sync.getSummary();
    if (s.pending > 0) {
      setUnsaved(true);
      return;
    }
    const values = sync.values();
    const codes = q.order.filter((c) => {
      const v = values.get(c);
      return !v || !isAnswered(v);
    });
    setMissing(codes.length ? { codes, fromServer: false } : null);
    if (codes.length) {
      const first = codes[0];
      if (first) setTimeout(() => document.querySelector<HTMLElement>('[data-testid="missing-list"]')?.scrollIntoView({ block: 'center' }), 0);
      return;
    }
    setConfirm(true);
  };

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await submitUnit(view.assessment.id);
      setConfirm(false);
      setMissing(null);
      await qc.invalidateQueries({ queryKey: unitKey(view.assessment.id) });
      void qc.invalidateQueries({ queryKey: workKey });
    } catch (err) {
      setConfirm(false);
      if (isApiError(err) && err.status === 422) {
        const codes = unansweredFromErrors(err.errors);
        if (codes.length) {
          setMissing({ codes, fromServer: true });
          return;
        }
      }
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper p="sm">
      <Stack gap="xs">
        <Title order={2} size="h4">
          {t('submit.title')}
        </Title>
        <Text size="sm">{t('submit.body')}</Text>
        {unsaved && (
          <Alert color="red" icon={<IconAlertCircle size={20} />} role="alert" title={t('submit.unsavedTitle')}>
            {t('submit.unsavedBody', { count: summary.pending })}
          </Alert>
        )}
        {error ? <ProblemAlert error={error} /> : null}
        <Button leftSection={<IconSend size={18} />} onClick={() => void check()} loading={busy}>
          {t('submit.button')}
        </Button>
      </Stack>
      <Modal opened={confirm} onClose={() => setConfirm(false)} title={t('submit.confirmTitle')} centered>
        <Stack gap="md">
          <Text>{t('submit.confirmBody', { unit: view.unit.name })}</Text>
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={() => setConfirm(false)}>
              {t('submit.cancel')}
            </Button>
            <Button onClick={() => void submit()} loading={busy}>
              {t('submit.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    const list = out.get(k);
    if (list) list.push(it);
    else out.set(k, [it]);
  }
  return out;
}

