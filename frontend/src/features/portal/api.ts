import { queryOptions, useQueries } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Period } from '../public-results/types';
import { entityPath, isNotFound } from '../results/api';
import { resultViewSchema, type ResultView } from '../results/types';

/** sharedCandidates are the periods whose result may have been shared: every one past planning. */
export function sharedCandidates(periods: readonly Period[]): Period[] {
  return periods.filter((p) => p.status !== 'planning');
}

/** sharedResultQuery asks for the entity's result of a year: null while it is not shared (404). */
export const sharedResultQuery = (year: number, entityId: number) =>
  queryOptions({
    queryKey: ['results', 'shared-result', year, entityId],
    queryFn: async ({ signal }): Promise<ResultView | null> => {
      try {
        return await api.get(`${entityPath(year, entityId)}/result`, resultViewSchema, { signal });
      } catch (err) {
        if (isNotFound(err)) return null;
        throw err;
      }
    },
    staleTime: 60_000,
  });

/** SharedResult is a year in which the entity's result has been shared with it. */
export interface SharedResult {
  period: Period;
  view: ResultView;
}

/**
 * useSharedResults finds the years whose result the agency may read: every
 * period past planning is asked for the entity's result, and the server
 * answers 404 until the result is final (shared) or published. Newest first.
 */
export function useSharedResults(periods: readonly Period[], entityId: number) {
  const candidates = sharedCandidates(periods);
  const queries = useQueries({ queries: candidates.map((p) => sharedResultQuery(p.year, entityId)) });
  const pending = queries.some((q) => q.isPending);
  const failed = queries.find((q) => q.isError);
  const shared: SharedResult[] = [];
  candidates.forEach((p, i) => {
    const view = queries[i]?.data;
    if (view) shared.push({ period: p, view });
  });
  shared.sort((a, b) => b.period.year - a.period.year);
  return {
    pending,
    error: failed?.error ?? null,
    retry: () => queries.forEach((q) => q.isError && void q.refetch()),
    shared,
  };
}
