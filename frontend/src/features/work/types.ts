import { z } from 'zod';

/** unitStates are the states of a unit's questionnaire, in workflow order. */
export const unitStates = ['draft', 'submitted', 'returned', 'accepted'] as const;
/** UnitState is one state of a unit assessment. */
export type UnitState = (typeof unitStates)[number];

/** isUnitState narrows a string to a unit state. */
export function isUnitState(s: string | null | undefined): s is UnitState {
  return (unitStates as readonly string[]).includes(s ?? '');
}

const window = z.object({ from: z.string(), to: z.string() }).nullable().optional();

/** periodSchema is a period as GET /api/v1/periods lists it (signed-in view). */
export const periodSchema = z.object({
  id: z.number(),
  year: z.number(),
  name: z.string(),
  status: z.string(),
  historical: z.boolean().optional(),
  windows: z
    .object({ fieldwork: window, review: window, objection: window, publish_on: z.string().optional() })
    .partial()
    .optional(),
  version: z.number().optional(),
});

/** Period is one year's assessment. */
export type Period = z.infer<typeof periodSchema>;

/** periodsSchema is the body of GET /api/v1/periods. */
export const periodsSchema = z.object({ items: z.array(periodSchema) });

/** workItemSchema is a unit assessment in a work list or review queue. */
export const workItemSchema = z.object({
  unit_assessment_id: z.number(),
  period_id: z.number(),
  year: z.number(),
  entity_id: z.number(),
  entity: z.string(),
  kind: z.string(),
  unit_id: z.number(),
  unit: z.string(),
  state: z.enum(unitStates),
  version: z.number(),
  answered: z.number(),
  total: z.number(),
  assessors: z.array(z.number()).nullable().optional(),
  return_reason: z.string().optional(),
});

/** WorkItem is one unit to work on or to review. */
export type WorkItem = z.infer<typeof workItemSchema>;

/** workListSchema is the body of GET /api/v1/work. */
export const workListSchema = z.object({
  items: z.array(workItemSchema),
  total: z.number(),
  limit: z.number().optional(),
  offset: z.number().optional(),
});

/** WorkList is one page of work items. */
export type WorkList = z.infer<typeof workListSchema>;

/** EntityGroup is an entity with its units, in list order. */
export interface EntityGroup {
  entityId: number;
  entity: string;
  kind: string;
  items: WorkItem[];
}

/** groupByEntity keeps the server's order (entity name, unit) and groups units under their entity. */
export function groupByEntity(items: readonly WorkItem[]): EntityGroup[] {
  const out: EntityGroup[] = [];
  const byId = new Map<number, EntityGroup>();
  for (const it of items) {
    let g = byId.get(it.entity_id);
    if (!g) {
      g = { entityId: it.entity_id, entity: it.entity, kind: it.kind, items: [] };
      byId.set(it.entity_id, g);
      out.push(g);
    }
    g.items.push(it);
  }
  return out;
}

/**
 * defaultYear picks the period to show first: the open one (the newest if
 * several are open), else the newest.
 */
export function defaultYear(periods: readonly Period[]): number | undefined {
  const sorted = [...periods].sort((a, b) => b.year - a.year);
  return (sorted.find((p) => p.status === 'open') ?? sorted[0])?.year;
}
