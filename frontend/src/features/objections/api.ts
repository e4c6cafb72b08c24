import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../api/client';
import { objectionSchema } from '../results/types';
import { checkEvidenceFile, type EvidenceProblem } from '../questionnaire/Evidence';

/** objectionStates are the states an objection can be in, in the queue's filter order. */
export const objectionStates = ['submitted', 'accepted', 'partly_accepted', 'rejected'] as const;

/** ObjectionState is one of objectionStates. */
export type ObjectionState = (typeof objectionStates)[number];

/** isObjectionState narrows a string from the address bar. */
export function isObjectionState(s: string | null | undefined): s is ObjectionState {
  return (objectionStates as readonly string[]).includes(s ?? '');
}

/** queuedObjectionSchema is one entry of GET /periods/{year}/objections: the objection with its entity. */
export const queuedObjectionSchema = objectionSchema.extend({
  entity_id: z.number(),
  entity_name: z.string(),
  entity_kind: z.string(),
});

/** QueuedObjection is an objection in a reviewer's queue. */
export type QueuedObjection = z.infer<typeof queuedObjectionSchema>;

const queueSchema = z.object({ items: z.array(queuedObjectionSchema) });

/** queueKey is the cache key of a period's objection queue (all states). */
export const queueKey = (year: number) => ['objections', 'queue', year] as const;

/**
 * useObjectionQueue loads a period's objections the user may decide or
 * oversee (all states; the page filters), oldest first.
 */
export function useObjectionQueue(year: number | undefined) {
  return useQuery({
    queryKey: queueKey(year ?? 0),
    queryFn: async ({ signal }) => (await api.get(`/api/v1/periods/${year}/objections`, queueSchema, { signal })).items,
    enabled: year !== undefined,
    staleTime: 15_000,
  });
}

/** objectionFileSchema is a file an agency attached to its objection. */
export const objectionFileSchema = z.object({
  id: z.number(),
  objection_id: z.number(),
  original_name: z.string(),
  media_type: z.string(),
  size: z.number(),
  uploaded_by_name: z.string().optional(),
  uploaded_at: z.string(),
});

/** ObjectionFile is one attached file. */
export type ObjectionFile = z.infer<typeof objectionFileSchema>;

/** filesKey is the cache key of an objection's files. */
export const filesKey = (id: number) => ['objections', 'files', id] as const;

/** useObjectionFiles lists an objection's files. */
export function useObjectionFiles(id: number, enabled = true) {
  return useQuery({
    queryKey: filesKey(id),
    queryFn: async ({ signal }) => (await api.get(`/api/v1/objections/${id}/evidence`, z.object({ items: z.array(objectionFileSchema) }), { signal })).items,
    enabled,
    staleTime: 15_000,
  });
}

/** objectionFileHref is where an objection file is downloaded. */
export function objectionFileHref(objection: number, file: number): string {
  return `/api/v1/objections/${objection}/evidence/${file}`;
}

/** uploadObjectionFile attaches one file to an undecided objection (the agency's own). */
export function uploadObjectionFile(objection: number, file: File) {
  const form = new FormData();
  form.append('file', file, file.name);
  return api.post(`/api/v1/objections/${objection}/evidence`, form, objectionFileSchema);
}

/** checkObjectionFile applies the evidence rules (type, 20 MiB) before a file is sent. */
export function checkObjectionFile(f: Pick<File, 'name' | 'size' | 'type'>): EvidenceProblem | null {
  return checkEvidenceFile(f);
}

/** DecisionInput is POST /objections/{id}/decision. */
export interface DecisionInput {
  state: ObjectionState;
  reason: string;
  items: { item_id: number; accepted: boolean; decided_value?: number }[];
}

/** decideObjection records a coordinator's decision. */
export function decideObjection(id: number, input: DecisionInput) {
  return api.post(`/api/v1/objections/${id}/decision`, input, objectionSchema);
}
