import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isApiError } from '../../api/client';
import type { PeerGroup } from '../../domain/types';
import { rankingsSchema } from '../public-results/types';
import {
  explanationViewSchema,
  instrumentSchema,
  internalPeriodsSchema,
  objectionSchema,
  objectionsSchema,
  publicEntitySchema,
  regionsSchema,
  resultViewSchema,
  workSchema,
} from './types';

/** entityPath is the base of an entity's results in a year. */
export function entityPath(year: number, entityId: number): string {
  return `/api/v1/periods/${year}/entities/${entityId}`;
}

/** evidenceHref is where an evidence file is downloaded (the server sends it as an attachment). */
export function evidenceHref(id: number): string {
  return `/api/v1/evidence/${id}`;
}

/** reportHref is the agency's report workbook of a year. */
export function reportHref(year: number, entityId: number): string {
  return `${entityPath(year, entityId)}/report.xlsx`;
}

/*
 * Each query is a queryOptions factory used by its hook and by the
 * prefetches that start a page's requests while its code loads
 * (prefetch.ts): the same key finds the same answer or request in flight.
 */

/** internalPeriodsQuery lists every period (any status), newest first. */
export const internalPeriodsQuery = () =>
  queryOptions({
    queryKey: ['results', 'periods'],
    queryFn: async ({ signal }) => {
      const r = await api.get('/api/v1/periods', internalPeriodsSchema, { signal });
      return [...r.items].sort((a, b) => b.year - a.year);
    },
    staleTime: 5 * 60_000,
  });

/** useInternalPeriods lists every period (any status), newest first. */
export function useInternalPeriods() {
  return useQuery(internalPeriodsQuery());
}

/** regionsQuery lists every region (GET /api/v1/regions). */
export const regionsQuery = () =>
  queryOptions({
    queryKey: ['results', 'regions'],
    queryFn: async ({ signal }) => (await api.get('/api/v1/regions', regionsSchema, { signal })).items,
    staleTime: 60 * 60_000,
  });

/** useProvinceRegions lists the provinces (GET /api/v1/regions, level province). */
export function useProvinceRegions() {
  return useQuery({
    ...regionsQuery(),
    select: (items) => items.filter((r) => r.level === 'province').map((r) => ({ code: r.code, name: r.name })),
  });
}

/** InternalRankingQuery selects one ranking of the signed-in API. */
export interface InternalRankingQuery {
  year: number;
  group: PeerGroup;
  province?: string;
}

/** internalRankingPath builds GET /api/v1/periods/{year}/rankings?group=…&province=…. */
export function internalRankingPath(q: InternalRankingQuery): string {
  const p = new URLSearchParams({ group: q.group });
  if (q.province) p.set('province', q.province);
  return `/api/v1/periods/${q.year}/rankings?${p.toString()}`;
}

/** internalRankingQuery loads a ranking for leadership, coordinators and admin. */
export const internalRankingQuery = (q: InternalRankingQuery | null) =>
  queryOptions({
    queryKey: ['results', 'rankings', q],
    queryFn: ({ signal }) => api.get(internalRankingPath(q as InternalRankingQuery), rankingsSchema, { signal }),
    enabled: q !== null,
    staleTime: 60_000,
  });

/** useInternalRanking loads a ranking for leadership, coordinators and admin. */
export function useInternalRanking(q: InternalRankingQuery | null) {
  return useQuery({ ...internalRankingQuery(q), placeholderData: keepPreviousData });
}

/** useEntityResult loads an entity's result in a year (404 until the user may see it). */
export function useEntityResult(year: number | null, entityId: number) {
  return useQuery({
    queryKey: ['results', 'result', year, entityId],
    queryFn: ({ signal }) => api.get(`${entityPath(year as number, entityId)}/result`, resultViewSchema, { signal }),
    enabled: year !== null,
    staleTime: 60_000,
  });
}

/** explanationQuery loads where the score comes from and what would raise it. */
export const explanationQuery = (year: number | null, entityId: number) =>
  queryOptions({
    queryKey: ['results', 'explanation', year, entityId],
    queryFn: ({ signal }) => api.get(`${entityPath(year as number, entityId)}/explanation`, explanationViewSchema, { signal }),
    enabled: year !== null,
    staleTime: 60_000,
  });

