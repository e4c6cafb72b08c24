import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { type ScheduleInput, locusSchema, periodDetailSchema, periodListSchema, publicationSchema, scheduleBody } from './types';

/** periodKey is the cache key of one period. */
export const periodKey = (year: number) => ['period', year] as const;

/** usePeriodList lists every period, newest first. */
export function usePeriodList() {
  return useQuery({
    queryKey: ['periods', 'detail'],
    queryFn: async ({ signal }) => {
      const r = await api.get('/api/v1/periods', periodListSchema, { signal });
      return [...r.items].sort((a, b) => b.year - a.year);
    },
  });
}

/** usePeriod loads one period with its windows, method summary and version. */
export function usePeriod(year: number) {
  return useQuery({
    queryKey: periodKey(year),
    queryFn: ({ signal }) => api.get(`/api/v1/periods/${year}`, periodDetailSchema, { signal }),
  });
}

/** NewPeriodInput creates a period from a preset or by copying a year. */
export type NewPeriodInput = { year: number; method_preset: string } | { year: number; copy_from_year: number };

/** createPeriod creates a period in planning. */
export function createPeriod(input: NewPeriodInput) {
  return api.post('/api/v1/periods', input, periodDetailSchema);
}

/** saveSchedule replaces the period's windows; version is the one the form started from. */
export function saveSchedule(year: number, version: number, schedule: ScheduleInput, reason: string) {
  return api.put(`/api/v1/periods/${year}/schedule`, { version, schedule: scheduleBody(schedule), reason }, periodDetailSchema);
}

/** setPeriodStatus opens or closes a period. */
export function setPeriodStatus(year: number, action: 'open' | 'close') {
  return api.post(`/api/v1/periods/${year}/${action}`, {}, periodDetailSchema);
}

/** publishPeriod makes every final result of the period public. */
export function publishPeriod(year: number) {
  return api.post(`/api/v1/periods/${year}/publication`, {}, publicationSchema);
}

/** usePublication says what publishing would do (admin). */
export function usePublication(year: number, enabled: boolean) {
  return useQuery({
    queryKey: ['publication', year],
    queryFn: ({ signal }) => api.get(`/api/v1/periods/${year}/publication`, publicationSchema, { signal }),
    enabled,
  });
}

/** useLocusSummary counts the period's locus for the opening summary. */
export function useLocusSummary(year: number, enabled: boolean) {
  return useQuery({
    queryKey: ['locus', year, 'summary'],
    queryFn: async ({ signal }) => {
      const r = await api.get(`/api/v1/periods/${year}/locus`, locusSchema, { signal });
      const assessed = r.items.filter((i) => i.assessed);
      return {
        entities: r.items.length,
        notAssessed: r.items.length - assessed.length,
        units: assessed.reduce((n, i) => n + i.units, 0),
        unassigned: assessed.reduce((n, i) => n + i.units_unassigned, 0),
      };
    },
    enabled,
  });
}
