import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { PeerGroup } from '../../domain/types';
import { periodsSchema, provincesSchema, rankingsSchema } from './types';

/** RankingsQuery selects one published ranking. */
export interface RankingsQuery {
  year: number;
  group: PeerGroup;
  /** Province code ("17"); absent for the national view. */
  province?: string;
}

/** rankingsPath builds the URL of one ranking. */
export function rankingsPath(q: RankingsQuery): string {
  const p = new URLSearchParams({ year: String(q.year), group: q.group });
  if (q.province) p.set('province', q.province);
  return `/api/v1/public/rankings?${p.toString()}`;
}

/** usePeriods lists the published periods, newest first. */
export function usePeriods() {
  return useQuery({
    queryKey: ['public', 'periods'],
    queryFn: async ({ signal }) => {
      const r = await api.get('/api/v1/public/periods', periodsSchema, { signal });
      return [...r.items].sort((a, b) => b.year - a.year);
    },
    staleTime: 5 * 60_000,
  });
}

/** useProvinces lists the provinces for the filter. */
export function useProvinces() {
  return useQuery({
    queryKey: ['public', 'provinces'],
    queryFn: async ({ signal }) => (await api.get('/api/v1/public/provinces', provincesSchema, { signal })).items,
    staleTime: 60 * 60_000,
  });
}

/** useRankings loads one ranking; the previous one stays on screen while the next loads. */
export function useRankings(q: RankingsQuery | null) {
  return useQuery({
    queryKey: ['public', 'rankings', q],
    queryFn: ({ signal }) => api.get(rankingsPath(q as RankingsQuery), rankingsSchema, { signal }),
    enabled: q !== null,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}
