import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { methodFileSchema } from './method';
import { answerSchema, evidenceSchema, unitAssessmentSchema, unitScoreSchema, unitViewSchema, type AnswerInput } from './types';

const unitPath = (id: number) => `/api/v1/unit-assessments/${id}`;

/** unitKey is the cache key of one unit's questionnaire. */
export const unitKey = (id: number) => ['unit-assessment', id] as const;

/** useUnit loads a unit's questionnaire: assessment, entity, unit, period, answers, evidence, comments. */
export function useUnit(id: number) {
  return useQuery({
    queryKey: unitKey(id),
    queryFn: ({ signal }) => api.get(unitPath(id), unitViewSchema, { signal }),
  });
}

/**
 * useMethod loads a period's method file once per session: it does not
 * change while a period is open (the server refuses to change it then).
 */
export function useMethod(year: number | undefined) {
  return useQuery({
    queryKey: ['method', year],
    queryFn: ({ signal }) => api.get(`/api/v1/periods/${year}/method`, methodFileSchema, { signal }),
    enabled: year !== undefined,
    staleTime: Infinity,
    gcTime: 24 * 60 * 60_000,
  });
}

/** scoreKey is the cache key of a unit's live score. */
export const scoreKey = (id: number) => ['unit-assessment', id, 'score'] as const;

/** useUnitScore loads the unit's score as its answers stand now. */
export function useUnitScore(id: number, enabled = true) {
  return useQuery({
    queryKey: scoreKey(id),
    queryFn: ({ signal }) => api.get(`${unitPath(id)}/score`, unitScoreSchema, { signal }),
    enabled,
  });
}

/**
 * saveAnswer stores one answer. If-Match carries the version the edit is
 * based on ("0" for a first answer); a 412 means someone saved in between.
 */
export function saveAnswer(unit: number, indicator: string, input: AnswerInput, baseVersion: number) {
  return api.put(
    `${unitPath(unit)}/answers/${encodeURIComponent(indicator)}`,
    { value: input.value, na: input.na, na_reason: input.na ? input.na_reason : '', note: input.note },
    answerSchema,
    { headers: { 'If-Match': `"${baseVersion}"` } },
  );
}

/** uploadEvidence sends one file for an indicator; the indicator field goes first, as the server reads it. */
export function uploadEvidence(unit: number, indicator: string, file: File) {
  const form = new FormData();
  form.append('indicator', indicator);
  form.append('file', file, file.name);
  return api.post(`${unitPath(unit)}/evidence`, form, evidenceSchema);
}

/** deleteEvidence removes a file from an editable unit (its assessor); the server keeps it for the audit trail. */
export function deleteEvidence(id: number) {
  return api.delete(`/api/v1/evidence/${id}`);
}

/** evidenceURL is where a file is downloaded (and an image shown). */
export function evidenceURL(id: number): string {
  return `/api/v1/evidence/${id}`;
}

/** submitUnit hands the unit to review; a 422 lists each unanswered indicator as answers.<code>. */
export function submitUnit(unit: number) {
  return api.post(`${unitPath(unit)}/submit`, {}, unitAssessmentSchema);
}

/** unansweredFromErrors reads the indicator codes of a submit's 422 errors. */
export function unansweredFromErrors(errors: readonly { field: string; code: string }[]): string[] {
  return errors.filter((e) => e.field.startsWith('answers.')).map((e) => e.field.slice('answers.'.length));
}

