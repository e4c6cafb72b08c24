import { Alert, Anchor, Button, Checkbox, Container, Group, NumberInput, Paper, SimpleGrid, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError, type ApiError } from '../../api/client';
import { LoadingState } from '../../components/LoadingState';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import type { User } from '../session/types';
import { useWork } from '../work/api';
import { UnitStateBadge } from '../work/UnitStateBadge';
import { useYear } from '../work/useYear';
import { YearSelect } from '../work/YearSelect';
import { saveSurveySettings, settingsKey, useSurveySettings, type SurveySettings, type SurveySettingsView } from './api';
import { fieldErrorsOf } from './text';

const kinds = ['pemprov', 'pemkab', 'pemkot', 'kantah', 'polres', 'kementerian', 'lembaga'] as const;

/**
 * SettingsPage is /survei: a period's survey settings (the sampling plan
 * per unit: default target and targets per kind of entity; the limits of the
 * self-completion link; the quality checks), editable by admins, and the
 * units of the period with a way to each unit's survey.
 */
export function SettingsPage({ user }: { user: User }) {
  const { t } = useTranslation();
  const { periods, year: chosen, setYear } = useYear();
  const year = chosen ?? 0;
  const settings = useSurveySettings(year || undefined);
  const work = useWork(year ? { year } : null);
  return (
    <Container size="lg" py="md" px={{ base: 'xs', sm: 'md' }}>
      <PageHeader title={t('survey.settings.title')} description={t('survey.settings.about')} />
      <Stack gap="md">
        {periods.data && periods.data.length > 0 && <YearSelect periods={periods.data} year={year} onChange={setYear} />}
        {periods.isError && <ProblemAlert error={periods.error} onRetry={() => void periods.refetch()} />}
        {settings.isPending && year > 0 && <LoadingState rows={4} />}
        {settings.isError && <ProblemAlert error={settings.error} onRetry={() => void settings.refetch()} />}
        {settings.data && <SettingsForm key={year} year={year} view={settings.data} editable={user.role === 'admin'} />}
        {work.data && (
          <Paper p="md" withBorder component="section" aria-label={t('survey.settings.units')}>
            <Title order={2} size="h4" mb="xs">
              {t('survey.settings.units')}
            </Title>
            <Table.ScrollContainer minWidth={320}>
              <Table fz="sm" verticalSpacing={4}>
                <Table.Tbody>
                  {work.data.items.map((it) => (
                    <Table.Tr key={it.unit_assessment_id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/survei/unit/${it.unit_assessment_id}`} display="inline-block" py={8}>
                          {it.unit}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{it.entity}</Table.Td>
                      <Table.Td>
                        <UnitStateBadge state={it.state} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
        )}
      </Stack>
    </Container>
  );
}

function SettingsForm({ year, view, editable }: { year: number; view: SurveySettingsView; editable: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const id = useId();
  const [s, setS] = useState<SurveySettings>(() => structuredClone(view.settings));
  const [reason, setReason] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const fe = fieldErrorsOf(error?.errors ?? []);
  const num = (v: string | number) => (v === '' ? 0 : Number(v));

  async function save() {
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      const v = await saveSurveySettings(year, view.version, s, reason);
      qc.setQueryData(settingsKey(year), v);
      setSaved(true);
    } catch (err) {
      if (!isApiError(err)) throw err;
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const fallback = view.instrument_respondents || 30;
  return (
    <Paper p="md" withBorder component="section" aria-labelledby={id}>
      <Stack gap="md">
        <Title order={2} size="h4" id={id}>
          {t('survey.settings.plan', { year })}
        </Title>
        {!editable && <Text size="sm" c="dimmed">{t('survey.settings.readOnly')}</Text>}
        <Checkbox
          label={t('survey.settings.required')}
          description={t('survey.settings.requiredHint')}
          checked={s.required}
          onChange={(e) => setS({ ...s, required: e.currentTarget.checked })}
          disabled={!editable}
          size="md"
        />
        <NumberInput
          label={t('survey.settings.defaultTarget')}
          description={t('survey.settings.defaultTargetHint', { n: fallback })}
          value={s.default_target || ''}
          onChange={(v) => setS({ ...s, default_target: num(v) })}
          min={0}
          max={10000}
          allowDecimal={false}
          disabled={!editable}
          w={{ base: '100%', xs: 280 }}
          error={fe.default_target?.message}
        />
        <div>
          <Text fw={600} size="sm" mb={4}>
            {t('survey.settings.targets')}
          </Text>
          <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
            {kinds.map((k) => (
              <NumberInput
                key={k}
                label={t(`survey.kind.${k}`)}
                value={s.targets?.[k] ?? ''}
                onChange={(v) => {
                  const targets = { ...(s.targets ?? {}) };
                  if (v === '' || Number(v) === 0) delete targets[k];
                  else targets[k] = Number(v);
                  setS({ ...s, targets });
                }}
                min={1}
                max={10000}
                allowDecimal={false}
                disabled={!editable}
                error={fe[`targets.${k}`]?.message}
              />
            ))}
          </SimpleGrid>
        </div>
        <div>
          <Text fw={600} size="sm" mb={4}>
            {t('survey.settings.selfCompletion')}
          </Text>
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            {(['min_seconds', 'max_age_minutes', 'per_ip_per_hour', 'per_link_per_hour'] as const).map((k) => (
              <NumberInput
                key={k}
                label={t(`survey.settings.sc.${k}`)}
                value={s.self_completion[k]}
                onChange={(v) => setS({ ...s, self_completion: { ...s.self_completion, [k]: num(v) } })}
                min={0}
                allowDecimal={false}
                disabled={!editable}
                error={fe[`self_completion.${k}`]?.message}
              />
            ))}
          </SimpleGrid>
        </div>
        <div>
          <Text fw={600} size="sm" mb={4}>
            {t('survey.settings.quality')}
          </Text>
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            {(['duplicate_minutes', 'min_seconds', 'burst_per_hour', 'burst_factor', 'straight_lining_items'] as const).map((k) => (
              <NumberInput
                key={k}
                label={t(`survey.settings.q.${k}`)}
                value={s.quality[k]}
                onChange={(v) => setS({ ...s, quality: { ...s.quality, [k]: num(v) } })}
                min={0}
                allowDecimal={false}
                disabled={!editable}
                error={fe[`quality.${k}`]?.message}
              />
            ))}
          </SimpleGrid>
        </div>
        <div>
          <Text fw={600} size="sm" mb={4}>
            {t('survey.settings.rule')}
          </Text>
          <Text size="sm">
            {s.rule.thresholds.map((th) => t('survey.settings.threshold', { value: th.value, min: th.min_percent, label: s.rule.label })).join(' · ')}
          </Text>
        </div>
        {editable && (
          <>
            <Textarea label={t('survey.settings.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={1} maxLength={4000} />
            {error && !error.errors.length && <ProblemAlert error={error} />}
            {error && error.errors.length > 0 && <Alert color="red" variant="light">{t('survey.settings.invalid')}</Alert>}
            <Group>
              <Button onClick={() => void save()} loading={busy} mih={44}>
                {t('survey.settings.save')}
              </Button>
              {saved && (
                <Text size="sm" c="teal.8" role="status">
                  ✓ {t('survey.settings.saved')}
                </Text>
              )}
            </Group>
          </>
        )}
      </Stack>
    </Paper>
  );
}
