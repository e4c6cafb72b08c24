import { useSearchParams } from 'react-router';
import { usePeriods } from './api';
import { defaultYear } from './types';

/**
 * useYear keeps the chosen year in the address (?tahun=2023), so a reload or
 * a shared link shows the same list; without one it is the open period.
 */
export function useYear() {
  const periods = usePeriods();
  const [params, setParams] = useSearchParams();
  const asked = Number(params.get('tahun'));
  const list = periods.data ?? [];
  const year = list.some((p) => p.year === asked) ? asked : defaultYear(list);
  const setYear = (y: number) => {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.set('tahun', String(y));
        return next;
      },
      { replace: true },
    );
  };
  return { periods, year, setYear };
}
