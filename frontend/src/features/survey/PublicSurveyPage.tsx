import { Alert, Button, Container, Stack, Text, Textarea, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { isApiError, type ApiError } from '../../api/client';
import { IconCheck } from '../../components/icons';
import { LoadingState } from '../../components/LoadingState';
import { usePageTitle } from '../../layout/usePageTitle';
import { fetchSurveyForm, submitSurveyForm, type SurveyAnswer, type SurveyForm } from './api';
import { ChoiceGroup } from './Choice';
import { fieldErrorsOf, questionText } from './text';

/**
 * refusal turns the server's refusal of a public form into plain words: a
 * flood limit (429, with how long to wait), a form sent too early or too
 * late, a link that is off or a survey that is closed.
 */
export function refusal(err: unknown, t: (k: string, o?: Record<string, unknown>) => string): { title: string; body: string; reload?: boolean } {
  if (!isApiError(err)) return { title: t('survey.public.errorTitle'), body: t('survey.public.errorBody') };
  if (err.isNetwork) return { title: t('survey.public.offlineTitle'), body: t('survey.public.offlineBody') };
  if (err.status === 429) {
    const minutes = Math.max(1, Math.ceil((err.retryAfter ?? 3600) / 60));
    return { title: t('survey.public.floodTitle'), body: t('survey.public.floodBody', { count: minutes }) };
  }
  if (err.status === 404) return { title: t('survey.public.notFoundTitle'), body: t('survey.public.notFoundBody') };
  if (err.code === 'version_conflict') return { title: t('survey.public.expiredTitle'), body: t('survey.public.expiredBody'), reload: true };
  if (err.status === 409 || err.status === 423 || err.code === 'window' || err.status === 403) {
    return { title: t('survey.public.closedTitle'), body: t('survey.public.closedBody') };
  }
  const c = fieldErrorsOf(err.errors).challenge;
  if (c?.code === 'too_early') return { title: t('survey.public.tooEarlyTitle'), body: t('survey.public.tooEarlyBody') };
  if (c?.code === 'expired' || c?.code === 'invalid') return { title: t('survey.public.expiredTitle'), body: t('survey.public.expiredBody'), reload: true };
  return { title: t('survey.public.errorTitle'), body: err.detail ?? t('survey.public.errorBody') };
}

/**
 * PublicSurveyPage is /survei/:token, what a unit's QR code opens: a
 * service user answers anonymously on a phone, without signing in.
 */
export function PublicSurveyPage() {
  const { t } = useTranslation();
  usePageTitle(t('survey.public.title'));
  const token = useParams().token ?? '';
  const [round, setRound] = useState(0);
  const form = useQuery({
    queryKey: ['survey-form', token, round],
    queryFn: ({ signal }) => fetchSurveyForm(token, signal),
    retry: false,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
  return (
    <Container size="sm" py="md" px={{ base: 'xs', sm: 'md' }}>
      <Title order={1} mb="xs">
        {t('survey.public.title')}
      </Title>
      {form.isPending && <LoadingState rows={5} />}
      {form.isError && <Refusal err={form.error} onReload={() => setRound((r) => r + 1)} />}
      {form.data && <PublicForm key={form.data.challenge} token={token} form={form.data} onAgain={() => setRound((r) => r + 1)} />}
    </Container>
  );
}

function Refusal({ err, onReload }: { err: unknown; onReload?: () => void }) {
  const { t } = useTranslation();
  const r = refusal(err, t as never);
  return (
    <Alert color="orange" variant="light" title={r.title} role="alert" data-testid="public-refusal">
      <Stack gap="xs">
        <Text>{r.body}</Text>
        {r.reload && onReload && (
          <Button onClick={onReload} variant="light" mih={44} w="fit-content">
            {t('survey.public.reload')}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}

function PublicForm({ token, form, onAgain }: { token: string; form: SurveyForm; onAgain: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? 'id';
  const [product, setProduct] = useState('');
  const [answers, setAnswers] = useState<Record<string, SurveyAnswer>>({});
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);
  // The server takes an answer only some seconds after the form was given: count them down.
  const [wait, setWait] = useState(form.min_seconds);
  useEffect(() => {
    if (wait <= 0) return;
    const timer = setTimeout(() => setWait((w) => w - 1), 1000);
    return () => clearTimeout(timer);
  }, [wait]);

  const options = [
    { value: 'yes', label: t('survey.answer.yes') },
    { value: 'no', label: t('survey.answer.no') },
    { value: 'na', label: t('survey.answer.na') },
  ];

  async function submit(e: FormEvent) {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (form.products.length > 0 && !product) local.product = t('survey.entry.productRequired');
    for (const q of form.questions) if (!answers[q.indicator]) local[`answers.${q.indicator}`] = t('survey.entry.answerRequired');
    setErrors(local);
    setFailure(null);
    if (Object.keys(local).length > 0) return;
    setBusy(true);
    try {
      await submitSurveyForm(token, { challenge: form.challenge, product, answers, comment: comment.trim() });
      setSent(true);
    } catch (err) {
      if (!isApiError(err)) throw err;
      const fe = fieldErrorsOf(err.errors);
      const mapped: Record<string, string> = {};
      for (const [k, v] of Object.entries(fe)) if (k !== 'challenge') mapped[k] = v.message;
      setErrors(mapped);
      setFailure(err);
    } finally {
      setBusy(false);
    }
  }

  if (sent) {
    return (
      <Alert color="teal" variant="light" icon={<IconCheck size={22} />} title={t('survey.public.thanksTitle')} data-testid="public-thanks">
        <Stack gap="xs">
          <Text>{t('survey.public.thanksBody')}</Text>
          <Button variant="subtle" onClick={onAgain} mih={44} w="fit-content">
            {t('survey.public.another')}
          </Button>
        </Stack>
      </Alert>
    );
  }
  return (
    <form onSubmit={(e) => void submit(e)} aria-label={t('survey.public.formLabel')} noValidate>
      <Stack gap="lg">
        <Text size="lg" fw={600}>
          {form.unit} — {form.entity}
        </Text>
        <Text>{t('survey.public.intro')}</Text>
        {form.products.length > 0 && (
          <ChoiceGroup
            legend={t('survey.public.product')}
            name="product"
            options={form.products.map((p) => ({ value: p, label: p }))}
            value={product}
            onChange={setProduct}
            error={errors.product}
          />
        )}
        {form.questions.map((q, i) => (
          <ChoiceGroup
            key={q.indicator}
            legend={`${i + 1}. ${questionText(q, lang).question}`}
            name={q.indicator}
            options={options}
            value={answers[q.indicator]}
            onChange={(v) => setAnswers((a) => ({ ...a, [q.indicator]: v as SurveyAnswer }))}
            error={errors[`answers.${q.indicator}`]}
          />
        ))}
        <Textarea
          label={t('survey.entry.comment')}
          description={t('survey.public.commentHint')}
          value={comment}
          onChange={(e) => setComment(e.currentTarget.value)}
          maxLength={2000}
          autosize
          minRows={2}
          error={errors.comment}
        />
        {failure && <Refusal err={failure} onReload={onAgain} />}
        <Button type="submit" size="lg" fullWidth loading={busy} disabled={wait > 0}>
          {wait > 0 ? t('survey.public.wait', { count: wait }) : t('survey.public.send')}
        </Button>
      </Stack>
    </form>
  );
}
