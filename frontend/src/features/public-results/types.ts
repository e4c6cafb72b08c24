import { z } from 'zod';
import { categoryField as category, decimal, lenientList, list, optionalDecimal, text, zoneField as zone } from '../../domain/schema';

// Schemas for the results API (public and internal rankings share them).
// The building blocks in domain/schema.ts are lenient where the Go side may
// reasonably differ and strict where the UI would otherwise show nonsense.

/** dimensionSchema: one weighted dimension of a method. */
export const dimensionSchema = z.object({
  code: z.string(),
  name: z.string(),
  name_en: z.string().nullish(),
  weight: decimal,
});

/**
 * bandSchema: from min (inclusive) upwards, a category, an opinion and a
 * zone. The lower bound is "min" in the API contract; the scoring package
 * calls it "lower", and both are accepted.
 */
export const bandSchema = z
  .object({
    category,
    opinion: z.string(),
    zone,
    min: decimal.optional(),
    lower: decimal.optional(),
  })
  .refine((b) => b.min !== undefined || b.lower !== undefined, { message: 'a band needs its lower bound (min)' })
  .transform(({ min, lower, ...b }) => ({ ...b, min: (min ?? lower) as number }));

/** methodSchema: the assessment method of a period. */
export const methodSchema = z.object({
  code: z.string(),
  name: z.string(),
  name_en: z.string().nullish(),
  family: z.string().nullish(),
  dimensions: list(dimensionSchema),
  bands: list(bandSchema),
});

const windowSchema = z
  .object({ from: z.string(), to: z.string() })
  .nullish()
  .transform((v) => v ?? null);

/** windowsSchema: a period's schedule, inclusive calendar days (YYYY-MM-DD). */
export const windowsSchema = z
  .object({
    fieldwork: windowSchema,
    review: windowSchema,
    objection: windowSchema,
    publish_on: z.string().nullish(),
  })
  .partial()
  .nullish()
  .transform((v) => v ?? {});

/** periodSchema: one assessment year (the public list holds published ones only). */
export const periodSchema = z.object({
  year: z.number().int(),
  name: z.string().nullish(),
  /** planning, open, closed or published; the public API sends published only. */
  status: z.string().nullish(),
  windows: windowsSchema,
  /** Imported results of an earlier method, not comparable with 2022+. */
  historical: z.boolean().nullish(),
  method: methodSchema,
  published_at: z.string().nullish(),
});

/** periodsSchema is GET /api/v1/public/periods. */
export const periodsSchema = z.object({ items: list(periodSchema) });

/**
 * snapshotDimensionSchema: a dimension's points of an entity (unit_id 0) or
 * of one of its units, out of the dimension's weight.
 */
export const snapshotDimensionSchema = z.object({
  unit_id: z.number().nullish(),
  dimension: z.string(),
  points: decimal,
  max_points: decimal,
  percent: decimal,
});

/** notAssessedSchema: an entity of the group that was not assessed: listed, never ranked. */
export const notAssessedSchema = z.object({
  id: z.number(),
  name: z.string(),
  kind: z.string().nullish(),
  province: text,
});

/** rankingItemSchema: one ranked entity. */
export const rankingItemSchema = z.object({
  rank: z.number().int(),
  entity_id: z.number(),
  entity: z.string(),
  category_code: z.string(),
  province: text,
  province_code: text,
  category,
  opinion: text,
  zone,
  score: optionalDecimal,
  complete: z.boolean().nullish(),
  /** The entity's points per dimension; entries of another shape are dropped. */
  dimensions: lenientList(snapshotDimensionSchema),
  /** Last year's score in the same peer group, if the entity was ranked then. */
  previous_score: optionalDecimal,
  previous_rank: z.number().int().nullish(),
  /** Places gained (positive) or lost since last year; absent when not comparable. */
  movement: z.number().int().nullish(),
  /** Last year used another method family: ranks and scores do not compare. */
  not_comparable: z.boolean().nullish(),
});

const counts = z.record(z.string(), z.number()).nullish().transform((v) => v ?? {});

/** rankingsSchema is GET /api/v1/public/rankings. */
export const rankingsSchema = z.object({
  period: periodSchema,
  /** The stored peer-group key ("pemda/17", "polres"). */
  group: z.string().nullish(),
  /** The year movement is measured against, when there is one. */
  previous_year: z.number().int().nullish(),
  items: list(rankingItemSchema),
  not_assessed: lenientList(notAssessedSchema),
  distribution: z
    .object({ zones: counts, categories: counts })
    .nullish()
    .transform((v) => v ?? { zones: {}, categories: {} }),
});

/** provincesSchema is GET /api/v1/public/provinces. */
export const provincesSchema = z.object({
  items: list(z.object({ code: z.string(), name: z.string() })),
});

export type Dimension = z.infer<typeof dimensionSchema>;
export type Band = z.infer<typeof bandSchema>;
export type Method = z.infer<typeof methodSchema>;
export type Period = z.infer<typeof periodSchema>;
export type RankingItem = z.infer<typeof rankingItemSchema>;
export type SnapshotDimension = z.infer<typeof snapshotDimensionSchema>;
export type NotAssessed = z.infer<typeof notAssessedSchema>;
export type Windows = z.infer<typeof windowsSchema>;
export type Rankings = z.infer<typeof rankingsSchema>;
export type Province = z.infer<typeof provincesSchema>['items'][number];
