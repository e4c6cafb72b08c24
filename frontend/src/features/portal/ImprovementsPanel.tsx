import { Box, Button, Group, List, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import type { Dimension } from '../public-results/types';
import { dimensionLabel } from '../results/DimensionBar';
import type { ExplanationView } from '../results/types';
import { toFix } from './improvements';

const firstShown = 10;

/**
 * ImprovementsPanel is "Yang perlu diperbaiki": every indicator where the
 * entity lost points, ordered by the points it would gain, with the
 * answers of the units concerned and the assessors' notes.
 */
export function ImprovementsPanel({ explanation, dimensions, unitName }: { explanation: ExplanationView; dimensions: readonly Dimension[]; unitName: (id: number) => string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [all, setAll] = useState(false);
  const items = toFix(explanation, unitName);
  const shown = all ? items : items.slice(0, firstShown);
  const multiUnit = explanation.explanation.units.length > 1;
  const phone = useMediaQuery('(max-width: 47.99em)', false);
  const dimName = (code: string) =>
    dimensionLabel(
      dimensions.find((d) => d.code === code),
      f.lang,
      code,
    );
  return (
    <Stack gap="sm">
      <Title order={2} fz="h3" id="perbaikan">
        {t('portal.fix.title')}
      </Title>
      <Text c="dimmed" maw="52rem">
        {t('portal.fix.intro')}
      </Text>
      {items.length === 0 ? (
        <Text>{t('portal.fix.none')}</Text>
      ) : (
        <>
          {phone ? (
            <Stack component="ol" gap="sm" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('portal.fix.caption', { n: items.length })} data-testid="fix-list">
              {shown.map((it) => (
                <Box
                  component="li"
                  key={it.code}
                  p="sm"
                  data-indicator={it.code}
                  style={{ border: '1px solid var(--mantine-color-slate-2)', borderRadius: 'var(--mantine-radius-md)' }}
                >
                  <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
                    <Box style={{ minWidth: 0 }}>
                      <Text fw={600}>{it.name}</Text>
                      <Text size="xs" c="dimmed">
                        {dimName(it.dimension)} · {it.code}
                      </Text>
                    </Box>
                    <Text fw={700} className="p4-tabular" style={{ whiteSpace: 'nowrap' }}>
                      <VisuallyHidden>{t('portal.fix.gain')} </VisuallyHidden>+{f.score(it.gain)}
                    </Text>
                  </Group>
                  <List size="sm" listStyleType="none" spacing={2} mt={6}>
                    {it.units.map((u) => (
                      <List.Item key={u.unitId}>
                        {multiUnit && `${u.unitName}: `}
                        {u.state === 'answered' ? t('ranking.entity.answerOf', { value: u.value ?? 0, max: u.max }) : t('ranking.entity.unanswered')}
                        {u.note && (
                          <Text span size="sm" c="dimmed" display="block">
                            {u.note}
                          </Text>
                        )}
                      </List.Item>
                    ))}
                  </List>
                </Box>
              ))}
            </Stack>
          ) : (
            <Table.ScrollContainer minWidth={640} type="native" style={{ position: 'relative' }}>
              <Table data-testid="fix-table" verticalSpacing="sm">
                <Table.Caption style={{ textAlign: 'left' }}>{t('portal.fix.caption', { n: items.length })}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('ranking.entity.indicator')}</Table.Th>
                    <Table.Th scope="col" ta="right">
                      {t('portal.fix.gain')}
                    </Table.Th>
                    <Table.Th scope="col">{multiUnit ? t('portal.fix.unitsAnswers') : t('ranking.entity.answer')}</Table.Th>
                    <Table.Th scope="col">{t('ranking.entity.note')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {shown.map((it) => (
                    <Table.Tr key={it.code} data-indicator={it.code}>
                      <Table.Th scope="row" fw={500} maw={320}>
                        {it.name}
                        <Text size="xs" c="dimmed">
                          {dimensionLabel(
                            dimensions.find((d) => d.code === it.dimension),
                            f.lang,
                            it.dimension,
                          )}{' '}
                          · <span style={{ fontFamily: 'var(--mantine-font-family-monospace)' }}>{it.code}</span>
                        </Text>
                      </Table.Th>
                      <Table.Td ta="right" className="p4-tabular" fw={700}>
                        +{f.score(it.gain)}
                      </Table.Td>
                      <Table.Td>
                        <List size="sm" listStyleType="none" spacing={2}>
                          {it.units.map((u) => (
                            <List.Item key={u.unitId}>
                              {multiUnit && `${u.unitName}: `}
                              {u.state === 'answered' ? t('ranking.entity.answerOf', { value: u.value ?? 0, max: u.max }) : t('ranking.entity.unanswered')}
                            </List.Item>
                          ))}
                        </List>
                      </Table.Td>
                      <Table.Td maw={380}>
                        <List size="sm" listStyleType="none" spacing={2}>
                          {it.units.map((u) => (
                            <List.Item key={u.unitId}>
                              {multiUnit && u.note ? `${u.unitName}: ` : ''}
                              {u.note ?? (multiUnit ? '' : '–')}
                            </List.Item>
                          ))}
                        </List>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          {items.length > firstShown && (
            <Group>
              <Button variant="default" onClick={() => setAll((v) => !v)} aria-expanded={all}>
                {all ? t('portal.fix.showFewer') : t('portal.fix.showAll', { n: items.length })}
              </Button>
            </Group>
          )}
        </>
      )}
    </Stack>
  );
}
