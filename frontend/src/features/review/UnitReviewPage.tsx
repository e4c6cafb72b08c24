import { Alert, Anchor, Button, Container, Grid, Group, Modal, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { memo, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { IconArrowBack, IconCheck, IconMessage } from '../../components/icons';
import { LoadingState } from '../../components/LoadingState';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { currentLanguage } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { NotFoundPage } from '../not-found/NotFoundPage';
import { unitKey, useMethod, useUnit, useUnitScore } from '../questionnaire/api';
import { useDescribeAnswer } from '../questionnaire/ConflictPanel';
import { EvidenceList } from '../questionnaire/Evidence';
import { formatDateTime } from '../questionnaire/format';
import { maxNoteLength } from '../questionnaire/IndicatorCard';
import { buildQuestionnaire, indicatorAnchor, type IndicatorView, type MethodFile } from '../questionnaire/method';
import { ScorePreview } from '../questionnaire/ScorePreview';
import { inputOf, type Answer, type Evidence, type ReviewComment, type UnitView } from '../questionnaire/types';
import { workKey } from '../work/api';
import { UnitStateBadge } from '../work/UnitStateBadge';
import { SurveyReviewPanel } from '../survey/SurveyReviewPanel';
import { acceptUnit, reopenUnit, returnUnit } from './api';
import aside from '../questionnaire/Aside.module.css';

/**
 * UnitReviewPage is /tinjau/unit/:id: the coordinator reads a unit's
 * answers with their evidence, writes a comment beside any indicator, and
 * returns the unit with a reason (the comments go along), accepts it, or
 * reopens an accepted one.
 */
export function UnitReviewPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const unit = useUnit(valid ? id : 0);
  const method = useMethod(unit.data?.period.year);
  if (!valid || (unit.isError && isApiError(unit.error) && unit.error.status === 404)) return <NotFoundPage />;
  return (
    <Container size="xl" py="xl" px={{ base: 'xs', sm: 'md' }}>
      <Anchor component={Link} to={`/tinjau${unit.data ? `?tahun=${unit.data.period.year}` : ''}`} size="sm" display="inline-flex" style={{ alignItems: 'center', gap: 6, minHeight: 44 }}>
        <IconArrowBack size={16} /> {t('review.back')}
      </Anchor>
      {unit.isPending && <LoadingState rows={6} />}
      {unit.isError && <ProblemAlert error={unit.error} onRetry={() => void unit.refetch()} />}
      {method.isError && <ProblemAlert error={method.error} onRetry={() => void method.refetch()} />}
      {unit.data && method.isPending && <LoadingState rows={6} />}
      {unit.data && method.data && <Review view={unit.data} method={method.data} />}
    </Container>
  );
}

function Review({ view, method }: { view: UnitView; method: MethodFile }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? currentLanguage();
  const q = useMemo(() => buildQuestionnaire(method, view.entity.kind, lang), [method, view.entity.kind, lang]);
  const score = useUnitScore(view.assessment.id);
  const [comments, setComments] = useState<Record<string, string>>({});
  const answers = useMemo(() => new Map(view.answers.map((a) => [a.indicator, a])), [view.answers]);
  const evidence = useMemo(() => group(view.evidence, (e) => e.indicator), [view.evidence]);
  const earlier = useMemo(() => group(view.comments, (c) => c.indicator ?? ''), [view.comments]);
  const state = view.assessment.state;
  const canComment = state === 'submitted';
  const setComment = useMemo(() => (code: string, body: string) => setComments((c) => ({ ...c, [code]: body })), []);

  return (
    <>
      <PageHeader
        title={view.unit.name}
        description={t('questionnaire.subtitle', { entity: view.entity.name, year: view.period.year })}
        actions={<UnitStateBadge state={state} />}
      />
      <Anchor component={Link} to={`/tinjau/lokus/${view.entity.id}?tahun=${view.period.year}`} mb="md" display="inline-block">
        {t('review.backEntity', { entity: view.entity.name })}
      </Anchor>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="xl">
            {state === 'returned' && view.assessment.return_reason && (
              <Alert color="grape" variant="light" icon={<IconArrowBack size={22} />} title={t('questionnaire.returnedTitle')}>
                {view.assessment.return_reason}
              </Alert>
            )}
            {q.dimensions.map((d) => (
              <Stack key={d.code} gap="md" component="section" aria-labelledby={`rdim-${d.code}`}>
                <Title order={2} id={`rdim-${d.code}`}>
                  {d.name}
                </Title>
                {d.variables.flatMap((v) =>
                  v.indicators.map((ind) => (
                    <ReviewIndicator
                      key={ind.code}
                      ind={ind}
                      answer={answers.get(ind.code)}
                      evidence={evidence.get(ind.code) ?? []}
                      earlier={earlier.get(ind.code) ?? []}
                      comment={comments[ind.code] ?? ''}
                      canComment={canComment}
                      onComment={setComment}
                    />
                  )),
                )}
              </Stack>
            ))}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="md" className={aside.aside}>
            <Decision view={view} comments={comments} onDone={() => setComments({})} />
            <SurveyReviewPanel unitId={view.assessment.id} />
            <ScorePreview
              score={score.data}
              error={score.error}
              refreshing={score.isFetching}
              dimensionNames={new Map(q.dimensions.map((d) => [d.code, d.name]))}
              onRetry={() => void score.refetch()}
            />
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}

const ReviewIndicator = memo(function ReviewIndicator({
  ind,
  answer,
  evidence,
  earlier,
  comment,
  canComment,
  onComment,
}: {
  ind: IndicatorView;
  answer: Answer | undefined;
  evidence: readonly Evidence[];
  earlier: readonly ReviewComment[];
  comment: string;
  canComment: boolean;
  onComment: (code: string, body: string) => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const describe = useDescribeAnswer();
  const a = answer ? inputOf(answer) : null;
  const titleId = `rtitle-${indicatorAnchor(ind.code)}`;
  return (
    <Paper component="section" id={indicatorAnchor(ind.code)} aria-labelledby={titleId} p={{ base: 'sm', sm: 'lg' }} data-indicator={ind.code}>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: canComment ? 7 : 12 }}>
          <Stack gap="xs">
            <Title order={3} size="h4" id={titleId} style={{ overflowWrap: 'anywhere' }}>
              <Text span ff="monospace" fw={700} c="navy.7" mr={8}>
                {ind.code}
              </Text>{' '}
              {ind.name}
            </Title>
            <Text size="sm" c="dimmed">
              {ind.question}
            </Text>
            <Text fw={700} data-testid="answer">
              {t('review.answer')}: {describe(a, ind.levels)}
            </Text>
            {answer?.updated_by_name && answer.updated_at && (
              <Text size="xs" c="dimmed" data-testid="answer-by">
                {t('evidence.changedBy', { name: answer.updated_by_name, date: formatDateTime(answer.updated_at, f.lang) })}
              </Text>
            )}
            {a?.na && (
              <Text size="sm">
                <strong>{t('review.naReason')}</strong> {a.na_reason}
              </Text>
            )}
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} c={a?.note ? undefined : 'dimmed'}>
              {a?.note ? (
                <>
                  <strong>{t('review.note')}</strong> {a.note}
                </>
              ) : (
                t('review.noNote')
              )}
            </Text>
            {evidence.length > 0 ? (
              <EvidenceList files={evidence} />
            ) : (
              <Text size="sm" c="dimmed">
                {t('review.noEvidence')}
              </Text>
            )}
            {earlier.map((c) => (
              <Alert key={c.id} color="grape" variant="light" p="xs" icon={<IconMessage size={18} />} title={t('review.previousComments')}>
                <Text size="sm">{c.body}</Text>
                <Text size="xs" c="dimmed">
                  {c.author_name ? `${c.author_name} · ` : ''}
                  {formatDateTime(c.created_at, f.lang)}
                </Text>
              </Alert>
            ))}
          </Stack>
        </Grid.Col>
        {canComment && (
          <Grid.Col span={{ base: 12, lg: 5 }}>
            <Textarea
              label={t('review.comment')}
              description={t('review.commentHint')}
              autosize
              minRows={3}
              maxLength={maxNoteLength}
              value={comment}
              onChange={(e) => onComment(ind.code, e.currentTarget.value)}
            />
          </Grid.Col>
        )}
      </Grid>
    </Paper>
  );
});

