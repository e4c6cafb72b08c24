import { z } from 'zod';
import { categories, zones } from '../../domain/types';

// Schemas for the public results API. They are lenient where the Go side
// may reasonably differ (a decimal sent as a string, an absent list sent as
// null) and strict where the UI would otherwise show nonsense (zones,
// categories, numbers).

/** decimal accepts 94.1 as well as "94.10", since Go decimals often marshal as strings. */
const decimal = z.union([
  z.number(),
  z
    .string()
    .regex(/^-?\d+(\.\d+)?$/)
    .transform(Number),
]);

const list = <T extends z.ZodType>(item: T) =>
  z
    .array(item)
    .nullish()
    .transform((v) => v ?? []);

// "No zone" and "no letter" may arrive as null, as an absent key or as "".
const zone = z
  .union([z.enum(zones), z.literal('')])
  .nullish()
  .transform((v) => v || null);
const category = z
  .union([z.enum(categories), z.literal('')])
  .nullish()
  .transform((v) => v || null);
const text = z.string().nullish().transform((v) => v ?? null);

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
  family: z.string().nullish(),
  dimensions: list(dimensionSchema),
  bands: list(bandSchema),
});

/** periodSchema: one published assessment year. */
export const periodSchema = z.object({
  year: z.number().int(),
  /** Imported results of an earlier method, not comparable with 2022+. */
  historical: z.boolean().nullish(),
  method: methodSchema,
  published_at: z.string().nullish(),
});

/** periodsSchema is GET /api/v1/public/periods. */
export const periodsSchema = z.object({ items: list(periodSchema) });

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
  score: decimal.nullish().transform((v) => v ?? null),
  // Per-dimension results (dimensions[]) are not shown in the public
  // ranking; the schema leaves them out rather than fail on their shape.
});

const counts = z.record(z.string(), z.number()).nullish().transform((v) => v ?? {});

/** rankingsSchema is GET /api/v1/public/rankings. */
export const rankingsSchema = z.object({
  period: periodSchema,
  items: list(rankingItemSchema),
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
export type Rankings = z.infer<typeof rankingsSchema>;
export type Province = z.infer<typeof provincesSchema>['items'][number];
