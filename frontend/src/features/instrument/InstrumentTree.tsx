import { Badge, Button, Checkbox, Group, List, Paper, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IconCircleCheck, IconOctagonX } from '../../components/icons';
import type { RawDimension, RawIndicator, RawMethod } from './api';
import { type DimensionTotal, dimensionTotal, dimensionsTotal, formatRat, mul, parseWeight, rat, toDecimal } from './weights';

/** DimensionEdit changes one dimension of the draft. */
export type DimensionEdit = (di: number, fn: (d: RawDimension) => void) => void;
/** IndicatorEdit changes one indicator of the draft. */
export type IndicatorEdit = (di: number, j: number, fn: (i: RawIndicator) => void) => void;

/** kinds are the entity kinds an indicator may be limited to. */
const kinds = ['pemprov', 'pemkab', 'pemkot', 'kantah', 'polres', 'kementerian', 'lembaga'] as const;

/** weightText is a weight as the input shows it ("" when left out). */
export function weightText(w: unknown): string {
  return w === undefined || w === null ? '' : String(w);
}

/** InstrumentTreeProps: the method file, and when editable how to change it and the server's errors by path. */
export interface InstrumentTreeProps {
  file: RawMethod;
  editable: boolean;
  /** Stable callbacks (the tree re-renders only what they change). */
  onDimension?: DimensionEdit;
  onIndicator?: IndicatorEdit;
  serverErrors?: Record<string, string>;
}

/**
 * InstrumentTree shows the instrument as dimension → variable → indicator,
 * with weights, levels, guidance and applicability. Editable, it turns the
 * weights, question, guidance and N/A into fields and shows each
 * dimension's total live, as exact fractions, as the server will check it.
 */
export function InstrumentTree({ file, editable, onDimension, onIndicator, serverErrors = {} }: InstrumentTreeProps) {
  const { t } = useTranslation();
  const dims = file.instrument?.dimensions ?? [];
  // In a composite method (2025) the dimensions of each component sum to 100.
  const groups = [...new Set(dims.map((d) => d.component ?? ''))];
  return (
    <Stack gap="lg">
      {groups.map((g) => {
        const total = dimensionsTotal(dims.filter((d) => (d.component ?? '') === g).map((d) => d.weight));
        return (
          <Group key={g || 'all'} gap="xs" role="status" aria-live="polite" data-testid={g ? `dimensions-total-${g}` : 'dimensions-total'}>
            {total.valid ? <IconCircleCheck size={18} /> : <IconOctagonX size={18} />}
            <Text fw={600} c={total.valid ? 'teal.8' : 'red.8'}>
              {g && `${g}: `}
              {total.valid
                ? t('instrument.dimensionsValid', { total: formatRat(total.total) })
                : t('instrument.dimensionsInvalid', { total: toDecimal(total.total, 2) })}
            </Text>
          </Group>
        );
      })}
      {dims.map((d, di) => (
        <DimensionSection
          key={d.code}
          dim={d}
          index={di}
          editable={editable}
          onDimension={onDimension}
          onIndicator={onIndicator}
          serverErrors={serverErrors}
          levels={file.instrument?.scale?.levels}
        />
      ))}
    </Stack>
  );
}

function TotalLine({ code, total }: { code: string; total: DimensionTotal }) {
  const { t } = useTranslation();
  const pct = toDecimal(mul(total.total, rat(100n)), 2);
  return (
    <Group gap="xs" role="status" aria-live="polite" data-testid={`total-${code}`} data-valid={total.valid}>
      {total.valid ? <IconCircleCheck size={18} /> : <IconOctagonX size={18} />}
      <Text size="sm" fw={600} c={total.valid ? 'teal.8' : 'red.8'}>
        {total.valid
          ? t(total.implicit ? 'instrument.totalEqual' : 'instrument.totalValid', { total: pct })
          : t(`instrument.total.${total.problem ?? 'sum'}`, { total: pct })}
      </Text>
    </Group>
  );
}

