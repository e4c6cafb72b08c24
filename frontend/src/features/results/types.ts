import { z } from 'zod';
import { categoryField, decimal, lenientList, list, optionalDecimal, text, zoneField } from '../../domain/schema';
import { bandSchema, periodSchema, snapshotDimensionSchema } from '../public-results/types';

// Schemas of the signed-in results API: an entity's result, its
// explanation, what-if simulations, objections, and the unit assessments
// with answers and evidence behind a result.

/** internalPeriodsSchema is GET /api/v1/periods: every period, with status and windows. */
export const internalPeriodsSchema = z.object({ items: list(periodSchema) });

/** regionsSchema is GET /api/v1/regions. */
export const regionsSchema = z.object({
  items: list(z.object({ id: z.number(), code: z.string(), name: z.string(), level: z.string() })),
});

/** dimensionResultSchema: a dimension's part of a computed score (scoring.DimensionResult). */
export const dimensionResultSchema = z.object({
  code: z.string(),
  name: z.string().nullish(),
  points: decimal,
  max: decimal,
  percent: decimal,
});

/** unitResultSchema: one unit's computed score (scoring.UnitResult); id is a string. */
export const unitResultSchema = z.object({
  id: z.string(),
  name: z.string().nullish(),
  score: decimal,
  complete: z.boolean().nullish(),
  imported: z.boolean().nullish(),
  dimensions: lenientList(dimensionResultSchema),
});

/** entityResultSchema: an entity's computed result (scoring.EntityResult). */
export const entityResultSchema = z.object({
  score: decimal,
  category: categoryField,
  opinion: text,
  zone: zoneField,
  complete: z.boolean().nullish(),
  dimensions: lenientList(dimensionResultSchema),
  units: lenientList(unitResultSchema),
});

/** entitySchema: an assessed entity with its service units. */
export const entitySchema = z.object({
  id: z.number(),
  code: z.string().nullish(),
  name: z.string(),
  kind: z.string(),
  province_code: text,
  units: list(z.object({ id: z.number(), name: z.string(), code: z.string().nullish(), kind: z.string().nullish() })),
});

/** snapshotSchema: a stored result of an entity (assessment.Snapshot). */
export const snapshotSchema = z.object({
  score: decimal,
  category: categoryField,
  opinion: text,
  zone: zoneField,
  complete: z.boolean().nullish(),
  source: z.string().nullish(),
  created_at: z.string().nullish(),
  units: lenientList(
    z.object({
      unit_id: z.number(),
      score: decimal,
      complete: z.boolean().nullish(),
      /** Not sent yet: lets an agency user name the unit in an objection. */
      unit_assessment_id: z.number().nullish(),
    }),
  ),
  dimensions: lenientList(snapshotDimensionSchema),
  /** Peer group → rank. */
  ranks: z
    .record(z.string(), z.number())
    .nullish()
    .transform((v) => v ?? {}),
});

/** resultViewSchema is GET /api/v1/periods/{year}/entities/{id}/result. */
export const resultViewSchema = z.object({
  entity: entitySchema,
  /** assessing, verified, final or published. */
  state: z.string(),
  result: snapshotSchema,
  detail: entityResultSchema.nullish().transform((v) => v ?? null),
});

/** indicatorLossSchema: what one indicator costs a score (scoring.IndicatorLoss). */
export const indicatorLossSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    dimension: z.string(),
    /** answered, unanswered, na or not_applicable (units only). */
    state: z.string().nullish(),
    /** The answer; left out by the server when it is 0. */
    value: z.number().nullish(),
    max: z.number(),
    share: decimal,
    lost: decimal,
  })
  .transform((l) => ({ ...l, state: l.state ?? null, value: l.state === 'answered' ? (l.value ?? 0) : (l.value ?? null) }));

/** improvementSchema: raising one answer of one unit (scoring.Improvement). */
export const improvementSchema = z.object({
  unit_id: z.string(),
  unit_name: z.string().nullish(),
  indicator: z.string(),
  name: z.string(),
  from: z.number(),
  to: z.number(),
  gain: decimal,
});

/** explanationViewSchema is GET /api/v1/periods/{year}/entities/{id}/explanation. */
export const explanationViewSchema = z.object({
  explanation: z.object({
    score: decimal,
    /** Points lost in the entity's total per indicator, summed over units, instrument order. */
    indicators: list(indicatorLossSchema),
    units: list(
      z.object({
        unit_id: z.string(),
        name: z.string().nullish(),
        imported: z.boolean().nullish(),
        indicators: list(indicatorLossSchema),
      }),
    ),
    /** The top improvements by points gained, largest first. */
    improvements: list(improvementSchema),
  }),
  next_category: z
    .object({
      from: bandSchema,
      target: bandSchema.nullish().transform((v) => v ?? null),
      reachable: z.boolean(),
      minimal: z.boolean().nullish(),
      changes: list(improvementSchema),
      result: entityResultSchema.nullish(),
    })
    .nullish()
    .transform((v) => v ?? null),
  notes: list(
    z.object({
      unit_id: z.number(),
      indicator: z.string(),
      value: z.number().nullish(),
      na: z.boolean().nullish(),
      note: z.string(),
    }),
  ),
});

