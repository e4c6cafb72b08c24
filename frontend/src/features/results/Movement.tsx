import { Group, Stack, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { IconArrowDown, IconArrowUp, IconEqual, IconUnlink } from './icons';

/** MovementProps: a ranking row's comparison with the previous year. */
export interface MovementProps {
  movement: number | null | undefined;
  previousRank: number | null | undefined;
  previousScore: number | null | undefined;
  notComparable: boolean | null | undefined;
  /** The year compared with, when known. */
  previousYear?: number | null;
}

/**
 * Movement says how a rank moved since the previous year in words and with
 * an arrow ("naik 2"), never by colour alone; when last year used another
 * method it says "tidak sebanding (metode berbeda)" instead of a number.
 */
export function Movement({ movement, previousRank, previousScore, notComparable, previousYear }: MovementProps) {
  const { t } = useTranslation();
  const f = useFormat();
  const year = previousYear ?? undefined;
  if (notComparable) {
    return (
      <Stack gap={0} data-movement="not-comparable">
        <Group gap={4} wrap="nowrap">
          <IconUnlink size={14} />
          <Text span size="sm" fw={500}>
            {t('results.movement.notComparable')}
          </Text>
        </Group>
        {previousScore !== null && previousScore !== undefined && year && (
          <Text span size="xs" c="dimmed">
            {t('results.movement.previousScoreOnly', { year, score: f.score(previousScore) })}
          </Text>
        )}
      </Stack>
    );
  }
  if (movement === null || movement === undefined) {
    return (
      <Text span size="sm" c="dimmed" data-movement="none">
        <span aria-hidden="true">–</span>
        <VisuallyHidden>{t('results.movement.none')}</VisuallyHidden>
      </Text>
    );
  }
  const kind = movement > 0 ? 'up' : movement < 0 ? 'down' : 'same';
  const Icon = kind === 'up' ? IconArrowUp : kind === 'down' ? IconArrowDown : IconEqual;
  const n = f.number(Math.abs(movement));
  return (
    <Stack gap={0} data-movement={kind}>
      <Group gap={4} wrap="nowrap">
        <Icon size={14} />
        <Text span size="sm" fw={600}>
          {kind === 'up' ? t('results.movement.up', { n }) : kind === 'down' ? t('results.movement.down', { n }) : t('results.movement.same')}
        </Text>
      </Group>
      {previousRank && year && (
        <Text span size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          {t('results.movement.previous', {
            year,
            rank: f.number(previousRank),
            score: previousScore !== null && previousScore !== undefined ? f.score(previousScore) : '–',
          })}
        </Text>
      )}
    </Stack>
  );
}
