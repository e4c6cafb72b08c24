import { Alert, Anchor, Button, Container, Group, List, Modal, Paper, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { IconAlertCircle, IconArrowBack, IconCheck } from '../../components/icons';
import { LoadingState } from '../../components/LoadingState';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { NotFoundPage } from '../not-found/NotFoundPage';
import type { User } from '../session/types';
import { periodKey, publishPeriod, saveSchedule, setPeriodStatus, useLocusSummary, usePeriod, usePublication } from './api';
import { errorText, fieldErrors } from './errors';
import { StatusBadge } from './StatusBadge';
import { type PeriodDetail, type ScheduleInput, checkSchedule, scheduleOf, windowNames } from './types';

/**
 * PeriodPage is /admin/periode/:year: the period's state and method, its
 * schedule windows, the way to its instrument, and (admin) opening, closing
 * and publishing, each confirmed after a summary of what it will do.
 */
export function PeriodPage({ user }: { user: User }) {
  const { t } = useTranslation();
  const year = Number(useParams().year);
  const valid = Number.isInteger(year) && year >= 2000 && year <= 2100;
  const period = usePeriod(valid ? year : 0);
  if (!valid) return <NotFoundPage />;
  if (period.isError && isApiError(period.error) && period.error.status === 404) return <NotFoundPage />;
  const p = period.data;
  const admin = user.role === 'admin';
  return (
    <Container py="xl">
      <Anchor component={Link} to="/admin/periode" size="sm" display="inline-flex" style={{ alignItems: 'center', gap: 6, minHeight: 44 }}>
        <IconArrowBack size={16} /> {t('periods.back')}
      </Anchor>
      {period.isPending && <LoadingState rows={4} />}
      {period.isError && <ProblemAlert error={period.error} onRetry={() => void period.refetch()} />}
      {p && (
        <>
          <PageHeader title={p.name} description={t('periods.detail.intro', { year: p.year })} actions={<StatusBadge status={p.status} />} />
          <Stack gap="lg">
            <Paper component="section" aria-labelledby="method-title">
              <Stack gap="sm">
                <Title order={2} size="h3" id="method-title">
                  {t('periods.detail.method')}
                </Title>
                <Text>
                  {p.method.name} <Text span c="dimmed">({p.method.code})</Text>
                </Text>
                {p.method.dimensions.length > 0 && (
                  <Text size="sm">
                    {p.method.dimensions.map((d) => t('periods.detail.dimension', { name: d.name, weight: d.weight })).join(' · ')}
                  </Text>
                )}
                <Text size="sm" c="dimmed">
                  {p.status === 'planning' ? t('periods.detail.methodEditable') : t('periods.detail.methodLocked')}
                </Text>
                <Group>
                  <Button component={Link} to={`/admin/periode/${p.year}/instrumen`} variant="light">
                    {p.status === 'planning' && admin ? t('periods.detail.editInstrument') : t('periods.detail.viewInstrument')}
                  </Button>
                </Group>
              </Stack>
            </Paper>
            <ScheduleForm period={p} readOnly={!admin || p.status === 'published'} />
            {admin && <StatusActions period={p} />}
          </Stack>
        </>
      )}
    </Container>
  );
}

function ScheduleForm({ period, readOnly }: { period: PeriodDetail; readOnly: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [s, setS] = useState<ScheduleInput>(() => scheduleOf(period));
  const [reason, setReason] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const server = fieldErrors(t, error);
  const conflict = isApiError(error) && error.code === 'version_conflict';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const errs = checkSchedule(s);
    setLocal(errs);
    setError(null);
    setSaved(false);
    if (Object.keys(errs).length) return;
    setBusy(true);
    try {
      const np = await saveSchedule(period.year, period.version, s, reason);
      qc.setQueryData(periodKey(period.year), np);
      void qc.invalidateQueries({ queryKey: ['periods'] });
      setSaved(true);
      setReason('');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const reload = async () => {
    setError(null);
    const r = await qc.fetchQuery({ queryKey: periodKey(period.year), staleTime: 0 });
    setS(scheduleOf(r as PeriodDetail));
  };
  const set = (n: (typeof windowNames)[number], end: 'from' | 'to', v: string) => setS({ ...s, [n]: { ...s[n], [end]: v } });
  const err = (f: string) => errorText(t, local[f]) ?? server[f];

  return (
    <Paper component="form" aria-labelledby="schedule-title" onSubmit={(e) => void submit(e)} noValidate>
      <Stack gap="md">
        <Title order={2} size="h3" id="schedule-title">
          {t('periods.schedule.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('periods.schedule.intro')}
        </Text>
        {windowNames.map((n) => (
          <fieldset key={n} style={{ border: 0, padding: 0, margin: 0 }}>
            <Text component="legend" fw={600} mb={4}>
              {t(`periods.schedule.${n}`)}
            </Text>
            <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
              <TextInput
                type="date"
                label={t('periods.schedule.from')}
                value={s[n].from}
                onChange={(e) => set(n, 'from', e.currentTarget.value)}
                error={err(n) ?? err(`${n}.from`)}
                disabled={readOnly}
              />
              <TextInput
                type="date"
                label={t('periods.schedule.to')}
                value={s[n].to}
                onChange={(e) => set(n, 'to', e.currentTarget.value)}
                error={err(`${n}.to`)}
                disabled={readOnly}
              />
            </SimpleGrid>
          </fieldset>
        ))}
        <TextInput
          type="date"
          label={t('periods.schedule.publish_on')}
          value={s.publish_on}
          onChange={(e) => setS({ ...s, publish_on: e.currentTarget.value })}
          error={err('publish_on')}
          disabled={readOnly}
          maw={320}
        />
        {!readOnly && (
          <>
            <Textarea label={t('periods.schedule.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={2} error={server.reason} />
            {conflict && (
              <Alert color="orange" role="alert" icon={<IconAlertCircle size={20} />} title={t('periods.schedule.conflict')}>
                <Button variant="default" mt="xs" onClick={() => void reload()}>
                  {t('periods.schedule.reload')}
                </Button>
              </Alert>
            )}
            {error && !conflict && Object.keys(server).length === 0 ? <ProblemAlert error={error} /> : null}
            {saved && (
              <Text role="status" c="teal.8" fw={600}>
                {t('periods.schedule.saved')}
              </Text>
            )}
            <Group>
              <Button type="submit" loading={busy}>
                {t('periods.schedule.save')}
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Paper>
  );
}

type Action = 'open' | 'close' | 'publish';

function StatusActions({ period }: { period: PeriodDetail }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [action, setAction] = useState<Action | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const locus = useLocusSummary(period.year, action === 'open');
  const publication = usePublication(period.year, action === 'publish');
  const available: Action[] =
    period.status === 'planning' ? ['open'] : period.status === 'open' ? ['close', 'publish'] : period.status === 'closed' ? ['publish'] : [];
  if (available.length === 0) return null;

  const run = async () => {
    if (!action) return;
    setBusy(true);
    setError(null);
    try {
      if (action === 'publish') await publishPeriod(period.year);
      else await setPeriodStatus(period.year, action);
      await qc.invalidateQueries({ queryKey: periodKey(period.year) });
      void qc.invalidateQueries({ queryKey: ['periods'] });
      void qc.invalidateQueries({ queryKey: ['publication', period.year] });
      setAction(null);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const blocked = action === 'publish' && (publication.data?.blocking.length ?? 0) > 0;

  return (
    <Paper component="section" aria-labelledby="status-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="status-title">
          {t('periods.actions.title')}
        </Title>
        <Group>
          {available.map((a) => (
            <Button key={a} variant={a === 'close' ? 'default' : 'filled'} onClick={() => setAction(a)}>
              {t(`periods.actions.${a}`)}
            </Button>
          ))}
        </Group>
      </Stack>
      <Modal opened={action !== null} onClose={() => setAction(null)} title={action ? t(`periods.actions.${action}Title`, { year: period.year }) : ''} centered>
        <Stack gap="md">
          {action === 'open' && (
            <>
              {locus.isPending && <LoadingState />}
              {locus.isError && <ProblemAlert error={locus.error} />}
              {locus.data && (
                <List size="sm" spacing={4} data-testid="open-summary">
                  <List.Item>{t('periods.actions.openEntities', { count: locus.data.entities - locus.data.notAssessed })}</List.Item>
                  {locus.data.notAssessed > 0 && <List.Item>{t('periods.actions.openNotAssessed', { count: locus.data.notAssessed })}</List.Item>}
                  <List.Item>{t('periods.actions.openUnits', { count: locus.data.units })}</List.Item>
                  {locus.data.unassigned > 0 && <List.Item fw={600}>{t('periods.actions.openUnassigned', { count: locus.data.unassigned })}</List.Item>}
                </List>
              )}
              <Text>{t('periods.actions.openBody')}</Text>
            </>
          )}
          {action === 'close' && <Text>{t('periods.actions.closeBody')}</Text>}
          {action === 'publish' && (
            <>
              {publication.isPending && <LoadingState />}
              {publication.isError && <ProblemAlert error={publication.error} />}
              {publication.data && (
                <Stack gap="xs" data-testid="publish-summary">
                  <Text>{t('periods.actions.publishBody', { count: publication.data.results })}</Text>
                  {publication.data.not_assessed > 0 && <Text size="sm">{t('periods.actions.publishNotAssessed', { count: publication.data.not_assessed })}</Text>}
                  {blocked && (
                    <Alert color="red" icon={<IconAlertCircle size={20} />}>
                      {t('periods.actions.publishBlocked', { count: publication.data.blocking.length })}
                    </Alert>
                  )}
                </Stack>
              )}
            </>
          )}
          {error ? <ProblemAlert error={error} /> : null}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={() => setAction(null)}>
              {t('periods.cancel')}
            </Button>
            <Button
              onClick={() => void run()}
              loading={busy}
              disabled={blocked || (action === 'publish' && !publication.data) || (action === 'open' && !locus.data)}
              leftSection={<IconCheck size={18} />}
            >
              {action ? t(`periods.actions.${action}Confirm`) : ''}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}
