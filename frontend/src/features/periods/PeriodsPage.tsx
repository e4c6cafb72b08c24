import { Anchor, Badge, Button, Container, Group, NativeSelect, Paper, Radio, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { EmptyState } from '../../components/EmptyState';
import { LoadingState } from '../../components/LoadingState';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import type { User } from '../session/types';
import { createPeriod, usePeriodList } from './api';
import { errorText, fieldErrors } from './errors';
import { StatusBadge } from './StatusBadge';

const presets = ['2022', '2025', '2021'] as const;

/** PeriodsPage is /admin/periode: every period with its state, and (admin) a new period. */
export function PeriodsPage({ user }: { user: User }) {
  const { t } = useTranslation();
  const periods = usePeriodList();
  return (
    <Container py="xl">
      <PageHeader title={t('periods.title')} description={t('periods.intro')} />
      <Stack gap="lg">
        {user.role === 'admin' && periods.data && <CreatePeriodForm years={periods.data.map((p) => p.year)} />}
        {periods.isPending && <LoadingState rows={4} />}
        {periods.isError && <ProblemAlert error={periods.error} onRetry={() => void periods.refetch()} />}
        {periods.data && periods.data.length === 0 && <EmptyState title={t('periods.empty')} />}
        {periods.data && periods.data.length > 0 && (
          <Paper component="section" aria-labelledby="periods-list">
            <Title order={2} size="h3" id="periods-list" mb="sm">
              {t('periods.list')}
            </Title>
            <Table.ScrollContainer minWidth={320}>
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('periods.year')}</Table.Th>
                    <Table.Th>{t('periods.status')}</Table.Th>
                    <Table.Th visibleFrom="sm">{t('periods.method')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {periods.data.map((p) => (
                    <Table.Tr key={p.year}>
                      <Table.Td>
                        <Anchor component={Link} to={`/admin/periode/${p.year}`} fw={600} display="inline-block" py={10}>
                          {p.name}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>
                        <StatusBadge status={p.status} />
                        {p.historical && (
                          <Badge ml={6} variant="outline" color="gray">
                            {t('periods.historical')}
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td visibleFrom="sm">{p.method.name}</Table.Td>
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

/** CreatePeriodForm creates a year from a method preset or by copying an earlier year. */
function CreatePeriodForm({ years }: { years: number[] }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const next = years.length ? Math.max(...years) + 1 : new Date().getFullYear();
  const [year, setYear] = useState(String(next));
  const [source, setSource] = useState<'copy' | 'preset'>(years.length ? 'copy' : 'preset');
  const [copyFrom, setCopyFrom] = useState<string | null>(years.length ? String(Math.max(...years)) : null);
  const [preset, setPreset] = useState<string | null>('2022');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [local, setLocal] = useState<Record<string, string>>({});

  const server = fieldErrors(t, error);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const y = Number(year);
    const errs: Record<string, string> = {};
    if (!/^\d{4}$/.test(year) || y < 2000 || y > 2100) errs.year = 'year_range';
    else if (years.includes(y)) errs.year = 'taken';
    if (source === 'copy' && !copyFrom) errs.copy_from_year = 'required';
    setLocal(errs);
    setError(null);
    if (Object.keys(errs).length) return;
    setBusy(true);
    try {
      const p = await createPeriod(source === 'copy' ? { year: y, copy_from_year: Number(copyFrom) } : { year: y, method_preset: preset ?? '2022' });
      await qc.invalidateQueries({ queryKey: ['periods'] });
      void navigate(`/admin/periode/${p.year}`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const unplaced = error && Object.keys(server).every((f) => !['year', 'copy_from_year', 'method_preset', 'method'].includes(f));

  return (
    <Paper component="form" aria-labelledby="create-title" onSubmit={(e) => void submit(e)} noValidate>
      <Stack gap="md">
        <Title order={2} size="h3" id="create-title">
          {t('periods.create.title')}
        </Title>
        <TextInput
          label={t('periods.create.year')}
          inputMode="numeric"
          value={year}
          onChange={(e) => setYear(e.currentTarget.value.trim())}
          error={errorText(t, local.year) ?? server.year}
          maw={200}
          required
        />
        <Radio.Group label={t('periods.create.source')} value={source} onChange={(v) => setSource(v as 'copy' | 'preset')} error={server.method}>
          <Stack gap="xs" mt={6}>
            <Radio value="copy" label={t('periods.create.copy')} disabled={years.length === 0} />
            <Radio value="preset" label={t('periods.create.preset')} />
          </Stack>
        </Radio.Group>
        {source === 'copy' ? (
          <NativeSelect
            label={t('periods.create.copyFrom')}
            description={t('periods.create.copyHint')}
            data={years.map((y) => ({ value: String(y), label: String(y) }))}
            value={copyFrom ?? ''}
            onChange={(e) => setCopyFrom(e.currentTarget.value)}
            error={errorText(t, local.copy_from_year) ?? server.copy_from_year}
            maw={320}
          />
        ) : (
          <NativeSelect
            label={t('periods.create.presetLabel')}
            data={presets.map((p) => ({ value: p, label: t(`periods.presets.${p}`) }))}
            value={preset ?? '2022'}
            onChange={(e) => setPreset(e.currentTarget.value)}
            error={server.method_preset}
            maw={420}
          />
        )}
        {unplaced ? <ProblemAlert error={error} /> : null}
        <Group>
          <Button type="submit" loading={busy}>
            {t('periods.create.submit')}
          </Button>
        </Group>
        <Text size="sm" c="dimmed">
          {t('periods.create.after')}
        </Text>
      </Stack>
    </Paper>
  );
}