function DimensionSection({
  dim,
  index,
  editable,
  onDimension,
  onIndicator,
  serverErrors,
  levels,
}: {
  levels: string[] | undefined;
  dim: RawDimension;
  index: number;
  editable: boolean;
  onDimension?: DimensionEdit;
  onIndicator?: IndicatorEdit;
  serverErrors: Record<string, string>;
}) {
  const { t } = useTranslation();
  const total = dimensionTotal(dim.indicators.map((i) => i.weight));
  const dimWeight = parseWeight(dim.weight);
  const groups: { code: string; name?: string; items: { ind: RawIndicator; j: number }[] }[] = [];
  const vars = dim.variables ?? [];
  if (vars.length > 0) {
    for (const v of vars) groups.push({ code: v.code, name: v.name, items: [] });
  } else groups.push({ code: '', items: [] });
  dim.indicators.forEach((ind, j) => {
    const g = groups.find((x) => x.code === (ind.variable ?? '')) ?? groups[0];
    g?.items.push({ ind, j });
  });
  const path = `instrument.dimensions[${index}]`;
  const headingId = `dim-${dim.code}`;
  return (
    <Paper component="section" aria-labelledby={headingId} data-testid={`dimension-${dim.code}`}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-end" wrap="wrap">
          <Title order={2} size="h3" id={headingId}>
            {dim.name} <Text span c="dimmed" size="sm">({dim.code})</Text>
          </Title>
          {editable ? (
            <TextInput
              label={t('instrument.dimensionWeight', { name: dim.name })}
              value={weightText(dim.weight)}
              inputMode="decimal"
              onChange={(e) => {
                const v = e.currentTarget.value;
                onDimension?.(index, (d) => {
                  d.weight = /^\d+(\.\d+)?$/.test(v.trim()) ? Number(v) : v;
                });
              }}
              error={serverErrors[`${path}.weight`]}
              w={200}
            />
          ) : (
            <Text fw={600}>{t('instrument.points', { points: weightText(dim.weight) })}</Text>
          )}
        </Group>
        <TotalLine code={dim.code} total={total} />
        {serverErrors[`${path}.indicators`] && (
          <Text c="red.8" size="sm" role="alert">
            {serverErrors[`${path}.indicators`]}
          </Text>
        )}
        {groups.map((g) => (
          <Stack key={g.code || 'all'} gap="xs">
            {g.name && (
              <Title order={3} size="h4">
                {g.name} <Text span c="dimmed" size="sm">({g.code})</Text>
              </Title>
            )}
            <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {g.items.map(({ ind, j }) => (
                <IndicatorItem
                  key={ind.code}
                  ind={ind}
                  di={index}
                  j={j}
                  shareText={total.shares[j] ? formatRat(total.shares[j]!) : null}
                  pct={total.shares[j] ? toDecimal(mul(total.shares[j]!, rat(100n)), 2) : '–'}
                  points={total.shares[j] && dimWeight ? toDecimal(mul(total.shares[j]!, dimWeight), 2) : '–'}
                  implicit={total.implicit}
                  bad={total.bad.includes(j)}
                  editable={editable}
                  onIndicator={onIndicator}
                  weightError={serverErrors[`${path}.indicators[${j}].weight`]}
                  questionError={serverErrors[`${path}.indicators[${j}].question`]}
                  defaultLevels={levels}
                />
              ))}
            </Stack>
          </Stack>
        ))}
      </Stack>
    </Paper>
  );
}

