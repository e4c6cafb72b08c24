import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../api/client';

// The survey routes (docs/SURVEY.md). Schemas check what the screens use;
// extra fields pass through unread.

const questionSchema = z.object({
  indicator: z.string(),
  name: z.string(),
  name_en: z.string().optional(),
  question: z.string(),
  question_en: z.string().optional(),
});
/** SurveyQuestion is one perception item as a respondent is asked it. */
export type SurveyQuestion = z.infer<typeof questionSchema>;

const itemSchema = z.object({
  indicator: z.string(),
  respondents: z.number(),
  favourable: z.number(),
  unfavourable: z.number(),
  na: z.number(),
  percent: z.string().nullable(),
  value: z.number().nullable(),
  na_answer: z.boolean(),
  note: z.string(),
});
/** SurveyItemResult is one item aggregated over a unit's respondents. */
export type SurveyItemResult = z.infer<typeof itemSchema>;

const quotaSchema = z.object({ product: z.string(), target: z.number() });
export type SurveyQuota = z.infer<typeof quotaSchema>;

const overrideSchema = z.object({ reason: z.string(), by: z.number(), at: z.string(), respondents: z.number(), target: z.number() });

const fieldErrorSchema = z.object({ field: z.string(), code: z.string(), message: z.string() });

export const surveyViewSchema = z.object({
  unit_assessment_id: z.number(),
  state: z.string(),
  required: z.boolean(),
  applies: z.boolean(),
  target_source: z.string(),
  plan: z.object({
    target: z.number().nullable(),
    quotas: z.array(quotaSchema),
    has_link: z.boolean(),
    link: z.object({ token: z.string(), created_at: z.string() }).optional(),
    override: overrideSchema.nullable(),
    version: z.number(),
  }),
  progress: z.object({
    respondents: z.number(),
    self_completed: z.number(),
    target: z.number(),
    remaining: z.number(),
    below_target: z.boolean(),
    products: z.array(z.object({ product: z.string(), respondents: z.number(), target: z.number() })),
  }),
  questions: z.array(questionSchema),
  products: z.array(z.string()),
  items: z.array(itemSchema),
  aggregate_current: z.boolean(),
  can_record: z.boolean(),
  accept_problems: z.array(fieldErrorSchema),
  flags: z.number().optional(),
});
/** SurveyView is a unit's survey: plan, progress, aggregation, what Accept would say. */
export type SurveyView = z.infer<typeof surveyViewSchema>;

const contactSchema = z.object({ name: z.string().optional(), phone: z.string().optional() });

export const respondentSchema = z.object({
  id: z.number(),
  client_key: z.string(),
  product: z.string(),
  answers: z.record(z.string(), z.string()),
  comment: z.string().optional(),
  self_completed: z.boolean(),
  assessor_id: z.number().optional(),
  collected_at: z.string(),
  recorded_at: z.string(),
  has_contact: z.boolean(),
  contact: contactSchema.optional(),
});
/** Respondent is one service user's answers (contact only for coordinators and admins). */
export type Respondent = z.infer<typeof respondentSchema>;

const flagSchema = z.object({
  kind: z.string(),
  respondent_id: z.number().optional(),
  related: z.array(z.number()).optional(),
  assessor_id: z.number().optional(),
  detail: z.string(),
});
/** SurveyFlag is one quality hint: flagged, never deleted. */
export type SurveyFlag = z.infer<typeof flagSchema>;

const thresholdSchema = z.object({ value: z.number(), min_percent: z.union([z.string(), z.number()]) });
const ruleSchema = z.object({ favourable: z.string(), label: z.string(), thresholds: z.array(thresholdSchema) });

export const settingsSchema = z.object({
  required: z.boolean(),
  default_target: z.number(),
  targets: z.record(z.string(), z.number()).nullable(),
  rule: ruleSchema,
  rules: z.record(z.string(), ruleSchema).nullable(),
  quality: z.object({
    duplicate_minutes: z.number(),
    min_seconds: z.number(),
    burst_per_hour: z.number(),
    burst_factor: z.number(),
    straight_lining_items: z.number(),
  }),
  self_completion: z.object({
    min_seconds: z.number(),
    max_age_minutes: z.number(),
    per_ip_per_hour: z.number(),
    per_link_per_hour: z.number(),
  }),
});
/** SurveySettings are a period's survey settings. */
export type SurveySettings = z.infer<typeof settingsSchema>;

