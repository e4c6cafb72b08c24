import { z } from 'zod';
import { unitStates } from '../work/types';

/** answerSchema is a stored answer to one indicator. */
export const answerSchema = z.object({
  id: z.number().optional(),
  unit_assessment_id: z.number().optional(),
  indicator: z.string(),
  value: z.number().nullable(),
  na: z.boolean(),
  na_reason: z.string().optional().default(''),
  note: z.string().optional().default(''),
  version: z.number(),
  updated_by: z.number().optional(),
  updated_by_name: z.string().optional(),
  updated_at: z.string().optional(),
});

/** Answer is what the server holds for one indicator, with its version. */
export type Answer = z.infer<typeof answerSchema>;

/** evidenceSchema is a file attached to an answer. */
export const evidenceSchema = z.object({
  id: z.number(),
  unit_assessment_id: z.number().optional(),
  indicator: z.string(),
  sha256: z.string().optional(),
  original_name: z.string(),
  media_type: z.string(),
  size: z.number(),
  uploaded_by: z.number().optional(),
  uploaded_by_name: z.string().optional(),
  uploaded_at: z.string(),
});

/** Evidence is one uploaded file. */
export type Evidence = z.infer<typeof evidenceSchema>;

/** commentSchema is a reviewer's remark on a unit or one of its indicators. */
export const commentSchema = z.object({
  id: z.number(),
  indicator: z.string().optional(),
  body: z.string(),
  author_id: z.number().optional(),
  author_name: z.string().optional(),
  created_at: z.string(),
});

/** ReviewComment is one reviewer remark. */
export type ReviewComment = z.infer<typeof commentSchema>;

/** unitAssessmentSchema is the workflow record of one unit in one period. */
export const unitAssessmentSchema = z.object({
  id: z.number(),
  period_id: z.number(),
  entity_id: z.number(),
  unit_id: z.number(),
  state: z.enum(unitStates),
  return_reason: z.string().optional(),
  version: z.number(),
  submitted_at: z.string().optional(),
  decided_at: z.string().optional(),
  decided_by_name: z.string().optional(),
  assessors: z.array(z.number()).nullable().optional(),
});

/** UnitAssessment is a unit's questionnaire record. */
export type UnitAssessment = z.infer<typeof unitAssessmentSchema>;

/** unitViewSchema is the body of GET /api/v1/unit-assessments/{id}. */
export const unitViewSchema = z.object({
  assessment: unitAssessmentSchema,
  entity: z.object({
    id: z.number(),
    code: z.string().optional(),
    name: z.string(),
    kind: z.string(),
    province_code: z.string().optional(),
  }),
  unit: z.object({
    id: z.number(),
    code: z.string().optional(),
    name: z.string(),
    kind: z.string().optional(),
    products: z.array(z.string()).optional(),
  }),
  period: z.object({ id: z.number(), year: z.number(), name: z.string(), status: z.string() }),
  answers: z.array(answerSchema),
  evidence: z.array(evidenceSchema),
  comments: z.array(commentSchema),
});

/** UnitView is a unit's questionnaire with everything it shows. */
export type UnitView = z.infer<typeof unitViewSchema>;

const score = z.union([z.number(), z.string().transform(Number)]);

/** unitScoreSchema is the body of GET /api/v1/unit-assessments/{id}/score. */
export const unitScoreSchema = z.object({
  score: score,
  complete: z.boolean(),
  unanswered: z.array(z.string()).optional().default([]),
  dimensions: z
    .array(z.object({ code: z.string(), name: z.string(), points: score, max: score, percent: score }))
    .optional()
    .default([]),
});

/** UnitScore is the live score preview of a unit. */
export type UnitScore = z.infer<typeof unitScoreSchema>;

/** AnswerInput is what an assessor saves for one indicator. */
export interface AnswerInput {
  value: number | null;
  na: boolean;
  na_reason: string;
  note: string;
}

/** emptyInput is an unanswered indicator. */
export const emptyInput: AnswerInput = { value: null, na: false, na_reason: '', note: '' };

/** inputOf takes the saved part of an answer. */
export function inputOf(a: Answer | null | undefined): AnswerInput {
  if (!a) return emptyInput;
  return { value: a.value, na: a.na, na_reason: a.na ? (a.na_reason ?? '') : '', note: a.note ?? '' };
}

/** sameInput compares two answers as the server does (an N/A reason counts only with N/A). */
export function sameInput(a: AnswerInput, b: AnswerInput): boolean {
  return a.value === b.value && a.na === b.na && a.note === b.note && (!a.na || a.na_reason === b.na_reason);
}

/** isAnswered: a level or N/A was chosen. */
export function isAnswered(a: AnswerInput): boolean {
  return a.value !== null || a.na;
}
