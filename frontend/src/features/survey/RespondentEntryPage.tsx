import { Alert, Anchor, Button, Collapse, Container, Group, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError, type ApiError } from '../../api/client';
import { IconArrowBack, IconCheck, IconCloudOff } from '../../components/icons';
import { LoadingState } from '../../components/LoadingState';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { NotFoundPage } from '../not-found/NotFoundPage';
import { useUnit } from '../questionnaire/api';
import type { User } from '../session/types';
import { useSurvey, type SurveyAnswer, type SurveyView } from './api';
import { ChoiceGroup } from './Choice';
import { newClientKey } from './queue';
import { fieldErrorsOf, questionText } from './text';
import { useOnline } from './useOnline';
import { useRespondentQueue } from './useRespondentQueue';

/**
 * RespondentEntryPage is /survei/unit/:id/isi: an assessor records one
 * service user after another on a phone. Saving sends the respondent (or,
 * offline, keeps it on the device without contact details) and clears the
 * form for the next one.
 */
export function RespondentEntryPage({ user }: { user: User }) {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const survey = useSurvey(valid ? id : 0);
  const unit = useUnit(valid ? id : 0);
  if (!valid || (survey.isError && isApiError(survey.error) && survey.error.status === 404)) return <NotFoundPage />;
  return (
    <Container size="sm" py="md" px={{ base: 'xs', sm: 'md' }}>
      <Anchor component={Link} to={`/survei/unit/${id}`} size="sm" mb="xs" display="inline-flex" style={{ alignItems: 'center', gap: 6, minHeight: 44 }}>
        <IconArrowBack size={16} /> {t('survey.backToUnit')}
      </Anchor>
      <PageHeader
        title={t('survey.entry.title')}
        description={unit.data ? t('survey.unitOf', { unit: unit.data.unit.name, entity: unit.data.entity.name, year: unit.data.period.year }) : undefined}
      />
      {survey.isPending && <LoadingState rows={6} />}
      {survey.isError && <ProblemAlert error={survey.error} onRetry={() => void survey.refetch()} />}
      {survey.data && <Entry view={survey.data} user={user} unitId={id} />}
    </Container>
  );
}

interface FormState {
  key: string;
  product: string;
  answers: Record<string, SurveyAnswer>;
  comment: string;
  name: string;
  phone: string;
}

const blank = (): FormState => ({ key: newClientKey(), product: '', answers: {}, comment: '', name: '', phone: '' });