const IndicatorItem = memo(function IndicatorItem({
  ind,
  di,
  j,
  shareText,
  pct,
  points,
  implicit,
  bad,
  editable,
  onIndicator,
  weightError,
  questionError,
  defaultLevels,
}: {
  ind: RawIndicator;
  di: number;
  j: number;
  shareText: string | null;
  pct: string;
  points: string;
  implicit: boolean;
  bad: boolean;
  editable: boolean;
  onIndicator?: IndicatorEdit;
  weightError?: string;
  questionError?: string;
  defaultLevels: string[] | undefined;
}) {
  const { t } = useTranslation();
  const onChange = (fn: (i: RawIndicator) => void) => onIndicator?.(di, j, fn);
  const levels = ind.levels ?? defaultLevels;
  // The text fields open per indicator, so that forty indicators do not
  // render hundreds of fields; a field the server refused opens by itself.
  const [opened, setOpened] = useState(false);
  const details = editable && (opened || !!questionError);
  const id = `ind-${ind.code.replace(/\W/g, '-')}`;
  return (
    <li>
      <Paper withBorder p="sm" aria-labelledby={id} component="article" data-testid={`indicator-${ind.code}`}>
        <Stack gap={6}>
          <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
            <Text fw={600} id={id} style={{ flex: '1 1 14rem', minWidth: 0 }}>
              {ind.code} {ind.name}
            </Text>
            {editable ? (
              <TextInput
                label={t('instrument.weightOf', { code: ind.code })}
                description={implicit ? t('instrument.weightImplicit') : t('instrument.weightHint')}
                placeholder={implicit && shareText ? shareText : undefined}
                value={weightText(ind.weight)}
                onChange={(e) => {
                  const v = e.currentTarget.value;
                  onChange((x) => {
                    if (v.trim() === '') delete x.weight;
                    else x.weight = v;
                  });
                }}
                error={weightError ?? (bad ? t('instrument.weightBad') : undefined)}
                w={220}
              />
            ) : (
              <Text size="sm" className="p4-tabular">
                {t('instrument.weightShown', { weight: implicit ? (shareText ?? '') : weightText(ind.weight), pct, points })}
              </Text>
            )}
          </Group>
          {details ? (
            <Textarea
              label={t('instrument.question')}
              value={ind.question}
              autosize
              minRows={1}
              onChange={(e) => {
                const v = e.currentTarget.value;
                onChange((x) => {
                  x.question = v;
                });
              }}
              error={questionError}
            />
          ) : (
            <Text>{ind.question}</Text>
          )}
          {levels && levels.length > 0 && (
            <List size="sm" aria-label={t('instrument.levels')}>
              {levels.map((l, k) => (
                <List.Item key={k}>
                  <b>{k}</b> — {l}
                </List.Item>
              ))}
            </List>
          )}
          {details ? (
            <Textarea
              label={t('instrument.guidance')}
              value={ind.guidance ?? ''}
              autosize
              minRows={1}
              onChange={(e) => {
                const v = e.currentTarget.value;
                onChange((x) => {
                  if (v === '') delete x.guidance;
                  else x.guidance = v;
                });
              }}
            />
          ) : (
            ind.guidance && (
              <Text size="sm">
                <b>{t('instrument.guidance')}:</b> {ind.guidance}
              </Text>
            )
          )}
          <Group gap="xs" wrap="wrap">
            <Badge variant="light" color="gray">
              {ind.kinds && ind.kinds.length > 0 ? t('instrument.kinds', { kinds: ind.kinds.join(', ') }) : t('instrument.allKinds')}
            </Badge>
            {ind.source && (
              <Badge variant="light" color="navy">
                {t(`instrument.sources.${ind.source}` as 'instrument.sources.interview', { defaultValue: ind.source })}
              </Badge>
            )}
            {!details && ind.na_allowed && (
              <Badge variant="light" color="grape">
                {t('instrument.naAllowed')}
              </Badge>
            )}
          </Group>
          {details && (
            <Checkbox.Group
              label={t('instrument.kindsLabel')}
              value={ind.kinds ?? []}
              onChange={(v) =>
                onChange((x) => {
                  if (v.length === 0) delete x.kinds;
                  else x.kinds = kinds.filter((k) => v.includes(k));
                })
              }
            >
              <SimpleGrid cols={{ base: 1, xs: 2, sm: 4 }} spacing={4} mt={4}>
                {kinds.map((k) => (
                  <Checkbox key={k} value={k} label={t(`publicResults.groups.${k}`)} />
                ))}
              </SimpleGrid>
            </Checkbox.Group>
          )}
          {details && (
            <Checkbox
              label={t('instrument.naAllowed')}
              checked={!!ind.na_allowed}
              onChange={(e) => {
                const v = e.currentTarget.checked;
                onChange((x) => {
                  x.na_allowed = v;
                });
              }}
            />
          )}
          {editable && (
            <Group>
              <Button variant="subtle" size="compact-md" mih={44} onClick={() => setOpened((o) => !o)} aria-expanded={details}>
                {details ? t('instrument.closeDetails') : t('instrument.editDetails', { code: ind.code })}
              </Button>
            </Group>
          )}
        </Stack>
      </Paper>
    </li>
  );
});
