import { Alert, Button, Group, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { IconGitCompare } from '../../components/icons';
import { useFormat } from '../../i18n/format';
import { formatDateTime } from './format';
import type { Level } from './method';
import type { Answer, AnswerInput } from './types';

/** describeAnswer writes an answer in words: "3 — Memenuhi seluruhnya", "Tidak berlaku (N/A)", "Belum dijawab". */
export function useDescribeAnswer() {
  const { t } = useTranslation();
  return (a: AnswerInput | null, levels: readonly Level[]) => {
    if (!a || (!a.na && a.value === null)) return t('questionnaire.unanswered');
    if (a.na) return t('questionnaire.na');
    const text = levels.find((l) => l.value === a.value)?.text;
    return text ? `${a.value} — ${text}` : String(a.value);
  };
}

/** ConflictPanelProps: my unsent answer, the one on the server, and the two ways out. */
export interface ConflictPanelProps {
  mine: AnswerInput;
  theirs: Answer | null;
  levels: readonly Level[];
  me: number;
  onKeepMine: () => void;
  onTakeTheirs: () => void;
}

/**
 * ConflictPanel appears when someone saved this answer after the user
 * started editing it: both versions side by side (who saved the server's
 * and when), and a choice. Nothing is overwritten until the user chooses.
 */
export function ConflictPanel({ mine, theirs, levels, me, onKeepMine, onTakeTheirs }: ConflictPanelProps) {
  const { t } = useTranslation();
  const f = useFormat();
  const describe = useDescribeAnswer();
  const who =
    theirs?.updated_by === undefined
      ? t('conflict.someone')
      : theirs.updated_by === me
        ? t('conflict.youElsewhere')
        : theirs.updated_by_name || t('conflict.user', { id: theirs.updated_by });
  const rows: { label: string; mine: string; theirs: string }[] = [
    { label: t('conflict.answer'), mine: describe(mine, levels), theirs: describe(theirs, levels) },
  ];
  if (mine.na || theirs?.na) rows.push({ label: t('questionnaire.naReason'), mine: mine.na ? mine.na_reason : '–', theirs: theirs?.na ? (theirs.na_reason ?? '') : '–' });
  rows.push({ label: t('questionnaire.note'), mine: mine.note || '–', theirs: theirs?.note || '–' });
  return (
    <Alert color="red" variant="light" icon={<IconGitCompare size={22} />} title={t('conflict.title')} role="alert" data-testid="conflict">
      <Stack gap="sm">
        <Text size="sm">{t('conflict.body')}</Text>
        <Table withTableBorder withColumnBorders layout="fixed" verticalSpacing="xs" horizontalSpacing="xs" fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w="26%">
                <VisuallyHidden>{t('conflict.field')}</VisuallyHidden>
              </Table.Th>
              <Table.Th>{t('conflict.mine')}</Table.Th>
              <Table.Th>
                {t('conflict.theirs')}
                <Text size="xs" fw={400} c="dimmed">
                  {theirs ? t('conflict.savedBy', { who, when: formatDateTime(theirs.updated_at, f.lang) }) : t('conflict.noneOnServer')}
                </Text>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.label}>
                <Table.Th scope="row" fw={600}>
                  {r.label}
                </Table.Th>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>{r.mine}</Table.Td>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>{r.theirs}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Group gap="xs">
          <Button onClick={onKeepMine}>{t('conflict.keepMine')}</Button>
          <Button variant="default" onClick={onTakeTheirs}>
            {t('conflict.takeTheirs')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
