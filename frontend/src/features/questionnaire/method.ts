import { z } from 'zod';

// The p4-method/1 file as GET /api/v1/periods/{year}/method returns it
// (docs/INSTRUMENT.md). Only what the questionnaire shows is read; the
// server validated the file when it was stored.

const weight = z.union([z.number(), z.string()]).optional();

const indicatorSchema = z.object({
  code: z.string(),
  variable: z.string().optional(),
  name: z.string(),
  name_en: z.string().optional(),
  question: z.string(),
  question_en: z.string().optional(),
  weight,
  max: z.number().optional(),
  levels: z.array(z.string()).optional(),
  levels_en: z.array(z.string()).optional(),
  na_allowed: z.boolean().optional(),
  kinds: z.array(z.string()).optional(),
  source: z.string().optional(),
  guidance: z.string().optional(),
  evidence: z.string().optional(),
});

/** Indicator is one question of the instrument. */
export type Indicator = z.infer<typeof indicatorSchema>;

const dimensionSchema = z.object({
  code: z.string(),
  name: z.string(),
  name_en: z.string().optional(),
  weight,
  component: z.string().optional(),
  variables: z.array(z.object({ code: z.string(), name: z.string(), name_en: z.string().optional() })).optional(),
  indicators: z.array(indicatorSchema),
});

/** methodFileSchema is a p4-method/1 file. */
export const methodFileSchema = z.object({
  format: z.string(),
  method: z.object({
    code: z.string(),
    name: z.string(),
    name_en: z.string().optional(),
  }),
  instrument: z
    .object({
      code: z.string(),
      name: z.string(),
      name_en: z.string().optional(),
      scale: z
        .object({
          max: z.number().optional(),
          levels: z.array(z.string()).optional(),
          levels_en: z.array(z.string()).optional(),
        })
        .optional(),
      dimensions: z.array(dimensionSchema),
    })
    .optional(),
});

/** MethodFile is a period's method with its instrument. */
export type MethodFile = z.infer<typeof methodFileSchema>;

/** Level is one answer an indicator accepts, with its meaning. */
export interface Level {
  value: number;
  text: string;
}

/** IndicatorView is an indicator ready to show in one language. */
export interface IndicatorView {
  code: string;
  name: string;
  question: string;
  guidance?: string;
  evidence?: string;
  source?: string;
  naAllowed: boolean;
  levels: Level[];
  /** Whether the texts are Indonesian although English was asked for (no translation in the file). */
  untranslated: { name: boolean; question: boolean; levels: boolean };
}

/** VariableSection groups the indicators of one variable (or of a dimension without variables). */
export interface VariableSection {
  code: string;
  name?: string;
  indicators: IndicatorView[];
}

/** DimensionSection is one dimension of the questionnaire. */
export interface DimensionSection {
  code: string;
  name: string;
  variables: VariableSection[];
  count: number;
}

/** Questionnaire is the instrument for one entity kind, in one language. */
export interface Questionnaire {
  dimensions: DimensionSection[];
  /** Applicable indicator codes in instrument order. */
  order: string[];
  byCode: Map<string, IndicatorView>;
}

function pick(id: string, en: string | undefined, lang: string): [string, boolean] {
  if (lang === 'en') return en ? [en, false] : [id, true];
  return [id, false];
}

/**
 * buildQuestionnaire lays out the instrument for an entity kind: only the
 * indicators that apply to the kind, grouped by dimension and variable, each
 * with its levels spelled out (its own, else the scale's, else bare numbers).
 */
export function buildQuestionnaire(file: MethodFile, kind: string, lang: string): Questionnaire {
  const ins = file.instrument;
  const out: Questionnaire = { dimensions: [], order: [], byCode: new Map() };
  if (!ins) return out;
  const scaleMax = ins.scale?.max ?? 3;
  for (const d of ins.dimensions) {
    const section: DimensionSection = { code: d.code, name: pick(d.name, d.name_en, lang)[0], variables: [], count: 0 };
    const vars = new Map<string, VariableSection>();
    for (const v of d.variables ?? []) {
      const vs: VariableSection = { code: v.code, name: pick(v.name, v.name_en, lang)[0], indicators: [] };
      vars.set(v.code, vs);
      section.variables.push(vs);
    }
    for (const ind of d.indicators) {
      if (ind.kinds && ind.kinds.length > 0 && !ind.kinds.includes(kind)) continue;
      const max = ind.max ?? scaleMax;
      const ownLevels = ind.levels ? [ind.levels, ind.levels_en] : undefined;
      const scaleLevels = ins.scale?.levels ? [ins.scale.levels, ins.scale.levels_en] : undefined;
      const [idLevels, enLevels] = ownLevels ?? (max === scaleMax ? scaleLevels : undefined) ?? [undefined, undefined];
      const useEn = lang === 'en' && enLevels && enLevels.length === max + 1;
      const texts = useEn ? enLevels : idLevels;
      const levels: Level[] = Array.from({ length: max + 1 }, (_, v) => ({ value: v, text: texts?.[v] ?? '' }));
      const [name, nameU] = pick(ind.name, ind.name_en, lang);
      const [question, questionU] = pick(ind.question, ind.question_en, lang);
      const view: IndicatorView = {
        code: ind.code,
        name,
        question,
        guidance: ind.guidance,
        evidence: ind.evidence,
        source: ind.source,
        naAllowed: ind.na_allowed === true,
        levels,
        untranslated: { name: nameU, question: questionU, levels: lang === 'en' && !useEn && !!idLevels },
      };
      let vs = ind.variable ? vars.get(ind.variable) : undefined;
      if (!vs) {
        vs = vars.get('') ?? { code: '', indicators: [] };
        if (!vars.has('')) {
          vars.set('', vs);
          section.variables.push(vs);
        }
      }
      vs.indicators.push(view);
      out.order.push(ind.code);
      out.byCode.set(ind.code, view);
      section.count++;
    }
    section.variables = section.variables.filter((v) => v.indicators.length > 0);
    if (section.count > 0) out.dimensions.push(section);
  }
  return out;
}

/** indicatorAnchor is the element id of an indicator's card, for links that scroll to it. */
export function indicatorAnchor(code: string): string {
  return `indikator-${code.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}
