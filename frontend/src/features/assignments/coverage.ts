import type { LocusRow } from '../locus/api';

/** Coverage sums a locus: assessed entities, their units, and units without an assessor. */
export interface Coverage {
  entities: number;
  units: number;
  unassigned: number;
  uncoveredEntities: number;
}

/** coverage counts only the entities that are assessed: the others need no assessor. */
export function coverage(rows: readonly LocusRow[]): Coverage {
  const assessed = rows.filter((r) => r.assessed);
  return {
    entities: assessed.length,
    units: assessed.reduce((n, r) => n + r.units, 0),
    unassigned: assessed.reduce((n, r) => n + r.units_unassigned, 0),
    uncoveredEntities: assessed.filter((r) => r.units_unassigned > 0).length,
  };
}
