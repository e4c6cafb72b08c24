import { z } from 'zod';
import { categories, zones } from '../../domain/types';

const num = z.union([z.number(), z.string().transform(Number)]);

/** entityResultSchema is the body of GET /api/v1/periods/{year}/entities/{id}/result. */
export const entityResultSchema = z.object({
  entity: z.object({
    id: z.number(),
    name: z.string(),
    kind: z.string(),
    units: z.array(z.object({ id: z.number(), name: z.string() })).optional().default([]),
  }),
  state: z.string(),
  result: z.object({
    score: num,
    category: z.enum(categories).nullable().optional(),
    opinion: z.string().optional().default(''),
    zone: z.enum(zones).nullable().optional(),
    complete: z.boolean(),
    created_at: z.string().optional(),
    units: z.array(z.object({ unit_id: z.number(), score: num, complete: z.boolean() })).optional().default([]),
    dimensions: z
      .array(z.object({ unit_id: z.number(), dimension: z.string(), points: num, max_points: num, percent: num }))
      .optional()
      .default([]),
  }),
});

/** EntityResult is an entity's stored result with its state. */
export type EntityResult = z.infer<typeof entityResultSchema>;

/** periodEntitySchema is what verify answers: the entity's state in the period. */
export const periodEntitySchema = z.object({ entity_id: z.number(), state: z.string(), version: z.number().optional() });

/** ReturnComment is a reviewer's comment on one indicator, sent with a return. */
export interface ReturnComment {
  indicator: string;
  body: string;
}
