import { Alert, Badge, Button, Card, CloseButton, Group, List, NativeSelect, Stack, Text, Textarea, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { LoadingState } from '../../components/LoadingState';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useFormat } from '../../i18n/format';
import type { Windows } from '../public-results/types';
import { IconPaperclip } from '../../components/icons';
import { checkObjectionFile, filesKey, uploadObjectionFile, useObjectionFiles } from '../objections/api';
import { FileList } from '../objections/FileList';
import { formatBytes, maxEvidenceBytes, evidenceAccept, type EvidenceProblem } from '../questionnaire/Evidence';
import { useFileObjection, useObjections } from '../results/api';
import type { ExplanationView, Objection } from '../results/types';
import { jakartaToday, objectionAvailability } from './objectionWindow';

type Format = ReturnType<typeof useFormat>;

/** ObjectionUnit is a unit that can be named in an objection. */
export interface ObjectionUnit {
  unitId: number;
  name: string;
  /** Needed by the server to name the unit; null when the API does not send it. */
  unitAssessmentId: number | null;
}

/** ObjectionsPanelProps: the entity's year, the state of its result, and what can be contested. */
export interface ObjectionsPanelProps {
  year: number;
  entityId: number;
  resultState: string;
  windows: Windows;
  explanation: ExplanationView | undefined;
  units: ObjectionUnit[];
  /** Today in Jakarta (YYYY-MM-DD); injectable for tests. */
  today?: string;
}

/**
 * ObjectionsPanel lists the entity's objections (sanggahan) with their
 * status and decision, and offers the form to file one only while the
 * period's objection window is open on a final result; otherwise it says
 * when the window is or was.
 */
export function ObjectionsPanel({ year, entityId, resultState, windows, explanation, units, today = jakartaToday() }: ObjectionsPanelProps) {
  const { t } = useTranslation();
  const f = useFormat();
  const objections = useObjections(year, entityId);
  const availability = objectionAvailability(windows, resultState, today);
  const w = windows.objection;
  const span = w ? t('portal.objections.window', { from: f.date(w.from), to: f.date(w.to) }) : '';
  const nameOf = (code: string) => explanation?.explanation.indicators.find((i) => i.code === code)?.name ?? code;

  return (
    <Stack gap="sm">
      <Title order={2} fz="h3" id="sanggahan">
        {t('portal.objections.title')}
      </Title>
      <Text c="dimmed" maw="52rem">
        {t('portal.objections.intro')}
      </Text>
      {availability === 'open' ? (
        <Alert color="navy" role="note" title={t('portal.objections.openTitle')}>
          {span}
        </Alert>
      ) : (
        <Alert color="slate" role="note" title={t(`portal.objections.closedTitle.${availability}`)} data-testid="objection-closed">
          {availability === 'noWindow' ? t('portal.objections.noWindowBody') : availability === 'notFinal' ? t('portal.objections.notFinalBody', { span }) : span}
        </Alert>
      )}
      {objections.isPending ? (
        <LoadingState rows={2} />
      ) : objections.isError ? (
        <ProblemAlert error={objections.error} onRetry={() => void objections.refetch()} />
      ) : objections.data.length === 0 ? (
        <Text size="sm">{t('portal.objections.none')}</Text>
      ) : (
        <Stack gap="sm">
          {objections.data.map((o) => (
            <ObjectionCard key={o.id} objection={o} nameOf={nameOf} />
          ))}
        </Stack>
      )}
      {availability === 'open' && <ObjectionForm year={year} entityId={entityId} explanation={explanation} units={units} />}
    </Stack>
  );
}

// Navy and slate only: the traffic-light colours are reserved for zones.
const stateColors: Record<string, string> = { submitted: 'navy', accepted: 'navy', partly_accepted: 'navy', rejected: 'slate' };

function stateKey(s: string): 'submitted' | 'accepted' | 'partly_accepted' | 'rejected' | 'other' {
  return s === 'submitted' || s === 'accepted' || s === 'partly_accepted' || s === 'rejected' ? s : 'other';
}