export const settingsViewSchema = z.object({
  period_id: z.number(),
  settings: settingsSchema,
  version: z.number(),
  items: z.array(questionSchema),
  instrument_respondents: z.number(),
});
export type SurveySettingsView = z.infer<typeof settingsViewSchema>;

export const surveyFormSchema = z.object({
  entity: z.string(),
  unit: z.string(),
  products: z.array(z.string()),
  questions: z.array(questionSchema),
  challenge: z.string(),
  min_seconds: z.number(),
  expires_at: z.string(),
});
/** SurveyForm is the public self-completion form of a unit's link. */
export type SurveyForm = z.infer<typeof surveyFormSchema>;

/** SurveyAnswer is a respondent's answer to one item. */
export type SurveyAnswer = 'yes' | 'no' | 'na';

/** RespondentBody is what the phone sends for one respondent. */
export interface RespondentBody {
  client_key: string;
  product: string;
  answers: Record<string, SurveyAnswer>;
  comment: string;
  collected_at: string;
  contact?: { name: string; phone: string };
}

const unitPath = (id: number) => `/api/v1/unit-assessments/${id}/survey`;

/** surveyKey is the cache key of a unit's survey (and, below it, its respondents and flags). */
export const surveyKey = (id: number) => ['survey', id] as const;

export function useSurvey(id: number) {
  return useQuery({ queryKey: surveyKey(id), queryFn: ({ signal }) => api.get(unitPath(id), surveyViewSchema, { signal }) });
}

export function useRespondents(id: number, enabled = true) {
  return useQuery({
    queryKey: [...surveyKey(id), 'respondents'],
    queryFn: async ({ signal }) => (await api.get(`${unitPath(id)}/respondents`, z.object({ items: z.array(respondentSchema) }), { signal })).items,
    enabled,
  });
}

export function useFlags(id: number, enabled = true) {
  return useQuery({
    queryKey: [...surveyKey(id), 'flags'],
    queryFn: async ({ signal }) => (await api.get(`${unitPath(id)}/flags`, z.object({ items: z.array(flagSchema).nullable() }), { signal })).items ?? [],
    enabled,
  });
}

/** postRespondent sends one respondent; the server answers 201 (stored) or 200 (already stored: a retry). */
export function postRespondent(unit: number, body: RespondentBody) {
  return api.post(`${unitPath(unit)}/respondents`, body, respondentSchema);
}

export function aggregateSurvey(unit: number) {
  return api.post(`${unitPath(unit)}/aggregate`, {}, z.object({ respondents: z.number(), target: z.number(), below_target: z.boolean(), items: z.array(itemSchema) }));
}

export function overrideSurvey(unit: number, reason: string) {
  return api.post(`${unitPath(unit)}/override`, { reason }, surveyViewSchema);
}

export function saveSurveyPlan(unit: number, body: { version: number; target: number | null; quotas: SurveyQuota[]; link: boolean }) {
  return api.put(`${unitPath(unit)}/plan`, body, surveyViewSchema);
}

export function deleteContact(unit: number, respondent: number) {
  return api.delete(`${unitPath(unit)}/respondents/${respondent}/contact`);
}

export const settingsKey = (year: number) => ['survey-settings', year] as const;

export function useSurveySettings(year: number | undefined) {
  return useQuery({
    queryKey: settingsKey(year ?? 0),
    queryFn: ({ signal }) => api.get(`/api/v1/periods/${year}/survey`, settingsViewSchema, { signal }),
    enabled: year !== undefined && year > 0,
  });
}

export function saveSurveySettings(year: number, version: number, settings: SurveySettings, reason: string) {
  return api.put(`/api/v1/periods/${year}/survey`, { version, settings, reason }, settingsViewSchema);
}

/** Public self-completion: no session. */
export function fetchSurveyForm(token: string, signal?: AbortSignal) {
  return api.get(`/api/v1/survey/${encodeURIComponent(token)}`, surveyFormSchema, { signal });
}

export function submitSurveyForm(token: string, body: { challenge: string; product: string; answers: Record<string, SurveyAnswer>; comment: string }) {
  return api.post(`/api/v1/survey/${encodeURIComponent(token)}`, body, z.object({ received: z.boolean() }));
}
