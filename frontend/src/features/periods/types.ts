import { z } from 'zod';

const window = z
  .object({ from: z.string(), to: z.string() })
  .nullish()
  .transform((v) => v ?? null);

/** periodStatuses are a period's states, in order. */
export const periodStatuses = ['planning', 'open', 'closed', 'published'] as const;
/** PeriodStatus is one state of a period. */
export type PeriodStatus = (typeof periodStatuses)[number];

/** periodDetailSchema is GET /api/v1/periods/{year}: the period with its windows and method summary. */
export const periodDetailSchema = z.object({
  id: z.number(),
  year: z.number(),
  name: z.string(),
  status: z.enum(periodStatuses),
  historical: z.boolean().optional().default(false),
  windows: z
    .object({ fieldwork: window, review: window, objection: window, publish_on: z.string().optional() })
    .partial()
    .optional()
    .default({}),
  published_at: z.string().nullish(),
  method: z.object({
    id: z.number(),
    code: z.string(),
    name: z.string(),
    name_en: z.string().optional(),
    family: z.string(),
    dimensions: z
      .array(z.object({ code: z.string(), name: z.string(), name_en: z.string().optional(), weight: z.string() }))
      .nullish()
      .transform((v) => v ?? []),
  }),
  version: z.number(),
});

/** PeriodDetail is one period as an admin plans it. */
export type PeriodDetail = z.infer<typeof periodDetailSchema>;

/** periodListSchema is GET /api/v1/periods. */
export const periodListSchema = z.object({ items: z.array(periodDetailSchema) });

/** publicationSchema is GET /api/v1/periods/{year}/publication: what publishing would do. */
export const publicationSchema = z.object({
  results: z.number(),
  not_assessed: z.number(),
  blocking: z
    .array(z.string())
    .nullish()
    .transform((v) => v ?? []),
});

/** Publication is the summary shown before publishing. */
export type Publication = z.infer<typeof publicationSchema>;

/** locusRowSchema is one entity of GET /api/v1/periods/{year}/locus. */
export const locusRowSchema = z.object({
  entity_id: z.number(),
  name: z.string(),
  assessed: z.boolean(),
  units: z.number(),
  units_unassigned: z.number(),
});

/** locusSchema is GET /api/v1/periods/{year}/locus. */
export const locusSchema = z.object({ items: z.array(locusRowSchema) });

/** Window is a schedule window as the form edits it (empty strings: unset). */
export interface WindowInput {
  from: string;
  to: string;
}

/** ScheduleInput is the whole schedule as the form edits it. */
export interface ScheduleInput {
  fieldwork: WindowInput;
  review: WindowInput;
  objection: WindowInput;
  publish_on: string;
}

/** scheduleOf reads a period's windows into the form. */
export function scheduleOf(p: PeriodDetail): ScheduleInput {
  const w = (x: { from: string; to: string } | null | undefined): WindowInput => ({ from: x?.from ?? '', to: x?.to ?? '' });
  return {
    fieldwork: w(p.windows.fieldwork),
    review: w(p.windows.review),
    objection: w(p.windows.objection),
    publish_on: p.windows.publish_on ?? '',
  };
}

/** windowNames are the schedule's windows, in order. */
export const windowNames = ['fieldwork', 'review', 'objection'] as const;

/**
 * checkSchedule mirrors the server's rules for the form's comfort: both
 * days of a window or neither, and no window ending before it starts.
 * Keys are the server's field names (fieldwork, fieldwork.to, …).
 */
export function checkSchedule(s: ScheduleInput): Record<string, string> {
  const errs: Record<string, string> = {};
  for (const n of windowNames) {
    const w = s[n];
    if (!!w.from !== !!w.to) errs[n] = 'incomplete';
    else if (w.from && w.to && w.to < w.from) errs[`${n}.to`] = 'before_start';
  }
  return errs;
}

/** scheduleBody turns the form into the API's schedule (unset windows left out). */
export function scheduleBody(s: ScheduleInput) {
  const out: Record<string, unknown> = {};
  for (const n of windowNames) if (s[n].from && s[n].to) out[n] = { from: s[n].from, to: s[n].to };
  if (s.publish_on) out.publish_on = s.publish_on;
  return out;
}
