import { useQuery } from '@tanstack/react-query';
import { api, isApiError } from '../../api/client';
import { unitAssessmentSchema } from '../questionnaire/types';
import { entityResultSchema, periodEntitySchema, type ReturnComment } from './types';

const unitPath = (id: number) => `/api/v1/unit-assessments/${id}`;

/** returnUnit sends a submitted unit back to its assessors with a reason and per-indicator comments. */
export function returnUnit(id: number, reason: string, comments: ReturnComment[]) {
  return api.post(`${unitPath(id)}/return`, { reason, comments }, unitAssessmentSchema);
}

/** acceptUnit accepts a submitted unit; its answers are locked from then on. */
export function acceptUnit(id: number) {
  return api.post(`${unitPath(id)}/accept`, {}, unitAssessmentSchema);
}

/** reopenUnit unlocks an accepted unit for correction; it goes back to the assessors as returned. */
export function reopenUnit(id: number, reason: string) {
  return api.post(`${unitPath(id)}/reopen`, { reason }, unitAssessmentSchema);
}

/** verifyEntity marks an entity verified once all its units are accepted, and computes its result. */
export function verifyEntity(year: number, entityId: number) {
  return api.post(`/api/v1/periods/${year}/entities/${entityId}/verify`, {}, periodEntitySchema);
}

/** resultKey is the cache key of an entity's result. */
export const resultKey = (year: number, entityId: number) => ['result', year, entityId] as const;

/** useEntityResult loads an entity's stored result; null while it has none (never verified). */
export function useEntityResult(year: number | undefined, entityId: number) {
  return useQuery({
    queryKey: resultKey(year ?? 0, entityId),
    queryFn: async ({ signal }) => {
      try {
        return await api.get(`/api/v1/periods/${year}/entities/${entityId}/result`, entityResultSchema, { signal });
      } catch (err) {
        if (isApiError(err) && err.status === 404) return null;
        throw err;
      }
    },
    enabled: year !== undefined,
  });
}
