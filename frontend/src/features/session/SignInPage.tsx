import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Anchor, Button, Container, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useForm, type FieldError as FormFieldError } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { z } from 'zod';
import { isApiError } from '../../api/client';
import { IconAlertCircle } from '../../components/icons';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useFormat } from '../../i18n/format';
import { usePageTitle } from '../../layout/usePageTitle';
import { useSession, useSignIn } from './api';
import { safeNext } from './RequireAuth';

// Messages are i18n keys, translated when shown, so that switching the
// language also switches the errors already on screen.
const signInSchema = z.object({
  email: z.string().trim().min(1, 'validation.emailRequired').pipe(z.email('validation.email')),
  password: z.string().min(1, 'validation.passwordRequired'),
});

type SignInInput = z.input<typeof signInSchema>;
type SignInValues = z.output<typeof signInSchema>;
const fields = ['email', 'password'] as const;

type FormProblem =
  | { kind: 'credentials' }
  | { kind: 'rateLimited'; until?: number }
  | { kind: 'other'; error: unknown };

/** SignInPage is /masuk: email and password, with every failure explained in place. */
export function SignInPage() {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  usePageTitle(t('signIn.title'));
  const session = useSession();
  const signIn = useSignIn();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const now = useNow(problem?.kind === 'rateLimited' && problem.until !== undefined);

  const form = useForm<SignInInput, unknown, SignInValues>({
    resolver: zodResolver(signInSchema),
    defaultValues: { email: '', password: '' },
  });
  const { errors, isSubmitting } = form.formState;

  const waitSeconds =
    problem?.kind === 'rateLimited' && problem.until !== undefined
      ? Math.max(0, Math.ceil((problem.until - now) / 1000))
      : 0;
  useEffect(() => {
    if (problem?.kind === 'rateLimited' && problem.until !== undefined && waitSeconds === 0) setProblem(null);
  }, [problem, waitSeconds]);

  if (session.data) return <Navigate to={next} replace />;

  const message = (e: FormFieldError | undefined) => {
    if (!e?.message) return undefined;
    return i18n.exists(e.message) ? t(e.message as 'validation.invalid') : e.message;
  };

  const onSubmit = form.handleSubmit(async (values) => {
    setProblem(null);
    try {
      await signIn.mutateAsync(values);
      navigate(next, { replace: true });
    } catch (err) {
      if (!isApiError(err)) {
        setProblem({ kind: 'other', error: err });
        return;
      }
      if (err.status === 401) {
        setProblem({ kind: 'credentials' });
        form.resetField('password');
        form.setFocus('password');
        return;
      }
      if (err.status === 429) {
        setProblem({
          kind: 'rateLimited',
          until: err.retryAfter ? Date.now() + err.retryAfter * 1000 : undefined,
        });
        return;
      }
      if ((err.status === 422 || err.status === 400) && err.errors.length > 0) {
        const byField = err.fieldErrors();
        let placed = 0;
        for (const name of fields) {
          const fe = byField[name];
          if (!fe) continue;
          const key = `validation.${fe.code}`;
          form.setError(name, { type: 'server', message: i18n.exists(key) ? key : fe.message }, { shouldFocus: placed === 0 });
          placed++;
        }
        if (placed === err.errors.length) return;
      }
      setProblem({ kind: 'other', error: err });
    }
  });

  return (
    <Container size={460} px="md" py={{ base: 'lg', sm: 48 }}>
      <Paper shadow="xs">
        <Stack gap="lg">
          <Stack gap={4}>
            <Title order={1}>{t('signIn.title')}</Title>
            <Text c="dimmed">{t('signIn.intro')}</Text>
          </Stack>

          {problem?.kind === 'credentials' && (
            <Alert role="alert" color="red" icon={<IconAlertCircle size={22} />} title={t('signIn.invalidCredentials')} />
          )}
          {problem?.kind === 'rateLimited' && (
            <Alert role="alert" color="red" icon={<IconAlertCircle size={22} />} title={t('problem.title.tooManyRequests')}>
              {waitSeconds > 0
                ? t('signIn.tooManyAttempts', { when: f.in(waitSeconds) })
                : t('signIn.tooManyAttemptsLater')}
            </Alert>
          )}
          {problem?.kind === 'other' && <ProblemAlert error={problem.error} />}

          <form onSubmit={onSubmit} noValidate aria-label={t('signIn.title')}>
            <Stack gap="md">
              <TextInput
                label={t('signIn.email')}
                type="email"
                autoComplete="username"
                inputMode="email"
                autoCapitalize="none"
                spellCheck={false}
                withAsterisk
                error={message(errors.email)}
                {...form.register('email')}
              />
              <PasswordInput
                label={t('signIn.password')}
                autoComplete="current-password"
                withAsterisk
                error={message(errors.password)}
                aria-invalid={errors.password ? true : undefined}
                visibilityToggleFocusable
                visibilityToggleButtonProps={{ 'aria-label': t('signIn.showPassword') }}
                {...form.register('password')}
              />
              <Button type="submit" fullWidth loading={isSubmitting} disabled={waitSeconds > 0}>
                {t('signIn.submit')}
              </Button>
            </Stack>
          </form>

          <Anchor component={Link} to="/publik" size="md">
            {t('signIn.backToPublic')}
          </Anchor>
        </Stack>
      </Paper>
    </Container>
  );
}

/** useNow ticks once a second while active, for countdowns. */
function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const id = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(id);
  }, [active]);
  return now;
}
