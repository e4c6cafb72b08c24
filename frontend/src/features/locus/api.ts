import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../api/client';
import type { ImportKind } from './importErrors';

/** entityKinds are the kinds of assessed entity, as the API spells them. */
export const entityKinds = ['pemprov', 'pemkab', 'pemkot', 'kantah', 'polres', 'kementerian', 'lembaga'] as const;
/** EntityKind is one kind of entity. */
export type EntityKind = (typeof entityKinds)[number];
/** nationalKinds have no province. */
export const nationalKinds: readonly string[] = ['kementerian', 'lembaga'];

/** regionSchema is a province, regency or city of GET /api/v1/regions. */
export const regionSchema = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  level: z.string(),
  parent_id: z.number().optional(),
});
/** Region is one administrative region. */
export type Region = z.infer<typeof regionSchema>;

/** useProvinces lists the provinces, by code. */
export function useProvinces() {
  return useQuery({
    queryKey: ['regions'],
    queryFn: async ({ signal }) => {
      const r = await api.get('/api/v1/regions', z.object({ items: z.array(regionSchema) }), { signal });
      return r.items.filter((x) => x.level === 'province').sort((a, b) => a.code.localeCompare(b.code));
    },
    staleTime: 10 * 60_000,
  });
}

/** entitySummarySchema is an entity in GET /api/v1/entities. */
export const entitySummarySchema = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  kind: z.string(),
  province_code: z.string().optional(),
  province: z.string().optional(),
  active: z.boolean(),
  units: z.number(),
});
/** EntitySummary is one row of the entity list. */
export type EntitySummary = z.infer<typeof entitySummarySchema>;

const entityListSchema = z.object({ items: z.array(entitySummarySchema), total: z.number() });

/** EntityQuery filters the entity list. */
export interface EntityQuery {
  province?: string;
  kind?: string;
  q?: string;
}

/** entitiesKey caches every entity list and entity (invalidate after a change). */
export const entitiesKey = ['entities'] as const;

/** useEntities lists entities (up to 500, a province's worth many times over). */
export function useEntities(q: EntityQuery) {
  return useQuery({
    queryKey: [...entitiesKey, 'list', q],
    queryFn: ({ signal }) => {
      const p = new URLSearchParams({ limit: '500', sort: 'name' });
      if (q.province) p.set('province', q.province);
      if (q.kind) p.set('kind', q.kind);
      if (q.q) p.set('q', q.q);
      return api.get(`/api/v1/entities?${p.toString()}`, entityListSchema, { signal });
    },
    placeholderData: keepPreviousData,
  });
}

/** unitSchema is a service unit of an entity. */
export const unitSchema = z.object({
  id: z.number(),
  entity_id: z.number(),
  code: z.string(),
  name: z.string(),
  kind: z.string(),
  active: z.boolean(),
  products: z.array(z.string()).nullable().optional(),
});
/** Unit is one service unit. */
export type Unit = z.infer<typeof unitSchema>;

/** entitySchema is GET /api/v1/entities/{id}: the entity with its units. */
export const entitySchema = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  kind: z.string(),
  province_id: z.number().optional(),
  province_code: z.string().optional(),
  active: z.boolean(),
  units: z.array(unitSchema).nullable().optional(),
});
/** Entity is an entity with its units. */
export type Entity = z.infer<typeof entitySchema>;

/** useEntity reads one entity with its units. */
export function useEntity(id: number) {
  return useQuery({
    queryKey: [...entitiesKey, 'one', id],
    queryFn: ({ signal }) => api.get(`/api/v1/entities/${id}`, entitySchema, { signal }),
  });
}

/** locusRowSchema is an entity of a period's locus with its coverage. */
export const locusRowSchema = z.object({
  entity_id: z.number(),
  code: z.string(),
  name: z.string(),
  kind: z.string(),
  province_code: z.string().optional(),
  assessed: z.boolean(),
  not_assessed_reason: z.string().optional(),
  state: z.string(),
  units: z.number(),
  units_unassigned: z.number(),
});
/** LocusRow is one entity of a period's locus. */
export type LocusRow = z.infer<typeof locusRowSchema>;

/** locusKey caches a period's locus. */
export const locusKey = ['locus'] as const;

/** useLocus lists a period's locus (a coordinator's province only: the server scopes it). */
export function useLocus(year: number | undefined) {
  return useQuery({
    queryKey: [...locusKey, year],
    queryFn: async ({ signal }) => {
      const r = await api.get(`/api/v1/periods/${year}/locus`, z.object({ items: z.array(locusRowSchema).nullable() }), { signal });
      return r.items ?? [];
    },
    enabled: year !== undefined,
  });
}

/** importSummarySchema is the answer of a successful POST /api/v1/imports/{kind}. */
export const importSummarySchema = z.object({
  kind: z.string(),
  rows: z.number(),
  created: z.record(z.string(), z.number()),
  updated: z.record(z.string(), z.number()),
  unchanged: z.record(z.string(), z.number()),
  passwords: z.array(z.object({ email: z.string(), password: z.string() })).optional(),
  notes: z.array(z.string()).optional(),
});
/** ImportSummary says what an import created, updated and left unchanged. */
export type ImportSummary = z.infer<typeof importSummarySchema>;

/** importPath is where a kind of workbook is uploaded. */
export function importPath(kind: ImportKind, year?: number): string {
  return kind === 'results' ? `/api/v1/imports/results?year=${year ?? ''}` : `/api/v1/imports/${kind}`;
}

/** templatePath is where a kind's empty template is downloaded. */
export function templatePath(kind: ImportKind): string {
  return `/api/v1/templates/${kind}.xlsx`;
}

/** uploadImport sends one workbook; a refused import arrives as an ApiError with errors[]. */
export function uploadImport(kind: ImportKind, file: File, year?: number): Promise<ImportSummary> {
  const form = new FormData();
  form.append('file', file);
  return api.post(importPath(kind, year), form, importSummarySchema);
}

/** changed reports whether an import created or updated anything. */
export function changed(s: ImportSummary): boolean {
  return [...Object.values(s.created), ...Object.values(s.updated)].some((n) => n > 0);
}
