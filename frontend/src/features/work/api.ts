import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { periodsSchema, workListSchema, type UnitState } from './types';

/** WorkQuery selects a work list: a year, and optionally a state or an entity. */
export interface WorkQuery {
  year: number;
  state?: UnitState;
  entityId?: number;
}

/** workPath builds the URL of a work list; one page of up to 500 units covers a province. */
export function workPath(q: WorkQuery): string {
  const p = new URLSearchParams({ year: String(q.year), limit: '500' });
  if (q.state) p.set('state', q.state);
  if (q.entityId) p.set('entity_id', String(q.entityId));
  return `/api/v1/work?${p.toString()}`;
}

/** workKey is the cache key of every work list (invalidate it after a workflow step). */
export const workKey = ['work'] as const;

/** useWork loads the units the user works on or reviews. */
export function useWork(q: WorkQuery | null) {
  return useQuery({
    queryKey: [...workKey, q],
    queryFn: ({ signal }) => api.get(workPath(q as WorkQuery), workListSchema, { signal }),
    enabled: q !== null,
    placeholderData: keepPreviousData,
  });
}

/** usePeriods lists every period the signed-in user may see, newest first. */
export function usePeriods() {
  return useQuery({
    queryKey: ['periods'],
    queryFn: async ({ signal }) => {
      const r = await api.get('/api/v1/periods', periodsSchema, { signal });
      return [...r.items].sort((a, b) => b.year - a.year);
    },
    staleTime: 5 * 60_000,
  });
}