function ObjectionCard({ objection: o, nameOf }: { objection: Objection; nameOf: (code: string) => string }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Card withBorder radius="md" data-objection-id={o.id}>
      <Group justify="space-between" gap="sm">
        <Badge variant="light" color={stateColors[o.state] ?? 'slate'} radius="sm" styles={{ label: { textTransform: 'none' } }}>
          {t(`portal.objections.state.${stateKey(o.state)}`)}
        </Badge>
        {o.filed_at && (
          <Text size="sm" c="dimmed">
            {t('portal.objections.filedAt', { date: f.date(o.filed_at) })}
          </Text>
        )}
      </Group>
      {o.filed_by_name && (
        <Text size="sm" c="dimmed">
          {t('objections.portal.filedBy', { name: o.filed_by_name })}
        </Text>
      )}
      <Text mt="xs">{o.statement}</Text>
      <List size="sm" mt="xs" spacing={2}>
        {o.items.map((it, i) => (
          <List.Item key={it.id ?? i}>
            {nameOf(it.indicator)}: {t('portal.objections.requested', { value: it.requested_value })}
            {it.decided_value !== null && it.decided_value !== undefined && ` · ${t('portal.objections.decided', { value: it.decided_value })}`}
            {it.accepted === true && ` · ${t('portal.objections.itemAccepted')}`}
            {it.accepted === false && ` · ${t('portal.objections.itemRejected')}`}
          </List.Item>
        ))}
      </List>
      {o.decision_reason && (
        <Text size="sm" mt="xs">
          <Text span fw={600}>
            {t('portal.objections.decision')}
          </Text>{' '}
          {o.decision_reason}
          {o.decided_at ? ` (${f.date(o.decided_at)})` : ''}
          {o.decided_by_name ? ` · ${t('objections.portal.decidedBy', { name: o.decided_by_name })}` : ''}
        </Text>
      )}
      <Text size="sm" fw={600} mt="xs">
        {t('objections.portal.files')}
      </Text>
      <ObjectionFiles id={o.id} />
      {o.state === 'submitted' && <AddFiles id={o.id} />}
    </Card>
  );
}

/**
 * uploadFiles sends files to an objection one by one and returns a message
 * for each one refused (name and reason), so that the others still go.
 */
async function uploadFiles(id: number, files: File[], t: TFunction, f: Format): Promise<string[]> {
  const failed: string[] = [];
  for (const file of files) {
    try {
      await uploadObjectionFile(id, file);
    } catch (err) {
      const code = isApiError(err) ? err.errors[0]?.code : undefined;
      const why =
        code && ['too_large', 'unsupported_type', 'empty'].includes(code)
          ? t(`evidence.problem.${code as EvidenceProblem}`, { size: formatBytes(maxEvidenceBytes, f.number) })
          : isApiError(err) && err.detail
            ? err.detail
            : t('evidence.failed');
      failed.push(t('objections.portal.uploadFailed', { name: file.name, reason: why }));
    }
  }
  return failed;
}

/**
 * AddFiles lets the agency add files to an objection that waits for its
 * decision (the server refuses them once it is decided): each file is
 * checked on the device, then sent at once.
 */
