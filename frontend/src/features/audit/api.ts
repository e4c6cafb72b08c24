import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../api/client';

/** auditActions are the actions P4 writes to its audit log, for the filter. */
export const auditActions = [
  'answer.save', 'answer.delete', 'answer.objection', 'evidence.add',
  'unit.submit', 'unit.return', 'unit.accept', 'unit.reopen',
  'entity.create', 'entity.update', 'entity.verify', 'entity.finalize', 'unit.create', 'unit.add', 'unit.update',
  'locus.add', 'locus.assessed', 'assignment.add', 'assignment.remove',
  'period.create', 'period.schedule', 'period.method', 'period.open', 'period.close', 'period.publish',
  'method.create', 'region.create', 'result.import', 'result.recompute',
  'objection.file', 'objection.evidence', 'objection.decide',
  'user.create', 'user.update', 'user.password_reset', 'user.password_change',
  'survey.settings', 'survey.plan', 'survey.respondent', 'survey.respondents', 'survey.contact_delete', 'survey.override', 'survey.override_applied',
] as const;

/** auditEntrySchema is one row of GET /api/v1/audit. */
export const auditEntrySchema = z.object({
  id: z.number(),
  at: z.string(),
  actor_id: z.number().optional(),
  actor: z.string(),
  action: z.string(),
  object_type: z.string(),
  object_id: z.string(),
  period_id: z.number().optional(),
  entity_id: z.number().optional(),
  entity: z.string().optional(),
  year: z.number().optional(),
  old: z.unknown().optional(),
  new: z.unknown().optional(),
  reason: z.string().optional(),
  hash: z.string(),
});
/** AuditEntry is one audited change. */
export type AuditEntry = z.infer<typeof auditEntrySchema>;

const auditListSchema = z.object({ items: z.array(auditEntrySchema), total: z.number(), limit: z.number(), offset: z.number() });

/** AuditQuery filters the audit log. */
export interface AuditQuery {
  entityId?: number;
  userId?: number;
  year?: number;
  action?: string;
  offset: number;
}

/** pageSize is how many audit rows one page shows. */
export const pageSize = 50;

/** auditPath builds the list's URL. */
export function auditPath(q: AuditQuery): string {
  const p = new URLSearchParams({ limit: String(pageSize), offset: String(q.offset) });
  if (q.entityId) p.set('entity_id', String(q.entityId));
  if (q.userId) p.set('user_id', String(q.userId));
  if (q.year) p.set('year', String(q.year));
  if (q.action) p.set('action', q.action);
  return `/api/v1/audit?${p.toString()}`;
}

/** useAudit reads one page of the audit log. */
export function useAudit(q: AuditQuery) {
  return useQuery({
    queryKey: ['audit', q],
    queryFn: ({ signal }) => api.get(auditPath(q), auditListSchema, { signal }),
    placeholderData: keepPreviousData,
  });
}

/** describeValue turns an audited value into short "key: value" lines, naming users where it can. */
export function describeValue(v: unknown, userName: (id: number) => string | undefined): string[] {
  if (v === undefined || v === null) return [];
  if (typeof v !== 'object' || Array.isArray(v)) return [JSON.stringify(v)];
  return Object.entries(v as Record<string, unknown>).map(([k, x]) => {
    if ((k === 'user_id' || k.endsWith('_by')) && typeof x === 'number') return `${k}: ${userName(x) ?? x}`;
    return `${k}: ${typeof x === 'string' ? x : JSON.stringify(x)}`;
  });
}
