import { Alert, Anchor, Button, Checkbox, Container, Group, NativeSelect, Paper, Radio, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { CategoryBadge } from '../../components/CategoryBadge';
import { IconArrowBack } from '../../components/icons';
import { LoadingState } from '../../components/LoadingState';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ScoreValue } from '../../components/ScoreValue';
import { currentLanguage } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { NotFoundPage } from '../not-found/NotFoundPage';
import { unitKey, useMethod, useUnit } from '../questionnaire/api';
import { useDescribeAnswer } from '../questionnaire/ConflictPanel';
import { EvidenceList } from '../questionnaire/Evidence';
import { formatDateTime } from '../questionnaire/format';
import { buildQuestionnaire, type Questionnaire } from '../questionnaire/method';
import { inputOf } from '../questionnaire/types';
import { resultKey, useEntityResult } from '../review/api';
import type { User } from '../session/types';
import { useYear } from '../work/useYear';
import { decideObjection, queueKey, useObjectionFiles, useObjectionQueue, type DecisionInput, type ObjectionFile, type ObjectionState, type QueuedObjection } from './api';
import { FileList } from './FileList';
import { ObjectionStateBadge } from './ObjectionStateBadge';

type Item = QueuedObjection['items'][number];

/**
 * ObjectionDecisionPage is /sanggahan/:id?tahun=: one objection with, for
 * each contested indicator, the assessor's answer and evidence beside what
 * the agency asks for and the files it sent; the coordinator (or admin)
 * decides it with a reason, and the entity's result is shown as it stands
 * after the decision.
 */
export function ObjectionDecisionPage({ user }: { user: User }) {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const { periods, year } = useYear();
  const queue = useObjectionQueue(year);
  const o = queue.data?.find((x) => x.id === id);
  if (!Number.isInteger(id) || id <= 0 || (queue.isSuccess && !o)) return <NotFoundPage />;
  return (
    <Container size="xl" py="xl" px={{ base: 'xs', sm: 'md' }}>
      <Anchor component={Link} to={`/sanggahan${year ? `?tahun=${year}` : ''}`} size="sm" display="inline-flex" style={{ alignItems: 'center', gap: 6, minHeight: 44 }}>
        <IconArrowBack size={16} /> {t('objections.back')}
      </Anchor>
      {periods.isError && <ProblemAlert error={periods.error} onRetry={() => void periods.refetch()} />}
      {queue.isError && <ProblemAlert error={queue.error} onRetry={() => void queue.refetch()} />}
      {(periods.isPending || queue.isPending) && !queue.isError && <LoadingState rows={6} />}
      {o && year !== undefined && <Decision objection={o} year={year} user={user} />}
    </Container>
  );
}

function Decision({ objection: o, year, user }: { objection: QueuedObjection; year: number; user: User }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const lang = i18n.resolvedLanguage ?? currentLanguage();
  const method = useMethod(year);
  const q = useMemo(() => (method.data ? buildQuestionnaire(method.data, o.entity_kind, lang) : undefined), [method.data, o.entity_kind, lang]);
  const files = useObjectionFiles(o.id);
  const canDecide = (user.role === 'coordinator' || user.role === 'admin') && o.state === 'submitted';

  return (
    <Stack gap="lg" mt="sm">
      <PageHeader
        title={t('objections.decisionTitle', { entity: o.entity_name })}
        description={t('objections.filedBy', { name: o.filed_by_name || t('objections.someone'), date: o.filed_at ? f.date(o.filed_at) : '—' })}
        actions={<ObjectionStateBadge state={o.state} />}
      />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Paper p={{ base: 'sm', sm: 'lg' }} component="section" aria-labelledby="objection-statement">
          <Title order={2} fz="h4" id="objection-statement">
            {t('objections.statement')}
          </Title>
          <Text mt="xs" style={{ whiteSpace: 'pre-wrap' }}>
            {o.statement}
          </Text>
        </Paper>
        <ResultPanel year={year} entityId={o.entity_id} />
      </SimpleGrid>
      {method.isError && <ProblemAlert error={method.error} onRetry={() => void method.refetch()} />}
      {files.isError && <ProblemAlert error={files.error} onRetry={() => void files.refetch()} />}
      <Stack gap="md" component="section" aria-label={t('objections.itemsLabel')}>
        {o.items.map((it, i) => (
          <ItemCard key={it.id ?? i} item={it} n={i + 1} q={q} files={files.data} objectionId={o.id} />
        ))}
      </Stack>
      {o.state !== 'submitted' && <DecisionSummary objection={o} />}
      {canDecide && <DecisionForm objection={o} year={year} q={q} />}
    </Stack>
  );
}

