import { Alert, Badge, Box, Button, Grid, Group, NativeSelect, Paper, Stack, Switch, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CategoryBadge } from '../../components/CategoryBadge';
import { OpinionLabel } from '../../components/OpinionLabel';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ScoreValue } from '../../components/ScoreValue';
import { ZoneChip } from '../../components/ZoneChip';
import type { Category, Zone } from '../../domain/types';
import { useFormat } from '../../i18n/format';
import { indicatorName, levelText } from '../results/instrument';
import { IconFlask } from '../results/icons';
import type { ExplanationView, Instrument } from '../results/types';
import { simulatedValue, type useWhatIf } from './whatif';

/** CurrentResult is the stored result the simulation starts from. */
export interface CurrentResult {
  score: number;
  category: Category | null;
  opinion: string | null;
  zone: Zone | null;
}

/** WhatIfPanelProps: the simulation, the answers it starts from, and the stored result. */
export interface WhatIfPanelProps {
  sim: ReturnType<typeof useWhatIf>;
  explanation: ExplanationView;
  instrument: Instrument | undefined;
  current: CurrentResult;
  unitName: (id: number) => string;
}

/**
 * WhatIfPanel lets an agency change answers and see at once the score,
 * category and zone they would give. Nothing is saved: the server scores
 * the changed answers and forgets them, and the panel says so plainly.
 */
