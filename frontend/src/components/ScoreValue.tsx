import { Text, VisuallyHidden, type TextProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/format';

/** ScoreValueProps: a 0–100 score, or nothing when not scored yet. */
export interface ScoreValueProps extends TextProps {
  value: number | null | undefined;
}

/** ScoreValue writes a score with two decimals in the UI's locale (94,10 / 94.10). */
export function ScoreValue({ value, ...rest }: ScoreValueProps) {
  const { t } = useTranslation();
  const f = useFormat();
  if (value === null || value === undefined || !Number.isFinite(value)) {
    return (
      <Text span c="dimmed" {...rest}>
        <span aria-hidden="true">–</span>
        <VisuallyHidden>{t('score.none')}</VisuallyHidden>
      </Text>
    );
  }
  return (
    <Text span className="p4-tabular" fw={600} {...rest}>
      {f.score(value)}
    </Text>
  );
}