function Entry({ view, user, unitId }: { view: SurveyView; user: User; unitId: number }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? 'id';
  const online = useOnline();
  const q = useRespondentQueue(user.id, unitId);
  const [form, setForm] = useState<FormState>(blank);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<{ kind: 'sent' | 'queued' | 'contact_offline'; n: number } | null>(null);
  const [busy, setBusy] = useState(false);
  const [showContact, setShowContact] = useState(false);
  const [savedHere, setSavedHere] = useState(0);
  const top = useRef<HTMLDivElement>(null);

  if (!view.can_record) {
    return (
      <Alert color="slate" variant="light" title={t('survey.entry.cannotRecordTitle')} data-testid="cannot-record">
        {t('survey.entry.cannotRecord')}
      </Alert>
    );
  }

  const waiting = q.pending.filter((p) => !p.rejected);
  const refused = q.pending.filter((p) => p.rejected);
  const recorded = view.progress.respondents;
  // The respondent being entered now: those on the server, those waiting on this device, plus this one.
  const nth = recorded + waiting.length + 1;

  const answerOptions = [
    { value: 'yes', label: t('survey.answer.yes') },
    { value: 'no', label: t('survey.answer.no') },
    { value: 'na', label: t('survey.answer.na') },
  ];

  function check(): Record<string, string> {
    const out: Record<string, string> = {};
    if (view.products.length > 0 && !form.product) out.product = t('survey.entry.productRequired');
    for (const it of view.questions) if (!form.answers[it.indicator]) out[`answers.${it.indicator}`] = t('survey.entry.answerRequired');
    if (form.phone.trim() !== '' && !/^\+?[0-9 ()-]{6,}$/.test(form.phone.trim())) out['contact.phone'] = t('survey.entry.phoneInvalid');
    return out;
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    setProblem(null);
    const local = check();
    setErrors(local);
    if (Object.keys(local).length > 0) {
      setNotice(null);
      return;
    }
    setBusy(true);
    const contact = form.name.trim() || form.phone.trim() ? { name: form.name.trim(), phone: form.phone.trim() } : undefined;
    const r = await q.submit(
      { client_key: form.key, product: form.product, answers: form.answers, comment: form.comment.trim(), collected_at: new Date().toISOString(), contact },
      online,
    );
    setBusy(false);
    if (r.kind === 'rejected') {
      const fe = fieldErrorsOf(r.error.errors);
      const mapped: Record<string, string> = {};
      for (const [k, v] of Object.entries(fe)) mapped[k] = v.message;
      setErrors(mapped);
      setProblem(r.error);
      setNotice(null);
      return;
    }
    if (r.kind === 'contact_offline') {
      setShowContact(true);
      setNotice({ kind: 'contact_offline', n: nth });
      return;
    }
    setNotice({ kind: r.kind, n: nth });
    setSavedHere((n) => n + 1);
    setForm(blank());
    setErrors({});
    setShowContact(false);
    top.current?.scrollIntoView({ block: 'start' });
    top.current?.focus();
  }

  const set = (patch: Partial<FormState>) => setForm((f) => ({ ...f, ...patch }));

  return (
    <Stack gap="md">
      <Paper p="sm" withBorder data-testid="entry-progress" aria-live="polite">
        <Text fw={700}>{t('survey.entry.progress', { count: recorded, target: view.progress.target })}</Text>
        {waiting.length > 0 && (
          <Text size="sm" c="grape.8" data-testid="queued-count">
            <IconCloudOff size={16} /> {t('survey.entry.waiting', { count: waiting.length })}
            {!q.persistent && ` ${t('survey.entry.notPersistent')}`}
          </Text>
        )}
        {savedHere > 0 && (
          <Text size="sm" c="dimmed">
            {t('survey.entry.savedHere', { count: savedHere })}
          </Text>
        )}
      </Paper>

      {notice && (
        <Alert
          color={notice.kind === 'contact_offline' ? 'red' : notice.kind === 'queued' ? 'grape' : 'teal'}
          variant="light"
          icon={notice.kind === 'sent' ? <IconCheck size={20} /> : <IconCloudOff size={20} />}
          data-testid="entry-notice"
          role="status"
        >
          {t(`survey.entry.notice.${notice.kind}`, { n: notice.n })}
        </Alert>
      )}

      {refused.length > 0 && (
        <Alert color="red" variant="light" title={t('survey.entry.refusedTitle')}>
          <Stack gap={6}>
            {refused.map((p) => (
              <Group key={p.key} justify="space-between" wrap="nowrap">
                <Text size="sm">{p.rejected?.detail ?? p.rejected?.code}</Text>
                <Button size="xs" variant="subtle" color="red" onClick={() => void q.discard(p.key)}>
                  {t('survey.entry.discard')}
                </Button>
              </Group>
            ))}
          </Stack>
        </Alert>
      )}

      <form onSubmit={(e) => void save(e)} aria-label={t('survey.entry.formLabel')} noValidate>
        <Stack gap="lg">
          <div ref={top} tabIndex={-1} style={{ outline: 'none' }}>
            <Title order={2} size="h3">
              {t('survey.entry.respondentN', { n: nth })}
            </Title>
          </div>
          {problem && !problem.errors.length && <ProblemAlert error={problem} />}
          {view.products.length > 0 && (
            <ChoiceGroup
              legend={t('survey.entry.product')}
              name={`product-${form.key}`}
              options={view.products.map((p) => ({ value: p, label: p }))}
              value={form.product}
              onChange={(v) => set({ product: v })}
              error={errors.product}
            />
          )}
          {view.questions.map((it, i) => {
            const q = questionText(it, lang);
            return (
              <ChoiceGroup
                key={it.indicator}
                legend={`${i + 1}. ${q.question}`}
                hint={q.name}
                name={`${it.indicator}-${form.key}`}
                options={answerOptions}
                value={form.answers[it.indicator]}
                onChange={(v) => set({ answers: { ...form.answers, [it.indicator]: v as SurveyAnswer } })}
                error={errors[`answers.${it.indicator}`]}
              />
            );
          })}
          <Textarea
            label={t('survey.entry.comment')}
            description={t('survey.entry.commentHint')}
            value={form.comment}
            onChange={(e) => set({ comment: e.currentTarget.value })}
            maxLength={2000}
            autosize
            minRows={2}
            error={errors.comment}
          />
          <Paper p="sm" withBorder>
            <Button variant="subtle" onClick={() => setShowContact((s) => !s)} aria-expanded={showContact} mih={44} px={0}>
              {t('survey.entry.contactToggle')}
            </Button>
            <Collapse expanded={showContact}>
              <Stack gap="sm" mt="xs">
                <Text size="sm" c="dimmed">
                  {online ? t('survey.entry.contactHint') : t('survey.entry.contactOffline')}
                </Text>
                <TextInput
                  label={t('survey.entry.contactName')}
                  value={form.name}
                  onChange={(e) => set({ name: e.currentTarget.value })}
                  disabled={!online}
                  maxLength={200}
                  autoComplete="off"
                  error={errors['contact.name']}
                />
                <TextInput
                  label={t('survey.entry.contactPhone')}
                  value={form.phone}
                  onChange={(e) => set({ phone: e.currentTarget.value })}
                  disabled={!online}
                  type="tel"
                  inputMode="tel"
                  maxLength={40}
                  autoComplete="off"
                  error={errors['contact.phone']}
                />
                {!online && (form.name !== '' || form.phone !== '') && (
                  <Button variant="light" color="red" mih={44} onClick={() => set({ name: '', phone: '' })}>
                    {t('survey.entry.contactClear')}
                  </Button>
                )}
              </Stack>
            </Collapse>
          </Paper>
          {errors.collected_at && (
            <Alert color="red" variant="light">
              {errors.collected_at}
            </Alert>
          )}
          <Button type="submit" size="lg" fullWidth loading={busy} disabled={!q.ready} leftSection={<IconCheck size={20} />}>
            {t('survey.entry.save')}
          </Button>
        </Stack>
      </form>
    </Stack>
  );
}
