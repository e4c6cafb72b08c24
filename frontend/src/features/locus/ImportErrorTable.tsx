import { Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { FieldError } from '../../api/client';
import { badRows, sortProblems } from './importErrors';

/**
 * ImportErrorTable lists every problem of a refused import, one line per
 * cell: sheet, row and column as the user sees them in their spreadsheet,
 * and the reason. Nothing was imported; the caption says so.
 */
export function ImportErrorTable({ errors }: { errors: readonly FieldError[] }) {
  const { t } = useTranslation();
  const problems = sortProblems(errors);
  return (
    <Stack gap="xs">
      <Text fw={600} role="status">
        {t('locus.import.refused', { count: problems.length, rows: badRows(problems) })}
      </Text>
      <Table.ScrollContainer minWidth={480}>
        <Table striped withTableBorder aria-label={t('locus.import.errorTable')} data-testid="import-errors">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('locus.import.sheet')}</Table.Th>
              <Table.Th scope="col">{t('locus.import.row')}</Table.Th>
              <Table.Th scope="col">{t('locus.import.column')}</Table.Th>
              <Table.Th scope="col">{t('locus.import.reason')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {problems.map((p, i) => (
              <Table.Tr key={`${p.field}:${p.code}:${i}`}>
                <Table.Td>{p.sheet ?? t('locus.import.wholeFile')}</Table.Td>
                <Table.Td className="p4-tabular">{p.row ?? '–'}</Table.Td>
                <Table.Td>{p.column ?? '–'}</Table.Td>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>
                  {p.message || t(`validation.${p.code}` as 'validation.invalid', { defaultValue: p.code })}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
