import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** OpinionLabelProps: the official opinion exactly as published. */
export interface OpinionLabelProps {
  opinion: string | null | undefined;
}

/**
 * OpinionLabel shows an official opinion ("Kualitas Tertinggi", …, or the
 * 2021 "Kepatuhan Tinggi") exactly as the Ombudsman publishes it: these
 * labels are never translated. It is marked lang="id" so that a screen
 * reader in English pronounces it as Indonesian.
 */
export function OpinionLabel({ opinion }: OpinionLabelProps) {
  const { t } = useTranslation();
  if (!opinion) {
    return (
      <Text span c="dimmed" size="sm">
        {t('opinion.none')}
      </Text>
    );
  }
  return (
    <Text span lang="id" fw={500} size="sm" style={{ whiteSpace: 'nowrap' }}>
      {opinion}
    </Text>
  );
}
