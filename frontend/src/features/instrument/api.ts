import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../api/client';

/**
 * RawMethod is a p4-method/1 file kept whole, so that an edit sends back
 * every field the screen does not show. Only the parts the editor reads are
 * typed; docs/INSTRUMENT.md describes the rest.
 */
export interface RawIndicator {
  code: string;
  variable?: string;
  name: string;
  name_en?: string;
  question: string;
  weight?: number | string;
  max?: number;
  levels?: string[];
  na_allowed?: boolean;
  kinds?: string[];
  source?: string;
  guidance?: string;
  evidence?: string;
  [k: string]: unknown;
}

/** RawDimension is one dimension of a method file. */
export interface RawDimension {
  code: string;
  name: string;
  name_en?: string;
  weight: number | string;
  component?: string;
  variables?: { code: string; name: string; name_en?: string }[];
  indicators: RawIndicator[];
  [k: string]: unknown;
}

/** RawMethod is a whole method file. */
export interface RawMethod {
  format: string;
  method: { code: string; name: string; family?: string; components?: unknown[]; [k: string]: unknown };
  instrument?: {
    code: string;
    name: string;
    version?: string;
    scale?: { max?: number; levels?: string[] };
    dimensions: RawDimension[];
    [k: string]: unknown;
  };
}

/** methodFileKey is the cache key of a period's method file (shared with the questionnaire). */
export const methodFileKey = (year: number) => ['method', year] as const;

/** useMethodFile loads a period's whole method file. */
export function useMethodFile(year: number) {
  return useQuery({
    queryKey: [...methodFileKey(year), 'raw'],
    queryFn: ({ signal }) => api.get<RawMethod>(`/api/v1/periods/${year}/method`, undefined, { signal }),
    staleTime: 0,
  });
}

/** replaceMethod gives a period in planning a new method file; version is the period's. */
export function replaceMethod(year: number, version: number, file: unknown) {
  return api.put<unknown>(`/api/v1/periods/${year}/method`, file, undefined, { headers: { 'If-Match': `"${version}"` } });
}

const importSummarySchema = z.object({ method: z.object({ id: z.number() }) });

/** importWorkbook registers an instrument workbook as a method version and returns that version's file. */
export async function importWorkbook(file: File): Promise<unknown> {
  const fd = new FormData();
  fd.append('file', file);
  const sum = await api.post('/api/v1/imports/instrument', fd, importSummarySchema);
  return api.get<unknown>(`/api/v1/methods/${sum.method.id}`);
}

/** indicatorChangeSchema is one indicator difference of GET /methods/compare. */
const indicatorChangeSchema = z.object({
  code: z.string(),
  dimension: z.string(),
  change: z.enum(['added', 'removed', 'changed']),
  fields: z
    .array(z.string())
    .nullish()
    .transform((v) => v ?? []),
  weight_old: z.string().optional(),
  weight_new: z.string().optional(),
});

/** methodDiffSchema is GET /api/v1/methods/compare. */
export const methodDiffSchema = z.object({
  from: z.number(),
  to: z.number(),
  comparable: z.boolean(),
  dimensions: z.array(
    z.object({ code: z.string(), change: z.enum(['added', 'removed', 'changed']), weight_old: z.string().optional(), weight_new: z.string().optional() }),
  ),
  indicators: z.array(indicatorChangeSchema),
  bands_changed: z.boolean(),
});

/** MethodDiff is what changed between two method versions. */
export type MethodDiff = z.infer<typeof methodDiffSchema>;

/** useMethodDiff compares two stored method versions. */
export function useMethodDiff(from: number | undefined, to: number | undefined) {
  return useQuery({
    queryKey: ['method-diff', from, to],
    queryFn: ({ signal }) => api.get(`/api/v1/methods/compare?from=${from}&to=${to}`, methodDiffSchema, { signal }),
    enabled: from !== undefined && to !== undefined,
  });
}

const mappingSchema = z.object({
  year: z.number(),
  previous_year: z.number().nullable(),
  comparable: z.boolean(),
  stored: z.boolean(),
  items: z.array(
    z.object({
      indicator: z.string(),
      name: z.string(),
      dimension: z.string(),
      previous: z.string().nullable(),
      previous_name: z.string().optional(),
      suggested: z.boolean(),
      weight: z.string(),
      previous_weight: z.string().optional(),
    }),
  ),
  previous_indicators: z.array(
    z.object({ code: z.string(), name: z.string(), dimension: z.string(), weight: z.string(), mapped_to: z.string().optional() }),
  ),
});

/** IndicatorMapping is GET /api/v1/periods/{year}/indicator-mapping. */
export type IndicatorMapping = z.infer<typeof mappingSchema>;

/** mappingKey is the cache key of a period's indicator mapping. */
export const mappingKey = (year: number) => ['indicator-mapping', year] as const;

/** useIndicatorMapping loads a period's mapping to the previous period. */
export function useIndicatorMapping(year: number) {
  return useQuery({
    queryKey: mappingKey(year),
    queryFn: ({ signal }) => api.get(`/api/v1/periods/${year}/indicator-mapping`, mappingSchema, { signal }),
  });
}

/** saveIndicatorMapping stores the whole mapping. */
export function saveIndicatorMapping(year: number, items: { indicator: string; previous: string | null }[], reason: string) {
  return api.put(`/api/v1/periods/${year}/indicator-mapping`, { items, reason }, mappingSchema);
}
