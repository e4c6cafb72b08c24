import { Badge, Button, Checkbox, Group, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IconCircleCheck, IconTriangleAlert } from '../../components/icons';
import type { LocusRow } from '../locus/api';
import { coverage } from './coverage';

/** CoverageTableProps: a period's locus, and what to do when an entity is picked. */
export interface CoverageTableProps {
  rows: readonly LocusRow[];
  selected?: number;
  onPick: (entityId: number) => void;
}

/**
 * CoverageTable shows which entities of a locus have an assessor on every
 * unit. Units without one are flagged with an icon and in words, never by
 * colour alone; entities not assessed need none.
 */
export function CoverageTable({ rows, selected, onPick }: CoverageTableProps) {
  const { t } = useTranslation();
  const [onlyGaps, setOnlyGaps] = useState(false);
  const c = coverage(rows);
  const shown = onlyGaps ? rows.filter((r) => r.assessed && r.units_unassigned > 0) : rows;
  return (
    <Stack gap="sm">
      <Text role="status" fw={600}>
        {c.unassigned > 0
          ? t('assignments.summaryGaps', { unassigned: c.unassigned, units: c.units, entities: c.uncoveredEntities })
          : t('assignments.summaryCovered', { units: c.units, entities: c.entities })}
      </Text>
      <Checkbox label={t('assignments.onlyGaps')} checked={onlyGaps} onChange={(e) => setOnlyGaps(e.currentTarget.checked)} />
      <Table.ScrollContainer minWidth={520}>
        <Table striped aria-label={t('assignments.coverage')} data-testid="coverage">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('assignments.entity')}</Table.Th>
              <Table.Th scope="col">{t('assignments.units')}</Table.Th>
              <Table.Th scope="col">{t('assignments.covered')}</Table.Th>
              <Table.Th scope="col">
                <VisuallyHidden>{t('assignments.action')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((r) => (
              <Table.Tr key={r.entity_id} data-entity={r.name} data-gap={r.assessed && r.units_unassigned > 0 ? 'true' : 'false'} aria-selected={selected === r.entity_id}>
                <Table.Th scope="row" fw={selected === r.entity_id ? 700 : 500}>
                  {r.name}
                </Table.Th>
                <Table.Td className="p4-tabular">{r.units}</Table.Td>
                <Table.Td>
                  {!r.assessed ? (
                    <Badge color="gray" variant="light">
                      {t('assignments.notAssessed')}
                    </Badge>
                  ) : r.units_unassigned > 0 ? (
                    <Group gap={6} wrap="nowrap" c="red.8">
                      <IconTriangleAlert size={18} aria-hidden="true" />
                      <Text size="sm" fw={600}>
                        {t('assignments.unassigned', { count: r.units_unassigned })}
                      </Text>
                    </Group>
                  ) : (
                    <Group gap={6} wrap="nowrap" c="green.8">
                      <IconCircleCheck size={18} aria-hidden="true" />
                      <Text size="sm">{t('assignments.allCovered')}</Text>
                    </Group>
                  )}
                </Table.Td>
                <Table.Td>
                  {r.assessed && (
                    <Button size="sm" variant={selected === r.entity_id ? 'filled' : 'default'} mih={44} onClick={() => onPick(r.entity_id)} aria-label={t('assignments.pickFor', { name: r.name })}>
                      {t('assignments.pick')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
