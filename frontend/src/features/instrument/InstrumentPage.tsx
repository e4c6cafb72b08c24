import { Alert, Anchor, Button, Container, FileButton, Group, Paper, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { IconAlertCircle, IconArrowBack, IconGitCompare } from '../../components/icons';
import { LoadingState } from '../../components/LoadingState';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { NotFoundPage } from '../not-found/NotFoundPage';
import { periodKey, usePeriod } from '../periods/api';
import { fieldErrors } from '../periods/errors';
import { StatusBadge } from '../periods/StatusBadge';
import type { User } from '../session/types';
import { type RawMethod, importWorkbook, methodFileKey, replaceMethod, useMethodFile } from './api';
import { type DimensionEdit, type IndicatorEdit, InstrumentTree } from './InstrumentTree';
import { dimensionTotal, dimensionsTotal } from './weights';

/** editProblems lists what the client already knows is wrong, before the server is asked. */
export function editProblems(file: RawMethod): string[] {
  const dims = file.instrument?.dimensions ?? [];
  const out: string[] = [];
  for (const g of new Set(dims.map((d) => d.component ?? ''))) {
    if (!dimensionsTotal(dims.filter((d) => (d.component ?? '') === g).map((d) => d.weight)).valid) out.push(`dimensions${g && `.${g}`}`);
  }
  for (const d of dims) if (!dimensionTotal(d.indicators.map((i) => i.weight)).valid) out.push(d.code);
  return out;
}

/**
 * InstrumentPage is /admin/periode/:year/instrumen: the period's instrument
 * as a readable tree; in planning, for an admin, an editor with live weight
 * totals, import (JSON method file or the Excel template) and save; always
 * export (JSON, Excel), comparison and the mapping to last year's indicators.
 */
export function InstrumentPage({ user }: { user: User }) {
  const { t } = useTranslation();
  const year = Number(useParams().year);
  const valid = Number.isInteger(year) && year >= 2000 && year <= 2100;
  const period = usePeriod(valid ? year : 0);
  const method = useMethodFile(valid ? year : 0);
  const qc = useQueryClient();
  const [draft, setDraft] = useState<RawMethod | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [tried, setTried] = useState(false);
  useEffect(() => {
    if (method.data) setDraft(structuredClone(method.data));
  }, [method.data]);
  // Edits copy only the path they change, so that the other indicators keep
  // their identity and are not rendered again on every keystroke.
  const onDimension = useCallback<DimensionEdit>((di, fn) => {
    setSaved(false);
    setDraft((d) => {
      if (!d?.instrument) return d;
      const dims = [...d.instrument.dimensions];
      const dim = { ...dims[di]! };
      fn(dim);
      dims[di] = dim;
      return { ...d, instrument: { ...d.instrument, dimensions: dims } };
    });
  }, []);
  const onIndicator = useCallback<IndicatorEdit>((di, j, fn) => {
    setSaved(false);
    setDraft((d) => {
      if (!d?.instrument) return d;
      const dims = [...d.instrument.dimensions];
      const inds = [...dims[di]!.indicators];
      const ind = { ...inds[j]! };
      fn(ind);
      inds[j] = ind;
      dims[di] = { ...dims[di]!, indicators: inds };
      return { ...d, instrument: { ...d.instrument, dimensions: dims } };
    });
  }, []);

  if (!valid) return <NotFoundPage />;
  if (period.isError && isApiError(period.error) && period.error.status === 404) return <NotFoundPage />;
  const p = period.data;
  const editable = !!p && p.status === 'planning' && user.role === 'admin' && !!draft?.instrument;
  const dirty = !!draft && !!method.data && JSON.stringify(draft) !== JSON.stringify(method.data);
  const problems = draft ? editProblems(draft) : [];
  const server = fieldErrors(t, error);

  const send = async (file: unknown) => {
    if (!p) return;
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      await replaceMethod(year, p.version, file);
      await Promise.all([
        qc.invalidateQueries({ queryKey: periodKey(year) }),
        qc.invalidateQueries({ queryKey: methodFileKey(year) }),
        qc.invalidateQueries({ queryKey: ['periods'] }),
      ]);
      setSaved(true);
      setTried(false);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const save = () => {
    setTried(true);
    if (!draft || problems.length > 0) return;
    void send(draft);
  };
  const importFile = async (f: File | null) => {
    if (!f) return;
    setError(null);
    try {
      if (f.name.toLowerCase().endsWith('.xlsx')) {
        setBusy(true);
        const file = await importWorkbook(f);
        await send(file);
      } else {
        let parsed: unknown;
        try {
          parsed = JSON.parse(await f.text());
        } catch {
          setError(new Error(t('instrument.import.notJSON')));
          return;
        }
        await send(parsed);
      }
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Container py="xl">
      <Anchor component={Link} to={`/admin/periode/${year}`} size="sm" display="inline-flex" style={{ alignItems: 'center', gap: 6, minHeight: 44 }}>
        <IconArrowBack size={16} /> {t('instrument.back', { year })}
      </Anchor>
      {(period.isPending || method.isPending) && <LoadingState rows={6} />}
      {period.isError && <ProblemAlert error={period.error} onRetry={() => void period.refetch()} />}
      {method.isError && <ProblemAlert error={method.error} onRetry={() => void method.refetch()} />}
      {p && draft && (
        <>
          <PageHeader
            title={t('instrument.pageTitle', { year })}
            description={draft.instrument ? `${draft.method.name} · ${draft.instrument.name}` : draft.method.name}
            actions={<StatusBadge status={p.status} />}
          />
          <Stack gap="lg">
            <Paper component="section" aria-label={t('instrument.tools')}>
              <Stack gap="sm">
                <Text size="sm" c="dimmed">
                  {editable ? t('instrument.editableIntro') : p.status === 'planning' ? t('instrument.readOnlyIntro') : t('instrument.lockedIntro')}
                </Text>
                <Group gap="xs" wrap="wrap">
                  <Button component="a" href={`/api/v1/periods/${year}/method`} download={`p4-metode-${year}.json`} variant="default">
                    {t('instrument.exportJSON')}
                  </Button>
                  {draft.instrument && !draft.method.components?.length && (
                    <Button component="a" href={`/api/v1/periods/${year}/instrument.xlsx`} variant="default">
                      {t('instrument.exportXLSX')}
                    </Button>
                  )}
                  <Button component={Link} to={`/admin/periode/${year}/instrumen/bandingkan`} variant="default" leftSection={<IconGitCompare size={18} />}>
                    {t('instrument.compare')}
                  </Button>
                  <Button component={Link} to={`/admin/periode/${year}/instrumen/pemetaan`} variant="default">
                    {t('instrument.mapping')}
                  </Button>
                </Group>
                {p.status === 'planning' && user.role === 'admin' && (
                  <Group gap="xs" wrap="wrap" align="center">
                    <FileButton onChange={(f) => void importFile(f)} accept=".json,application/json,.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet">
                      {(props) => (
                        <Button {...props} variant="light" loading={busy}>
                          {t('instrument.import.button')}
                        </Button>
                      )}
                    </FileButton>
                    <Anchor href="/api/v1/templates/instrument.xlsx" size="sm" py={10}>
                      {t('instrument.import.template')}
                    </Anchor>
                    <Text size="sm" c="dimmed">
                      {t('instrument.import.hint')}
                    </Text>
                  </Group>
                )}
              </Stack>
            </Paper>
            {draft.instrument ? (
              <InstrumentTree file={draft} editable={editable} onDimension={onDimension} onIndicator={onIndicator} serverErrors={server} />
            ) : (
              <Alert color="gray">{t('instrument.noInstrument')}</Alert>
            )}
            {error && isApiError(error) ? <ProblemAlert error={error} title={error.status === 422 ? t('instrument.rejected') : undefined} /> : null}
            {error instanceof Error && !isApiError(error) ? (
              <Alert color="red" role="alert" icon={<IconAlertCircle size={20} />}>
                {error.message}
              </Alert>
            ) : null}
            {editable && (
              <Paper component="section" aria-label={t('instrument.saveBar')} pos="sticky" bottom={0} style={{ zIndex: 2 }} withBorder>
                <Stack gap="xs">
                  {tried && problems.length > 0 && (
                    <Alert color="red" icon={<IconAlertCircle size={20} />} role="alert">
                      {t('instrument.fixFirst')}
                    </Alert>
                  )}
                  {saved && (
                    <Text role="status" c="teal.8" fw={600}>
                      {t('instrument.saved')}
                    </Text>
                  )}
                  <Group gap="xs">
                    <Button onClick={save} loading={busy} disabled={!dirty}>
                      {t('instrument.save')}
                    </Button>
                    <Button variant="default" disabled={!dirty || busy} onClick={() => method.data && setDraft(structuredClone(method.data))}>
                      {t('instrument.discard')}
                    </Button>
                  </Group>
                </Stack>
              </Paper>
            )}
          </Stack>
        </>
      )}
    </Container>
  );
}