/** useExplanation loads where the score comes from and what would raise it. */
export function useExplanation(year: number | null, entityId: number, enabled = true) {
  return useQuery({ ...explanationQuery(year, entityId), enabled: enabled && year !== null });
}

/** instrumentQuery loads the names and answer levels of a period's indicators. */
export const instrumentQuery = (year: number | null) =>
  queryOptions({
    queryKey: ['results', 'instrument', year],
    queryFn: ({ signal }) => api.get(`/api/v1/periods/${year}/method`, instrumentSchema, { signal }),
    enabled: year !== null,
    staleTime: 60 * 60_000,
  });

/** useInstrument loads the names and answer levels of a period's indicators; optional garnish. */
export function useInstrument(year: number | null) {
  return useQuery(instrumentQuery(year));
}

/** useEntityWork finds the unit assessments of an entity in a year (staff roles only). */
export function useEntityWork(year: number, entityId: number, enabled: boolean) {
  return useQuery({
    queryKey: ['results', 'work', year, entityId],
    queryFn: async ({ signal }) => {
      const p = new URLSearchParams({ year: String(year), entity_id: String(entityId), limit: '100' });
      return (await api.get(`/api/v1/work?${p.toString()}`, workSchema, { signal })).items;
    },
    enabled,
    staleTime: 60_000,
  });
}

/** objectionsQuery lists an entity's objections in a year. */
export const objectionsQuery = (year: number | null, entityId: number) =>
  queryOptions({
    queryKey: ['results', 'objections', year, entityId],
    queryFn: async ({ signal }) => (await api.get(`${entityPath(year as number, entityId)}/objections`, objectionsSchema, { signal })).items,
    enabled: year !== null,
    staleTime: 30_000,
  });

/** useObjections lists an entity's objections in a year. */
export function useObjections(year: number | null, entityId: number, enabled = true) {
  return useQuery({ ...objectionsQuery(year, entityId), enabled: enabled && year !== null });
}

/** ObjectionInput is what the agency files. */
export interface ObjectionInput {
  statement: string;
  items: { unit_assessment_id: number; indicator: string; requested_value: number }[];
}

/** useFileObjection files an objection and refreshes the list. */
export function useFileObjection(year: number, entityId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: ObjectionInput) => api.post(`${entityPath(year, entityId)}/objections`, input, objectionSchema),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['results', 'objections', year, entityId] }),
  });
}

/** publicEntityQuery loads an entity's published history (404 when nothing of it is published). */
export const publicEntityQuery = (entityId: number | null) =>
  queryOptions({
    queryKey: ['public', 'entity', entityId],
    queryFn: ({ signal }) => api.get(`/api/v1/public/entities/${entityId}`, publicEntitySchema, { signal }),
    enabled: entityId !== null,
    staleTime: 60_000,
  });

/** usePublicEntity loads an entity's published history (404 when nothing of it is published). */
export function usePublicEntity(entityId: number | null) {
  // A 404 (nothing published yet) from the route's prefetch is the answer,
  // not a failure to ask again for.
  return useQuery({ ...publicEntityQuery(entityId), retryOnMount: false });
}

/**
 * reportAvailable reads the answer to a HEAD request for the report
 * workbook: a success, or 405 (the route exists for GET, and gin does not
 * route HEAD to it) means the workbook can be downloaded; 404 means the
 * server has no such route or result.
 */
export function reportAvailable(status: number): boolean {
  return (status >= 200 && status < 300) || status === 405;
}

/**
 * useReportAvailable asks, with a HEAD request, whether the report workbook
 * exists for a year; the download is offered only when it does.
 */
export function useReportAvailable(year: number | null, entityId: number) {
  return useQuery({
    queryKey: ['results', 'report', year, entityId],
    queryFn: async ({ signal }) => {
      try {
        const res = await fetch(reportHref(year as number, entityId), { method: 'HEAD', credentials: 'same-origin', signal });
        return reportAvailable(res.status);
      } catch {
        return false;
      }
    },
    enabled: year !== null,
    staleTime: 5 * 60_000,
  });
}

/** isNotFound reports whether a query failed with 404. */
export function isNotFound(err: unknown): boolean {
  return isApiError(err) && err.status === 404;
}