type Dialog = null | 'accept' | 'return' | 'reopen';

function Decision({ view, comments, onDone }: { view: UnitView; comments: Record<string, string>; onDone: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<'accepted' | 'returned' | null>(null);
  const id = view.assessment.id;
  const state = view.assessment.state;
  const list = Object.entries(comments)
    .map(([indicator, body]) => ({ indicator, body: body.trim() }))
    .filter((c) => c.body !== '');

  const close = () => {
    setDialog(null);
    setReasonError(null);
  };

  const run = async (what: Exclude<Dialog, null>) => {
    if (what !== 'accept' && reason.trim() === '') {
      setReasonError(t('review.reasonRequired'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      if (what === 'accept') await acceptUnit(id);
      else if (what === 'return') await returnUnit(id, reason.trim(), list);
      else await reopenUnit(id, reason.trim());
      setDone(what === 'accept' ? 'accepted' : 'returned');
      setReason('');
      if (what === 'return') onDone();
      close();
      await qc.invalidateQueries({ queryKey: unitKey(id) });
      void qc.invalidateQueries({ queryKey: workKey });
      void qc.invalidateQueries({ queryKey: ['result'] });
    } catch (err) {
      const fe = isApiError(err) ? err.fieldErrors().reason : undefined;
      if (fe) setReasonError(t(`validation.${fe.code}` as 'validation.required', { defaultValue: fe.message }));
      else {
        setError(err);
        close();
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper p="sm" component="section" aria-labelledby="decision-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="decision-title">
          {t('review.decisionTitle')}
        </Title>
        {done && (
          <Alert color="navy" icon={<IconCheck size={20} />} role="status">
            {t(`review.decided.${done}`)}
          </Alert>
        )}
        {error ? <ProblemAlert error={error} /> : null}
        {state === 'submitted' && (
          <>
            {list.length > 0 && <Text size="sm">{t('review.commentsCount', { count: list.length })}</Text>}
            <Stack gap="xs">
              <Button leftSection={<IconCheck size={18} />} onClick={() => setDialog('accept')}>
                {t('review.accept')}
              </Button>
              <Button variant="default" leftSection={<IconArrowBack size={18} />} onClick={() => setDialog('return')}>
                {t('review.return')}
              </Button>
            </Stack>
          </>
        )}
        {state === 'accepted' && (
          <Button variant="default" onClick={() => setDialog('reopen')}>
            {t('review.reopen')}
          </Button>
        )}
        {(state === 'draft' || state === 'returned') && !done && <Text size="sm">{t('review.waitingAssessor')}</Text>}
      </Stack>

      <Modal opened={dialog === 'accept'} onClose={close} title={t('review.acceptConfirmTitle')} centered>
        <Stack gap="md">
          <Text>{t('review.acceptConfirmBody', { unit: view.unit.name })}</Text>
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={close}>
              {t('review.cancel')}
            </Button>
            <Button onClick={() => void run('accept')} loading={busy}>
              {t('review.accept')}
            </Button>
          </Group>
        </Stack>
      </Modal>

      <Modal opened={dialog === 'return' || dialog === 'reopen'} onClose={close} title={dialog === 'reopen' ? t('review.reopenTitle') : t('review.returnTitle')} centered size="lg">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (dialog === 'return' || dialog === 'reopen') void run(dialog);
          }}
          noValidate
        >
          <Stack gap="md">
            <Textarea
              label={dialog === 'reopen' ? t('review.reopenReason') : t('review.returnReason')}
              description={dialog === 'reopen' ? t('review.reopenHint') : t('review.returnReasonHint')}
              withAsterisk
              required
              autosize
              minRows={3}
              maxLength={maxNoteLength}
              value={reason}
              error={reasonError}
              data-autofocus
              onChange={(e) => {
                setReason(e.currentTarget.value);
                setReasonError(null);
              }}
            />
            {dialog === 'return' && list.length > 0 && <Text size="sm">{t('review.commentsCount', { count: list.length })}</Text>}
            <Group justify="flex-end" gap="xs">
              <Button variant="default" onClick={close}>
                {t('review.cancel')}
              </Button>
              <Button type="submit" loading={busy}>
                {dialog === 'reopen' ? t('review.reopen') : t('review.return')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Paper>
  );
}

function group<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    out.set(k, [...(out.get(k) ?? []), it]);
  }
  return out;
}
