import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../api/client';

/** exportJobSchema is a background export (GET /api/v1/exports/{id}). */
export const exportJobSchema = z.object({
  id: z.number(),
  kind: z.string(),
  params: z.object({ year: z.number().optional(), province: z.string().optional() }).partial().nullish(),
  /** queued, running, done, failed or expired. */
  state: z.string(),
  progress: z.number(),
  file_name: z.string().optional(),
  file_size: z.number().optional(),
  error: z.string().optional(),
  created_at: z.string(),
  finished_at: z.string().optional(),
  file_url: z.string().optional(),
});

/** ExportJob is one background export. */
export type ExportJob = z.infer<typeof exportJobSchema>;

/** isPending reports whether an export is still being made. */
export function isPending(j: Pick<ExportJob, 'state'>): boolean {
  return j.state === 'queued' || j.state === 'running';
}

/** workbookHref is the leadership workbook of a year and province, built while the request waits. */
export function workbookHref(year: number, province: string): string {
  return `/api/v1/periods/${year}/workbook.xlsx?${new URLSearchParams({ province }).toString()}`;
}

/** exportsKey is the cache key of the user's exports. */
export const exportsKey = ['exports'] as const;

/** pollMs is how often a pending export is asked about. */
export const pollMs = 1500;

/** useMyExports lists the user's exports, newest first, asking again while any is pending. */
export function useMyExports() {
  return useQuery({
    queryKey: exportsKey,
    queryFn: async ({ signal }) => (await api.get('/api/v1/exports', z.object({ items: z.array(exportJobSchema) }), { signal })).items,
    refetchInterval: (q) => (q.state.data?.some(isPending) ? pollMs : false),
  });
}

/** useExport follows one export until it is done, failed or expired. */
export function useExport(id: number | null) {
  return useQuery({
    queryKey: ['exports', id],
    queryFn: ({ signal }) => api.get(`/api/v1/exports/${id}`, exportJobSchema, { signal }),
    enabled: id !== null,
    refetchInterval: (q) => (q.state.data && !isPending(q.state.data) ? false : pollMs),
  });
}

/** useRequestExport queues a workbook export (the whole nation when province is empty). */
export function useRequestExport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { year: number; province?: string }) => api.post('/api/v1/exports', { kind: 'workbook', ...input }, exportJobSchema),
    onSuccess: () => qc.invalidateQueries({ queryKey: exportsKey }),
  });
}
