import type { QueryClient } from '@tanstack/react-query';
import type { Params } from 'react-router';
import { isPeerGroup, nationalGroups, provincialGroups, type PeerGroup } from '../../domain/types';
import { sharedCandidates, sharedResultQuery } from '../portal/api';
import type { Period } from '../public-results/types';
import type { User } from '../session/types';
import {
  explanationQuery,
  instrumentQuery,
  internalPeriodsQuery,
  internalRankingQuery,
  objectionsQuery,
  publicEntityQuery,
  regionsQuery,
  type InternalRankingQuery,
} from './api';
import { rankingRoles } from './StaffOnly';

/**
 * earlyQuery is the ranking an address leads to, when it can be told
 * without the list of periods and provinces (the year is in the address,
 * and the group is national or its province is known); null otherwise.
 */
export function earlyQuery(user: User, params: URLSearchParams): InternalRankingQuery | null {
  const year = Number(params.get('year'));
  if (!Number.isInteger(year) || year <= 0) return null;
  const g = params.get('group');
  const group: PeerGroup = isPeerGroup(g) ? g : 'pemda';
  if (nationalGroups.includes(group)) return { year, group };
  const province = (user.role === 'coordinator' ? user.province_code : null) ?? (params.get('province') || undefined);
  if (province) return { year, group, province };
  return provincialGroups.includes(group) ? null : { year, group, province: undefined };
}

/** earlyYear is the year the report card will show if its result is shared (null until the periods are known). */
export function earlyYear(periods: readonly Period[] | undefined, wanted: number): number | null {
  const candidates = sharedCandidates(periods ?? []);
  return (candidates.find((p) => p.year === wanted) ?? candidates[0])?.year ?? null;
}

/**
 * prefetchRanking starts what /peringkat asks for first: the periods, the
 * provinces and, when the address tells, the ranking itself.
 */
export function prefetchRanking(qc: QueryClient, user: User, url: URL): void {
  if (!rankingRoles.includes(user.role)) return;
  void qc.prefetchQuery(internalPeriodsQuery());
  void qc.prefetchQuery(regionsQuery());
  const q = earlyQuery(user, url.searchParams);
  if (q) void qc.prefetchQuery(internalRankingQuery(q));
}

/**
 * prefetchPortal starts what the agency's report card asks for: the
 * periods, the entity's published history and, once the periods are
 * known, the result of every year that may be shared and the explanation,
 * instrument and objections of the year it will most likely show. Only
 * the user's own entity (any other address is the not-found page).
 */
export function prefetchPortal(qc: QueryClient, user: User, url: URL, params: Params): void {
  const id = params.id === undefined ? user.entity_id : Number(params.id);
  if (user.role !== 'agency' || !id || id !== user.entity_id) return;
  void qc.prefetchQuery(publicEntityQuery(id));
  void qc
    .fetchQuery(internalPeriodsQuery())
    .then((periods) => {
      for (const p of sharedCandidates(periods)) void qc.prefetchQuery(sharedResultQuery(p.year, id));
      const year = earlyYear(periods, Number(url.searchParams.get('tahun')));
      if (year === null) return;
      void qc.prefetchQuery(explanationQuery(year, id));
      void qc.prefetchQuery(instrumentQuery(year));
      void qc.prefetchQuery(objectionsQuery(year, id));
    })
    .catch(() => undefined);
}