/** whatIfResultSchema is the answer of POST …/what-if. */
export const whatIfResultSchema = z.object({
  before: entityResultSchema,
  after: entityResultSchema,
  delta: decimal,
});

/** objectionSchema: an entity's contest of specific indicators (sanggahan). */
export const objectionSchema = z.object({
  id: z.number(),
  /** submitted, accepted, partly_accepted or rejected. */
  state: z.string(),
  statement: z.string(),
  entity_id: z.number().nullish(),
  filed_at: z.string().nullish(),
  filed_by_name: z.string().nullish(),
  decided_at: z.string().nullish(),
  decided_by_name: z.string().nullish(),
  decision_reason: z.string().nullish(),
  items: list(
    z.object({
      id: z.number().nullish(),
      unit_assessment_id: z.number(),
      indicator: z.string(),
      requested_value: z.number(),
      decided_value: z.number().nullish(),
      accepted: z.boolean().nullish(),
    }),
  ),
});

/** objectionsSchema is GET …/objections. */
export const objectionsSchema = z.object({ items: list(objectionSchema) });

/** workSchema is GET /api/v1/work: unit assessments the user may see. */
export const workSchema = z.object({
  items: list(
    z.object({
      unit_assessment_id: z.number(),
      entity_id: z.number(),
      unit_id: z.number(),
      unit: z.string().nullish(),
      state: z.string().nullish(),
    }),
  ),
});

/** evidenceSchema: a file attached to an answer. */
export const evidenceSchema = z.object({
  id: z.number(),
  indicator: z.string(),
  original_name: z.string(),
  media_type: z.string().nullish(),
  size: z.number().nullish(),
  uploaded_at: z.string().nullish(),
});

/** unitViewSchema is GET /api/v1/unit-assessments/{id}: answers and evidence of one unit. */
export const unitViewSchema = z.object({
  assessment: z.object({ id: z.number(), unit_id: z.number(), state: z.string().nullish() }),
  unit: z.object({ id: z.number(), name: z.string() }).nullish(),
  answers: list(
    z.object({
      indicator: z.string(),
      value: z.number().nullish(),
      na: z.boolean().nullish(),
      na_reason: z.string().nullish(),
      note: z.string().nullish(),
    }),
  ),
  evidence: list(evidenceSchema),
});

/** instrumentSchema reads what the UI needs of GET /api/v1/periods/{year}/method: names and answer levels. */
export const instrumentSchema = z.object({
  instrument: z
    .object({
      dimensions: list(
        z.object({
          code: z.string(),
          name: z.string(),
          name_en: z.string().nullish(),
          indicators: lenientList(
            z.object({
              code: z.string(),
              name: z.string(),
              name_en: z.string().nullish(),
              levels: list(z.string()),
            }),
          ),
        }),
      ),
    })
    .nullish(),
});

/** publicEntitySchema is GET /api/v1/public/entities/{id}: published results across years. */
export const publicEntitySchema = z.object({
  entity: z.object({ id: z.number(), name: z.string(), kind: z.string(), province_code: text }),
  history: list(
    z.object({
      year: z.number().int(),
      method: z.object({
        code: z.string(),
        name: z.string(),
        name_en: z.string().nullish(),
        family: z.string().nullish(),
        dimensions: list(z.object({ code: z.string(), name: z.string(), name_en: z.string().nullish(), weight: decimal })),
        bands: list(bandSchema),
      }),
      score: optionalDecimal,
      category: categoryField,
      opinion: text,
      zone: zoneField,
      ranks: z
        .record(z.string(), z.number())
        .nullish()
        .transform((v) => v ?? {}),
      dimensions: lenientList(snapshotDimensionSchema),
    }),
  ),
});

export type ResultView = z.infer<typeof resultViewSchema>;
export type EntityResult = z.infer<typeof entityResultSchema>;
export type DimensionResult = z.infer<typeof dimensionResultSchema>;
export type ExplanationView = z.infer<typeof explanationViewSchema>;
export type IndicatorLoss = z.infer<typeof indicatorLossSchema>;
export type Improvement = z.infer<typeof improvementSchema>;
export type NextStep = NonNullable<ExplanationView['next_category']>;
export type WhatIfResult = z.infer<typeof whatIfResultSchema>;
export type Objection = z.infer<typeof objectionSchema>;
export type WorkItem = z.infer<typeof workSchema>['items'][number];
export type UnitView = z.infer<typeof unitViewSchema>;
export type Evidence = z.infer<typeof evidenceSchema>;
export type Instrument = z.infer<typeof instrumentSchema>;
export type PublicEntity = z.infer<typeof publicEntitySchema>;
export type HistoryEntry = PublicEntity['history'][number];
export type Region = z.infer<typeof regionsSchema>['items'][number];