function AddFiles({ id }: { id: number }) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);
  const inputId = `objection-${id}-add`;
  const send = async (list: File[]) => {
    const refused = list.flatMap((file) => {
      const p = checkObjectionFile(file);
      return p ? [t('objections.portal.uploadFailed', { name: file.name, reason: t(`evidence.problem.${p}`, { size: formatBytes(maxEvidenceBytes, f.number) }) })] : [];
    });
    const ok = list.filter((file) => !checkObjectionFile(file));
    setBusy(true);
    const failed = ok.length > 0 ? await uploadFiles(id, ok, t, f) : [];
    setBusy(false);
    setErrors([...refused, ...failed]);
    await qc.invalidateQueries({ queryKey: filesKey(id) });
  };
  return (
    <Stack gap={4} mt={4}>
      <input
        ref={input}
        id={inputId}
        type="file"
        multiple
        accept={evidenceAccept}
        hidden
        data-testid={`objection-${id}-add-input`}
        onChange={(e) => {
          const list = Array.from(e.currentTarget.files ?? []);
          e.currentTarget.value = '';
          if (list.length > 0) void send(list);
        }}
      />
      <Group>
        <Button variant="default" size="sm" leftSection={<IconPaperclip size={16} />} loading={busy} onClick={() => input.current?.click()}>
          {t('objections.portal.addFiles')}
        </Button>
      </Group>
      <Text size="xs" c="dimmed">
        {t('objections.portal.filesHint', { size: formatBytes(maxEvidenceBytes, f.number) })}
      </Text>
      {errors.length > 0 && (
        <Stack gap={2} role="alert">
          {errors.map((m) => (
            <Text key={m} size="sm" c="var(--mantine-color-error)">
              {m}
            </Text>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

function ObjectionFiles({ id }: { id: number }) {
  const files = useObjectionFiles(id);
  if (files.isError) return <ProblemAlert error={files.error} onRetry={() => void files.refetch()} />;
  return <FileList files={files.data} objectionId={id} />;
}

interface PickedFile {
  key: string;
  file: File;
  problem: EvidenceProblem | null;
}

interface DraftItem {
  unitId: number;
  indicator: string;
  requested: string;
}

function ObjectionForm({ year, entityId, explanation, units }: { year: number; entityId: number; explanation: ExplanationView | undefined; units: ObjectionUnit[] }) {
  const { t } = useTranslation();
  const file = useFileObjection(year, entityId);
  const usable = units.filter((u) => u.unitAssessmentId !== null);
  const first = usable[0];
  const [statement, setStatement] = useState('');
  const [items, setItems] = useState<DraftItem[]>(first ? [{ unitId: first.unitId, indicator: '', requested: '' }] : []);
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState(false);
  const [picked, setPicked] = useState<PickedFile[]>([]);
  const [uploading, setUploading] = useState(false);
  const [uploadErrors, setUploadErrors] = useState<string[]>([]);
  const fileInput = useRef<HTMLInputElement>(null);
  const qc = useQueryClient();
  const f = useFormat();

  const indicatorsOf = (unitId: number) =>
    explanation?.explanation.units
      .find((u) => u.unit_id === String(unitId))
      ?.indicators.filter((i) => i.state === 'answered' || i.state === 'unanswered') ?? [];

  if (usable.length === 0) {
    return (
      <Alert color="slate" role="note" title={t('portal.objections.unavailableTitle')} data-testid="objection-unavailable">
        {t('portal.objections.unavailableBody')}
      </Alert>
    );
  }

  const serverErrors = isApiError(file.error) ? file.error.fieldErrors() : {};
  const errorFor = (field: string) => {
    if (clientErrors[field]) return clientErrors[field];
    const e = serverErrors[field];
    return e ? t(`validation.${e.code}` as 'validation.invalid', { defaultValue: e.message }) : undefined;
  };
  const unplaced = isApiError(file.error)
    ? file.error.errors.filter((e) => !(e.field === 'statement' || /^items\[\d+\]\.(indicator|requested_value|unit_assessment_id)$/.test(e.field)))
    : [];

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (!statement.trim()) errs.statement = t('validation.required');
    items.forEach((it, i) => {
      if (!it.indicator) errs[`items[${i}].indicator`] = t('validation.required');
      if (it.requested === '') errs[`items[${i}].requested_value`] = t('validation.required');
    });
    if (items.length === 0) errs.items = t('portal.objections.needItem');
    const bad = picked.find((p) => p.problem);
    if (bad) errs.files = t(`evidence.problem.${bad.problem!}`, { size: formatBytes(maxEvidenceBytes, f.number) });
    setClientErrors(errs);
    if (Object.keys(errs).length > 0) return;
    setUploadErrors([]);
    file.mutate(
      {
        statement: statement.trim(),
        items: items.map((it) => ({
          unit_assessment_id: usable.find((u) => u.unitId === it.unitId)?.unitAssessmentId as number,
          indicator: it.indicator,
          requested_value: Number(it.requested),
        })),
      },
      {
        onSuccess: async (o) => {
          // The files go to the objection just filed, one by one.
          const toSend = picked;
          setPicked([]);
          setStatement('');
          setItems([{ unitId: usable[0]!.unitId, indicator: '', requested: '' }]);
          if (toSend.length > 0) {
            setUploading(true);
            setUploadErrors(await uploadFiles(o.id, toSend.map((p) => p.file), t, f));
            setUploading(false);
            await qc.invalidateQueries({ queryKey: filesKey(o.id) });
          }
          setDone(true);
        },
      },
    );
  };

  const update = (i: number, patch: Partial<DraftItem>) => setItems((xs) => xs.map((x, j) => (j === i ? { ...x, ...patch } : x)));

  return (
    <Card withBorder radius="md" component="form" onSubmit={submit} noValidate aria-labelledby="objection-form-title">
      <Stack gap="sm">
        <Title order={3} fz="h4" id="objection-form-title">
          {t('portal.objections.formTitle')}
        </Title>
        {done && !file.isPending && !file.isError && (
          <Alert color="navy" role="status">
            {t('portal.objections.filed')}
          </Alert>
        )}
        <Textarea
          label={t('portal.objections.statement')}
          description={t('portal.objections.statementHint')}
          value={statement}
          onChange={(e) => setStatement(e.currentTarget.value)}
          error={errorFor('statement')}
          rows={4}
          maxLength={4000}
          required
        />
        {items.map((it, i) => {
          const inds = indicatorsOf(it.unitId);
          const chosen = inds.find((x) => x.code === it.indicator);
          return (
            <Card key={i} withBorder radius="sm" p="sm" bg="slate.0">
              <Group justify="space-between" mb={4}>
                <Text fw={600} size="sm">
                  {t('portal.objections.item', { n: i + 1 })}
                </Text>
                {items.length > 1 && (
                  <CloseButton aria-label={t('portal.objections.removeItem', { n: i + 1 })} onClick={() => setItems((xs) => xs.filter((_, j) => j !== i))} />
                )}
              </Group>
              <Stack gap="xs">
                {usable.length > 1 && (
                  <NativeSelect
                    label={t('portal.whatIf.unit')}
                    value={String(it.unitId)}
                    data={usable.map((u) => ({ value: String(u.unitId), label: u.name }))}
                    onChange={(e) => update(i, { unitId: Number(e.currentTarget.value), indicator: '', requested: '' })}
                    error={errorFor(`items[${i}].unit_assessment_id`)}
                  />
                )}
                <NativeSelect
                  label={t('ranking.entity.indicator')}
                  value={it.indicator}
                  data={[
                    { value: '', label: t('portal.objections.chooseIndicator') },
                    ...inds.map((x) => ({
                      value: x.code,
                      label: `${x.name} (${x.state === 'answered' ? t('portal.whatIf.current', { value: x.value ?? 0, max: x.max }) : t('portal.whatIf.currentNone')})`,
                    })),
                  ]}
                  onChange={(e) => update(i, { indicator: e.currentTarget.value, requested: '' })}
                  error={errorFor(`items[${i}].indicator`)}
                />
                <NativeSelect
                  label={t('portal.objections.requestedValue')}
                  value={it.requested}
                  data={[
                    { value: '', label: t('portal.objections.chooseValue') },
                    ...Array.from({ length: (chosen?.max ?? 3) + 1 }, (_, v) => ({ value: String(v), label: String(v) })),
                  ]}
                  onChange={(e) => update(i, { requested: e.currentTarget.value })}
                  error={errorFor(`items[${i}].requested_value`)}
                />
              </Stack>
            </Card>
          );
        })}
        <Stack gap={6}>
          <Text fw={500} size="sm" id="objection-files-label">
            {t('objections.portal.files')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('objections.portal.filesHint', { size: formatBytes(maxEvidenceBytes, f.number) })}
          </Text>
          <input
            ref={fileInput}
            type="file"
            multiple
            accept={evidenceAccept}
            hidden
            data-testid="objection-file-input"
            aria-labelledby="objection-files-label"
            onChange={(e) => {
              const list = Array.from(e.currentTarget.files ?? []);
              setPicked((ps) => [
                ...ps,
                ...list.map((file) => ({ key: `${file.name}-${file.size}-${file.lastModified}-${Math.random()}`, file, problem: checkObjectionFile(file) })),
              ]);
              e.currentTarget.value = '';
            }}
          />
          <Group>
            <Button variant="default" leftSection={<IconPaperclip size={18} />} onClick={() => fileInput.current?.click()}>
              {t('objections.portal.attach')}
            </Button>
          </Group>
          {picked.length > 0 && (
            <Stack gap={4} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-labelledby="objection-files-label">
              {picked.map((p) => (
                <Group key={p.key} component="li" gap="xs" wrap="nowrap">
                  <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {p.file.name} · {formatBytes(p.file.size, f.number)}
                    {p.problem && (
                      <Text span c="var(--mantine-color-error)" size="sm">
                        {' '}
                        — {t(`evidence.problem.${p.problem}`, { size: formatBytes(maxEvidenceBytes, f.number) })}
                      </Text>
                    )}
                  </Text>
                  <CloseButton aria-label={t('objections.portal.removeFile', { name: p.file.name })} onClick={() => setPicked((ps) => ps.filter((x) => x.key !== p.key))} />
                </Group>
              ))}
            </Stack>
          )}
          {clientErrors.files && (
            <Text c="var(--mantine-color-error)" size="sm" role="alert">
              {clientErrors.files}
            </Text>
          )}
        </Stack>
        {uploading && (
          <Text size="sm" role="status">
            {t('objections.portal.uploading')}
          </Text>
        )}
        {uploadErrors.length > 0 && (
          <Alert color="red" role="alert">
            {uploadErrors.map((m) => (
              <Text key={m} size="sm">
                {m}
              </Text>
            ))}
          </Alert>
        )}
        {clientErrors.items && (
          <Text c="var(--mantine-color-error)" size="sm" role="alert">
            {clientErrors.items}
          </Text>
        )}
        <Group>
          <Button variant="default" onClick={() => setItems((xs) => [...xs, { unitId: usable[0]!.unitId, indicator: '', requested: '' }])}>
            {t('portal.objections.addItem')}
          </Button>
          <Button type="submit" loading={file.isPending || uploading}>
            {t('portal.objections.submit')}
          </Button>
        </Group>
        {file.isError && (unplaced.length > 0 || !isApiError(file.error) || file.error.errors.length === 0) && (
          <ProblemAlert error={file.error} title={t('portal.objections.refused')} />
        )}
      </Stack>
    </Card>
  );
}
