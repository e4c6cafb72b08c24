import { useQueries } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Period } from '../public-results/types';
import { entityPath, isNotFound } from '../results/api';
import { resultViewSchema, type ResultView } from '../results/types';

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
  const candidates = periods.filter((p) => p.status !== 'planning');
  const queries = useQueries({
    queries: candidates.map((p) => ({
      queryKey: ['results', 'shared-result', p.year, entityId],
      queryFn: async ({ signal }: { signal: AbortSignal }): Promise<ResultView | null> => {
        try {
          return await api.get(`${entityPath(p.year, entityId)}/result`, resultViewSchema, { signal });
        } catch (err) {
          if (isNotFound(err)) return null;
          throw err;
        }
      },
      staleTime: 60_000,
    })),
  });
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
