import type { ExplanationView } from '../results/types';

/** UnitShortfall is one unit's answer to an indicator that lost points, with the assessor's note. */
export interface UnitShortfall {
  unitId: number;
  unitName: string;
  value: number | null;
  max: number;
  /** answered or unanswered */
  state: string | null;
  /** Points lost in the unit's own score (0–100). */
  lostInUnit: number;
  note: string | null;
}

/** ToFix is an indicator that lost points, with the points the entity would gain by fixing it everywhere. */
export interface ToFix {
  code: string;
  name: string;
  dimension: string;
  /** Points the entity's score gains when every unit answers it at the maximum. */
  gain: number;
  units: UnitShortfall[];
}

/**
 * toFix lists the indicators where the entity lost points, largest gain
 * first (ties in instrument order), each with the units that lost them, their
 * answers and the assessors' notes: the "what to fix" of the report card.
 */
export function toFix(x: ExplanationView, unitName: (id: number) => string): ToFix[] {
  const order = new Map(x.explanation.indicators.map((ind, i) => [ind.code, i]));
  return x.explanation.indicators
    .filter((ind) => ind.lost > 0)
    .map((ind) => ({
      code: ind.code,
      name: ind.name,
      dimension: ind.dimension,
      gain: ind.lost,
      units: x.explanation.units.flatMap((u) => {
        const l = u.indicators.find((i) => i.code === ind.code);
        if (!l || l.lost <= 0) return [];
        const unitId = Number(u.unit_id);
        return [
          {
            unitId,
            unitName: u.name || unitName(unitId),
            value: l.value,
            max: l.max,
            state: l.state,
            lostInUnit: l.lost,
            note: x.notes.find((n) => n.unit_id === unitId && n.indicator === ind.code)?.note ?? null,
          },
        ];
      }),
    }))
    .sort((a, b) => b.gain - a.gain || (order.get(a.code) ?? 0) - (order.get(b.code) ?? 0));
}
