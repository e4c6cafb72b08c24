import { z } from 'zod';
import { categories, zones } from './types';

// Building blocks for the zod schemas of API bodies. They are lenient where
// the Go side may reasonably differ (a decimal sent as a string, an absent
// list sent as null, "" for "none") and strict where the UI would otherwise
// show nonsense (zones, categories, numbers).

/** decimal accepts 94.1 as well as "94.10", since Go decimals often marshal as strings. */
export const decimal = z.union([
  z.number(),
  z
    .string()
    .regex(/^-?\d+(\.\d+)?$/)
    .transform(Number),
]);

/** optionalDecimal is a decimal that may be absent or null (→ null). */
export const optionalDecimal = decimal.nullish().transform((v) => v ?? null);

/** list is an array that may arrive as null or be left out (→ []). */
export const list = <T extends z.ZodType>(item: T) =>
  z
    .array(item)
    .nullish()
    .transform((v) => v ?? []);

/**
 * lenientList keeps the entries of an array that match item and drops the
 * rest, for parts of a body that are shown when present (per-dimension
 * points in a ranking) and must not make the whole page fail.
 */
export const lenientList = <T extends z.ZodType>(item: T) =>
  z
    .array(z.unknown())
    .nullish()
    .transform((v) =>
      (v ?? []).flatMap((x) => {
        const r = item.safeParse(x);
        return r.success ? [r.data as z.output<T>] : [];
      }),
    );

/** zoneField: "no zone" may arrive as null, as an absent key or as "". */
export const zoneField = z
  .union([z.enum(zones), z.literal('')])
  .nullish()
  .transform((v) => v || null);

/** categoryField: "no letter" may arrive as null, as an absent key or as "". */
export const categoryField = z
  .union([z.enum(categories), z.literal('')])
  .nullish()
  .transform((v) => v || null);

/** text is a string that may be absent (→ null). */
export const text = z
  .string()
  .nullish()
  .transform((v) => v ?? null);
