import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PeriodStatus } from './types';

const colors: Record<PeriodStatus, string> = { planning: 'grape', open: 'teal', closed: 'gray', published: 'navy' };

/** StatusBadge names a period's state in words (never colour alone). */
export function StatusBadge({ status }: { status: PeriodStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={colors[status]} variant="light" data-testid="period-status">
      {t(`periods.statuses.${status}`)}
    </Badge>
  );
}
