import { Alert, Button, Group, Input, List, NumberInput, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { IconCircleCheck, IconFile } from '../../components/icons';
import { ProblemAlert } from '../../components/ProblemAlert';
import { changed, templatePath, uploadImport, type ImportSummary } from './api';
import { ImportErrorTable } from './ImportErrorTable';
import type { ImportKind } from './importErrors';

/** ImportPanelProps: which workbook, and what to refresh once it is in. */
export interface ImportPanelProps {
  kind: ImportKind;
  /** Heading level of the panel's title. */
  headingOrder?: 2 | 3;
  /** Called after a successful import (e.g. to refresh a list). */
  onImported?: (s: ImportSummary) => void;
}

/**
 * ImportPanel is the one import control of the web app: download the
 * template, pick a filled workbook, upload it. A refused file lists every
 * bad cell (row, column, reason) and nothing is imported; a good one says
 * what was created, updated and left unchanged — or that nothing changed,
 * when the same file comes again.
 */
export function ImportPanel({ kind, headingOrder = 2, onImported }: ImportPanelProps) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [year, setYear] = useState<number | string>('');
  const [clientError, setClientError] = useState<string | null>(null);
  const upload = useMutation({
    mutationFn: () => uploadImport(kind, file as File, Number(year) || undefined),
    onSuccess: (s) => {
      void qc.invalidateQueries();
      onImported?.(s);
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!file) return setClientError(t('locus.import.pickFile'));
    if (!/\.xlsx$/i.test(file.name)) return setClientError(t('locus.import.notXlsx'));
    if (kind === 'results' && !(Number(year) >= 2000 && Number(year) <= 2100)) return setClientError(t('locus.import.yearRequired'));
    setClientError(null);
    upload.mutate();
  };

  const err = upload.error;
  const cellErrors = isApiError(err) && err.status === 422 ? err.errors : [];
  const yearError = cellErrors.find((x) => x.field === 'year');
  const titleId = `${inputId}-title`;

  return (
    <Paper component="section" aria-labelledby={titleId} p={{ base: 'sm', sm: 'lg' }} data-import-kind={kind}>
      <Stack gap="sm">
        <Title order={headingOrder} size="h3" id={titleId}>
          {t(`locus.import.kind.${kind}`)}
        </Title>
        <Text size="sm" c="dimmed">
          {t(`locus.import.help.${kind}`)}
        </Text>
        <div>
          <Button component="a" href={templatePath(kind)} download variant="default" leftSection={<IconFile />} mih={44}>
            {t('locus.import.template')}
          </Button>
        </div>
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            {kind === 'results' && (
              <NumberInput
                label={t('locus.import.year')}
                value={year}
                onChange={setYear}
                min={2000}
                max={2100}
                allowDecimal={false}
                error={yearError ? (yearError.message || t('validation.required')) : undefined}
                w={{ base: '100%', xs: 200 }}
              />
            )}
            <Input.Wrapper label={t('locus.import.file')} labelProps={{ htmlFor: inputId }} error={clientError ?? undefined}>
              <input
                ref={input}
                id={inputId}
                type="file"
                accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                onChange={(e) => {
                  setFile(e.currentTarget.files?.[0] ?? null);
                  setClientError(null);
                  upload.reset();
                }}
                style={{ display: 'block', minHeight: 44, paddingBlock: 8, maxWidth: '100%' }}
              />
            </Input.Wrapper>
            <Group>
              <Button type="submit" loading={upload.isPending} mih={44}>
                {t('locus.import.upload')}
              </Button>
            </Group>
          </Stack>
        </form>
        {cellErrors.length > 0 && !yearError && <ImportErrorTable errors={cellErrors} />}
        {err && cellErrors.length === 0 && <ProblemAlert error={err} />}
        {upload.data && <ImportResult summary={upload.data} />}
      </Stack>
    </Paper>
  );
}

/** ImportResult says what a successful import did. */
export function ImportResult({ summary }: { summary: ImportSummary }) {
  const { t } = useTranslation();
  const what = Object.keys({ ...summary.created, ...summary.updated, ...summary.unchanged });
  return (
    <Alert color="green" icon={<IconCircleCheck size={22} />} title={changed(summary) ? t('locus.import.done', { rows: summary.rows }) : t('locus.import.nothingChanged')} role="status">
      <Stack gap="xs">
        {what.length > 0 && (
          <Table withTableBorder aria-label={t('locus.import.summary')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('locus.import.what')}</Table.Th>
                <Table.Th scope="col">{t('locus.import.created')}</Table.Th>
                <Table.Th scope="col">{t('locus.import.updated')}</Table.Th>
                <Table.Th scope="col">{t('locus.import.unchanged')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {what.map((w) => (
                <Table.Tr key={w}>
                  <Table.Th scope="row">{t(`locus.import.things.${w}` as 'locus.import.things.entities', { defaultValue: w })}</Table.Th>
                  <Table.Td className="p4-tabular">{summary.created[w] ?? 0}</Table.Td>
                  <Table.Td className="p4-tabular">{summary.updated[w] ?? 0}</Table.Td>
                  <Table.Td className="p4-tabular">{summary.unchanged[w] ?? 0}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {summary.passwords && summary.passwords.length > 0 && (
          <>
            <Text size="sm" fw={600}>
              {t('locus.import.passwords')}
            </Text>
            <List size="sm">
              {summary.passwords.map((p) => (
                <List.Item key={p.email}>
                  {p.email}: <code>{p.password}</code>
                </List.Item>
              ))}
            </List>
          </>
        )}
        {summary.notes && summary.notes.length > 0 && (
          <List size="sm">
            {summary.notes.map((n) => (
              <List.Item key={n}>{n}</List.Item>
            ))}
          </List>
        )}
      </Stack>
    </Alert>
  );
}
