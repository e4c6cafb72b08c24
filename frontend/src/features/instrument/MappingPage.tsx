import { Alert, Anchor, Badge, Button, Container, Group, NativeSelect, Paper, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { IconAlertCircle, IconArrowBack } from '../../components/icons';
import { EmptyState } from '../../components/EmptyState';
import { LoadingState } from '../../components/LoadingState';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { usePeriod } from '../periods/api';
import { fieldErrors } from '../periods/errors';
import type { User } from '../session/types';
import { mappingKey, saveIndicatorMapping, useIndicatorMapping } from './api';

const NEW = '';

/** duplicates maps each line index to the earlier line that already continues the same indicator. */
export function duplicates(choices: readonly string[]): Map<number, number> {
  const first = new Map<string, number>();
  const out = new Map<number, number>();
  choices.forEach((c, i) => {
    if (c === NEW) return;
    const j = first.get(c);
    if (j === undefined) first.set(c, i);
    else out.set(i, j);
  });
  return out;
}

/**
 * MappingPage is /admin/periode/:year/instrumen/pemetaan: for each indicator
 * of this year's instrument, the indicator of last year's it continues, or
 * "new", so that year-over-year comparisons stay honest. Admins change it
 * until the period is published; coordinators and leadership read it.
 */
export function MappingPage({ user }: { user: User }) {
  const { t } = useTranslation();
  const year = Number(useParams().year);
  const period = usePeriod(year);
  const mapping = useIndicatorMapping(year);
  const qc = useQueryClient();
  const [choices, setChoices] = useState<string[]>([]);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (mapping.data) setChoices(mapping.data.items.map((i) => i.previous ?? NEW));
  }, [mapping.data]);
  const m = mapping.data;
  const editable = user.role === 'admin' && period.data?.status !== 'published' && !!m?.previous_year;
  const dups = duplicates(choices);
  const server = fieldErrors(t, error);
  const dropped = m ? m.previous_indicators.filter((p) => !choices.includes(p.code)) : [];

  const save = async () => {
    if (!m || dups.size > 0) return;
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      const r = await saveIndicatorMapping(
        year,
        m.items.map((it, i) => ({ indicator: it.indicator, previous: choices[i] === NEW || choices[i] === undefined ? null : choices[i] })),
        reason,
      );
      qc.setQueryData(mappingKey(year), r);
      setSaved(true);
      setReason('');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Container py="xl">
      <Anchor component={Link} to={`/admin/periode/${year}/instrumen`} size="sm" display="inline-flex" style={{ alignItems: 'center', gap: 6, minHeight: 44 }}>
        <IconArrowBack size={16} /> {t('instrument.backToInstrument')}
      </Anchor>
      <PageHeader title={t('instrument.mappingTitle', { year })} description={t('instrument.mappingIntro')} />
      {mapping.isPending && <LoadingState rows={6} />}
      {mapping.isError && <ProblemAlert error={mapping.error} onRetry={() => void mapping.refetch()} />}
      {m && !m.previous_year && <EmptyState title={t('instrument.mappingNoPrevious')} />}
      {m && m.previous_year && choices.length === m.items.length && (
        <Stack gap="lg">
          {!m.comparable && (
            <Alert color="orange" icon={<IconAlertCircle size={20} />}>
              {t('instrument.mappingNotComparable', { previous: m.previous_year })}
            </Alert>
          )}
          <Text data-testid="mapping-state">{m.stored ? t('instrument.mappingStored') : t('instrument.mappingSuggested')}</Text>
          <Paper component="section" aria-labelledby="mapping-table">
            <Title order={2} size="h3" id="mapping-table" mb="xs">
              {t('instrument.mappingLines', { year, previous: m.previous_year })}
            </Title>
            <Table.ScrollContainer minWidth={300}>
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('instrument.indicatorOf', { year })}</Table.Th>
                    <Table.Th>{t('instrument.continues', { previous: m.previous_year })}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {m.items.map((it, i) => {
                    const dup = dups.get(i);
                    const err =
                      server[`items[${i}].previous`] ??
                      server[`indicators.${it.indicator}`] ??
                      (dup !== undefined ? t('instrument.mappingDuplicate', { code: choices[i], other: m.items[dup]?.indicator ?? '' }) : undefined);
                    return (
                      <Table.Tr key={it.indicator}>
                        <Table.Td>
                          <Text fw={600}>{it.indicator}</Text>
                          <Text size="sm">{it.name}</Text>
                          {it.suggested && (
                            <Badge variant="light" color="grape" size="sm">
                              {t('instrument.suggested')}
                            </Badge>
                          )}
                        </Table.Td>
                        <Table.Td miw={200}>
                          {editable ? (
                            <NativeSelect
                              aria-label={t('instrument.continuesOf', { code: it.indicator, previous: m.previous_year })}
                              value={choices[i]}
                              onChange={(e) => {
                                const v = e.currentTarget.value;
                                setSaved(false);
                                setChoices((c) => c.map((x, k) => (k === i ? v : x)));
                              }}
                              data={[
                                { value: NEW, label: t('instrument.newIndicator') },
                                ...m.previous_indicators.map((p) => ({ value: p.code, label: `${p.code} — ${p.name}` })),
                              ]}
                              error={err}
                            />
                          ) : (
                            <Text>{it.previous ? `${it.previous} — ${it.previous_name ?? ''}` : t('instrument.newIndicator')}</Text>
                          )}
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
          {dropped.length > 0 && (
            <Paper component="section" aria-labelledby="dropped-title">
              <Title order={2} size="h4" id="dropped-title" mb="xs">
                {t('instrument.dropped', { previous: m.previous_year })}
              </Title>
              <Text size="sm">{dropped.map((d) => `${d.code} ${d.name}`).join(' · ')}</Text>
            </Paper>
          )}
          {editable && (
            <Stack gap="sm">
              <Textarea label={t('instrument.mappingReason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={2} />
              {error && Object.keys(server).length === 0 ? <ProblemAlert error={error} /> : null}
              {error && Object.keys(server).length > 0 ? (
                <Alert color="red" role="alert" icon={<IconAlertCircle size={20} />}>
                  {t('instrument.mappingRejected')}
                </Alert>
              ) : null}
              {saved && (
                <Text role="status" c="teal.8" fw={600}>
                  {t('instrument.mappingSaved')}
                </Text>
              )}
              <Group>
                <Button onClick={() => void save()} loading={busy} disabled={dups.size > 0}>
                  {t('instrument.mappingSave')}
                </Button>
              </Group>
            </Stack>
          )}
        </Stack>
      )}
    </Container>
  );
}