function ResultPanel({ year, entityId }: { year: number; entityId: number }) {
  const { t } = useTranslation();
  const result = useEntityResult(year, entityId);
  return (
    <Paper p={{ base: 'sm', sm: 'lg' }} component="section" aria-labelledby="objection-result" data-testid="objection-result">
      <Title order={2} fz="h4" id="objection-result">
        {t('objections.currentResult')}
      </Title>
      {result.isPending && <LoadingState rows={1} />}
      {result.isError && <ProblemAlert error={result.error} onRetry={() => void result.refetch()} />}
      {result.data === null && <Text c="dimmed">{t('objections.noResult')}</Text>}
      {result.data && (
        <Group gap="sm" mt="xs" align="center">
          <ScoreValue value={result.data.result.score} size="2rem" />
          <CategoryBadge category={result.data.result.category ?? null} />
          <Text size="sm">{result.data.result.opinion}</Text>
        </Group>
      )}
    </Paper>
  );
}

function ItemCard({ item, n, q, files, objectionId }: { item: Item; n: number; q: Questionnaire | undefined; files: ObjectionFile[] | undefined; objectionId: number }) {
  const { t } = useTranslation();
  const f = useFormat();
  const describe = useDescribeAnswer();
  const unit = useUnit(item.unit_assessment_id);
  const ind = q?.byCode.get(item.indicator);
  const levels = ind?.levels ?? [];
  const answer = unit.data?.answers.find((a) => a.indicator === item.indicator);
  const evidence = unit.data?.evidence.filter((e) => e.indicator === item.indicator) ?? [];
  const title = `${n}. ${ind?.name ?? item.indicator}`;
  const headingId = `objection-item-${item.id ?? n}`;

  return (
    <Paper p={{ base: 'sm', sm: 'lg' }} component="article" aria-labelledby={headingId} data-testid="objection-item">
      <Title order={2} fz="h4" id={headingId}>
        {title}
      </Title>
      {unit.data && (
        <Text size="sm" c="dimmed">
          {unit.data.unit.name} · {item.indicator}
        </Text>
      )}
      {unit.isError && <ProblemAlert error={unit.error} onRetry={() => void unit.refetch()} />}
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" mt="sm">
        <Stack gap="xs" p="sm" style={{ border: '1px solid var(--mantine-color-slate-2)', borderRadius: 8 }} data-testid="assessor-side">
          <Text fw={600}>{t('objections.assessorSide')}</Text>
          {unit.isPending ? (
            <LoadingState rows={2} />
          ) : (
            <>
              <Text>
                <Text span c="dimmed" size="sm">
                  {t('objections.answer')}:{' '}
                </Text>
                {describe(answer ? inputOf(answer) : null, levels)}
              </Text>
              {answer?.note && (
                <Text size="sm">
                  <Text span c="dimmed">
                    {t('objections.note')}:{' '}
                  </Text>
                  {answer.note}
                </Text>
              )}
              {answer?.updated_at && (
                <Text size="xs" c="dimmed">
                  {t('objections.changedBy', { name: answer.updated_by_name || t('objections.someone'), date: formatDateTime(answer.updated_at, f.lang) })}
                </Text>
              )}
              <Text size="sm" fw={600}>
                {t('objections.assessorEvidence')}
              </Text>
              {evidence.length > 0 ? <EvidenceList files={evidence} /> : <Text size="sm" c="dimmed">{t('objections.noEvidence')}</Text>}
            </>
          )}
        </Stack>
        <Stack gap="xs" p="sm" style={{ border: '1px solid var(--mantine-color-navy-2)', borderRadius: 8 }} data-testid="agency-side">
          <Text fw={600}>{t('objections.agencySide')}</Text>
          <Text>
            <Text span c="dimmed" size="sm">
              {t('objections.requested')}:{' '}
            </Text>
            {describe({ value: item.requested_value, na: false, na_reason: '', note: '' }, levels)}
          </Text>
          {item.accepted !== null && item.accepted !== undefined && (
            <Text size="sm">
              {item.accepted ? t('objections.itemAccepted', { value: item.decided_value ?? item.requested_value }) : t('objections.itemRejected')}
            </Text>
          )}
          <Text size="sm" fw={600}>
            {t('objections.agencyEvidence')}
          </Text>
          <FileList files={files} objectionId={objectionId} />
        </Stack>
      </SimpleGrid>
    </Paper>
  );
}

function DecisionSummary({ objection: o }: { objection: QueuedObjection }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Alert color="navy" role="status" title={t('objections.decidedTitle')} data-testid="objection-decision">
      <Stack gap={4}>
        <Group gap="xs">
          <ObjectionStateBadge state={o.state} />
          {o.decided_at && (
            <Text size="sm">{t('objections.decidedBy', { name: o.decided_by_name || t('objections.someone'), date: f.date(o.decided_at) })}</Text>
          )}
        </Group>
        {o.decision_reason && <Text>{o.decision_reason}</Text>}
      </Stack>
    </Alert>
  );
}

interface ItemChoice {
  accepted: boolean;
  value: string;
}