export function WhatIfPanel({ sim, explanation, instrument, current, unitName }: WhatIfPanelProps) {
  const { t } = useTranslation();
  const f = useFormat();
  const units = explanation.explanation.units.filter((u) => !u.imported);
  const [unitId, setUnitId] = useState(units[0]?.unit_id ?? '');
  const [showAll, setShowAll] = useState(false);
  const unit = units.find((u) => u.unit_id === unitId) ?? units[0];
  const changed = sim.changes.length;
  const r = sim.result?.after;
  const delta = sim.result?.delta ?? 0;
  const phone = useMediaQuery('(max-width: 61.99em)', false);

  if (!unit) return null;
  const uid = Number(unit.unit_id);
  const rows = unit.indicators.filter(
    (i) => (i.state === 'answered' || i.state === 'unanswered') && (showAll || (i.value ?? 0) < i.max || sim.state.values[`${uid}|${i.code}`] !== undefined),
  );
  const changedHere = (code: string) => sim.state.values[`${uid}|${code}`] !== undefined;

  return (
    <Stack gap="sm">
      <Title order={2} fz="h3" id="simulasi">
        {t('portal.whatIf.title')}
      </Title>
      <Alert color="navy" role="note" variant="outline" icon={<IconFlask size={22} />} title={t('portal.whatIf.notSaved')} data-testid="what-if-notice">
        {t('portal.whatIf.notSavedBody')}
      </Alert>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }} order={{ base: 2, md: 1 }}>
          <Stack gap="sm">
            {units.length > 1 && (
              <NativeSelect
                label={t('portal.whatIf.unit')}
                value={unit.unit_id}
                data={units.map((u) => {
                  const n = explanation.explanation.units.find((x) => x.unit_id === u.unit_id);
                  const count = Object.keys(sim.state.values).filter((k) => k.startsWith(`${u.unit_id}|`)).length;
                  const name = n?.name || unitName(Number(u.unit_id));
                  return { value: u.unit_id, label: count > 0 ? t('portal.whatIf.unitChanged', { name, n: count }) : name };
                })}
                onChange={(e) => setUnitId(e.currentTarget.value)}
              />
            )}
            <Switch
              checked={showAll}
              onChange={(e) => setShowAll(e.currentTarget.checked)}
              label={t('portal.whatIf.showAll')}
              size="md"
            />
            {rows.length === 0 && <Text c="dimmed">{t('portal.whatIf.allMax')}</Text>}
            <Stack gap={0} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
              {rows.map((ind) => {
                const original = ind.state === 'answered' ? (ind.value ?? 0) : null;
                const value = simulatedValue(sim.state, { unitId: uid, indicator: ind.code }, original);
                const name = indicatorName(instrument, ind.code, ind.name, f.lang);
                const levels = Array.from({ length: ind.max + 1 }, (_, v) => {
                  const lt = levelText(instrument, ind.code, v);
                  return { value: String(v), label: lt ? `${v} – ${lt}` : String(v) };
                });
                const data = original === null ? [{ value: '', label: t('ranking.entity.unanswered') }, ...levels] : levels;
                return (
                  <Box
                    component="li"
                    key={ind.code}
                    py="sm"
                    style={{ borderBottom: '1px solid var(--mantine-color-slate-2)' }}
                    data-indicator={ind.code}
                  >
                    <NativeSelect
                      label={name}
                      description={
                        <>
                          {ind.code} ·{' '}
                          {original === null ? t('portal.whatIf.currentNone') : t('portal.whatIf.current', { value: original, max: ind.max })}
                          {changedHere(ind.code) && (
                            <Badge component="span" variant="outline" color="navy" radius="sm" size="sm" ml={6}>
                              {t('portal.whatIf.changed')}
                            </Badge>
                          )}
                        </>
                      }
                      value={value === null ? '' : String(value)}
                      data={data}
                      onChange={(e) => {
                        const v = e.currentTarget.value;
                        if (v === '') return;
                        sim.dispatch({ type: 'set', change: { unitId: uid, indicator: ind.code, value: Number(v), original } });
                      }}
                    />
                  </Box>
                );
              })}
            </Stack>
            {phone && changed > 0 && (
              // On a narrow screen the result panel scrolls away above the
              // answers: a bar at the bottom keeps the simulated result in
              // sight. Screen readers hear the result panel (aria-live) instead.
              <Paper
                aria-hidden="true"
                data-testid="what-if-bar"
                p="xs"
                shadow="md"
                style={{ position: 'sticky', bottom: 8, zIndex: 2 }}
                bg="navy.0"
              >
                <Group gap="xs" justify="space-between" wrap="nowrap">
                  <Text size="sm" fw={600}>
                    {t('portal.whatIf.simulated')}
                  </Text>
                  <Group gap={6} wrap="nowrap">
                    <ScoreValue value={r ? r.score : current.score} fw={800} />
                    <CategoryBadge category={r ? r.category : current.category} />
                  </Group>
                </Group>
              </Paper>
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }} order={{ base: 1, md: 2 }}>
          <Paper style={{ position: 'sticky', top: 80 }} data-testid="what-if-result" bg="slate.0">
            <Stack gap="sm" aria-live="polite" aria-busy={sim.pending}>
              <Text fw={700}>{changed > 0 ? t('portal.whatIf.simulated') : t('portal.whatIf.currentResult')}</Text>
              <Group gap="sm" align="baseline">
                <ScoreValue value={r ? r.score : current.score} fz={32} fw={800} c="navy.9" />
                {changed > 0 && r && (
                  <Text span fw={600} className="p4-tabular" data-testid="what-if-delta">
                    {`${delta > 0 ? '+' : delta < 0 ? '−' : '±'}${f.score(Math.abs(delta))}`}
                  </Text>
                )}
              </Group>
              <Group gap={6}>
                <CategoryBadge category={r ? r.category : current.category} />
                <ZoneChip zone={r ? r.zone : current.zone} size="sm" />
              </Group>
              <OpinionLabel opinion={r ? r.opinion : current.opinion} />
              {changed > 0 && (
                <Text size="sm" c="dimmed">
                  {t('portal.whatIf.from', { score: f.score(current.score) })} · {t('portal.whatIf.changedCount', { n: changed })}
                </Text>
              )}
              {sim.pending && (
                <Text size="sm" c="dimmed">
                  {t('portal.whatIf.computing')}
                </Text>
              )}
              {sim.error !== null && <ProblemAlert error={sim.error} />}
              <Group>
                <Button variant="default" onClick={() => sim.dispatch({ type: 'reset' })} disabled={changed === 0}>
                  {t('portal.whatIf.reset')}
                </Button>
              </Group>
            </Stack>
          </Paper>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
