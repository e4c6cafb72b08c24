import { NativeSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Period } from './types';

/** YearSelect chooses the period; an open period says so beside its year. */
export function YearSelect({ periods, year, onChange }: { periods: readonly Period[]; year: number; onChange: (y: number) => void }) {
  const { t } = useTranslation();
  return (
    <NativeSelect
      label={t('work.year')}
      value={String(year)}
      onChange={(e) => onChange(Number(e.currentTarget.value))}
      data={periods.map((p) => ({
        value: String(p.year),
        label: p.status === 'open' ? t('work.yearOpen', { year: p.year }) : String(p.year),
      }))}
      w={{ base: '100%', xs: 280 }}
    />
  );
}