function DecisionForm({ objection: o, year, q }: { objection: QueuedObjection; year: number; q: Questionnaire | undefined }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [state, setState] = useState<ObjectionState | ''>('');
  const [reason, setReason] = useState('');
  const [choices, setChoices] = useState<ItemChoice[]>(() => o.items.map((it) => ({ accepted: true, value: String(it.requested_value) })));
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const decide = useMutation({
    mutationFn: (input: DecisionInput) => decideObjection(o.id, input),
    onSuccess: async () => {
      await Promise.all([
        qc.invalidateQueries({ queryKey: queueKey(year) }),
        qc.invalidateQueries({ queryKey: resultKey(year, o.entity_id) }),
        qc.invalidateQueries({ queryKey: ['results'] }),
        ...o.items.map((it) => qc.invalidateQueries({ queryKey: unitKey(it.unit_assessment_id) })),
      ]);
    },
  });

  const server = isApiError(decide.error) ? decide.error.fieldErrors() : {};
  const errorFor = (field: string) => {
    if (clientErrors[field]) return clientErrors[field];
    const e = server[field];
    return e ? t(`validation.${e.code}` as 'validation.invalid', { defaultValue: e.message }) : undefined;
  };
  const placed = (field: string) => field === 'state' || field === 'reason' || /^items\[\d+\](\.decided_value)?$/.test(field);
  const unplaced = isApiError(decide.error) ? decide.error.errors.filter((e) => !placed(e.field)) : [];
  const accepts = (i: number) => state === 'accepted' || (state === 'partly_accepted' && choices[i]!.accepted);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (!state) errs.state = t('validation.required');
    if (!reason.trim()) errs.reason = t('validation.required');
    if (state === 'partly_accepted') {
      const n = choices.filter((c) => c.accepted).length;
      if (n === 0 || n === choices.length) errs.state = t('objections.partlyNeedsMix');
    }
    setClientErrors(errs);
    if (Object.keys(errs).length > 0 || !state) return;
    decide.mutate({
      state,
      reason: reason.trim(),
      items: o.items.map((it, i) => ({
        item_id: it.id ?? 0,
        accepted: accepts(i),
        ...(accepts(i) ? { decided_value: Number(choices[i]!.value) } : {}),
      })),
    });
  };

  return (
    <Paper p={{ base: 'sm', sm: 'lg' }} component="form" onSubmit={submit} noValidate aria-labelledby="decision-form-title">
      <Stack gap="md">
        <Title order={2} fz="h3" id="decision-form-title">
          {t('objections.decide')}
        </Title>
        <Radio.Group label={t('objections.decisionLabel')} value={state} onChange={(v) => setState(v as ObjectionState)} error={errorFor('state')} required>
          <Stack gap="xs" mt="xs">
            {(['accepted', 'partly_accepted', 'rejected'] as const).map((s) => (
              <Radio key={s} value={s} label={t(`objections.state.${s}`)} styles={{ body: { minHeight: 44, alignItems: 'center' } }} />
            ))}
          </Stack>
        </Radio.Group>
        {(state === 'accepted' || state === 'partly_accepted') &&
          o.items.map((it, i) => {
            const ind = q?.byCode.get(it.indicator);
            const max = ind?.levels.length ? Math.max(...ind.levels.map((l) => l.value)) : 3;
            return (
              <Group key={it.id ?? i} gap="md" align="flex-end" wrap="wrap">
                {state === 'partly_accepted' && (
                  <Checkbox
                    label={t('objections.acceptItem', { n: i + 1, name: ind?.name ?? it.indicator })}
                    checked={choices[i]!.accepted}
                    onChange={(e) => {
                      const v = e.currentTarget.checked;
                      setChoices((cs) => cs.map((c, j) => (j === i ? { ...c, accepted: v } : c)));
                    }}
                    error={errorFor(`items[${i}]`)}
                    styles={{ body: { minHeight: 44, alignItems: 'center' } }}
                  />
                )}
                {accepts(i) && (
                  <NativeSelect
                    label={t('objections.decidedValue', { n: i + 1 })}
                    value={choices[i]!.value}
                    data={Array.from({ length: max + 1 }, (_, v) => ({ value: String(v), label: String(v) }))}
                    onChange={(e) => {
                      const v = e.currentTarget.value;
                      setChoices((cs) => cs.map((c, j) => (j === i ? { ...c, value: v } : c)));
                    }}
                    error={errorFor(`items[${i}].decided_value`)}
                    w={{ base: '100%', xs: 240 }}
                  />
                )}
              </Group>
            );
          })}
        <Textarea
          label={t('objections.reason')}
          description={t('objections.reasonHint')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={errorFor('reason')}
          rows={4}
          maxLength={4000}
          required
        />
        {decide.isError && (unplaced.length > 0 || !isApiError(decide.error) || decide.error.errors.length === 0) && (
          <ProblemAlert error={decide.error} title={t('objections.refused')} />
        )}
        <Group>
          <Button type="submit" loading={decide.isPending}>
            {t('objections.saveDecision')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
