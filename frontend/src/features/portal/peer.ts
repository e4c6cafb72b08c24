import type { Dimension, RankingItem } from '../public-results/types';

/** PeerStat is one figure (a dimension's points or the score) compared with a peer group. */
export interface PeerStat {
  /** The entity's own value; null when its result has none. */
  own: number | null;
  /** The mean over every ranked entity of the group (the entity included), to 2 decimals. */
  average: number | null;
  /** The highest value in the group. */
  best: number | null;
  /** Who holds the best value (several on a tie), in ranking order. */
  bestEntities: string[];
  /** own − average, to 2 decimals. */
  gapToAverage: number | null;
  /** own − best, to 2 decimals (0 or negative). */
  gapToBest: number | null;
}

/** PeerDimension is a dimension's comparison, with its weight. */
export interface PeerDimension extends PeerStat {
  code: string;
  name: string;
  nameEn: string | null;
  /** The dimension's weight: the most points it can give. */
  max: number;
}

/** PeerComparison is an entity's result set against its peer group's public ranking. */
export interface PeerComparison {
  /** Entities ranked in the group. */
  count: number;
  /** The entity's rank in the group, when it is ranked there. */
  rank: number | null;
  score: PeerStat;
  dimensions: PeerDimension[];
}

/** OwnResult is the entity's own figures, from its result. */
export interface OwnResult {
  entityId: number;
  score: number | null;
  /** Points per dimension code. */
  dimensions: Record<string, number>;
}

// Points arrive with up to 4 decimals: sums are made in ten-thousandths, as
// integers, so that the mean does not drift, then rounded half up to 2.
const unit = 10_000;
const toUnits = (v: number) => Math.round(v * unit);
const round2 = (v: number) => Math.round(v * 100 + Number.EPSILON * 100) / 100;

function stat(own: number | null, values: { value: number; entity: string }[]): PeerStat {
  if (values.length === 0) {
    return { own, average: null, best: null, bestEntities: [], gapToAverage: null, gapToBest: null };
  }
  const sum = values.reduce((s, v) => s + toUnits(v.value), 0);
  const average = round2(sum / values.length / unit);
  const bestUnits = Math.max(...values.map((v) => toUnits(v.value)));
  const best = bestUnits / unit;
  return {
    own,
    average,
    best: round2(best),
    bestEntities: values.filter((v) => toUnits(v.value) === bestUnits).map((v) => v.entity),
    gapToAverage: own === null ? null : round2((toUnits(own) - sum / values.length) / unit),
    gapToBest: own === null ? null : round2((toUnits(own) - bestUnits) / unit),
  };
}

/**
 * peerComparison sets an entity's score and dimension points against the
 * average and the best of a peer group, computed from the group's public
 * ranking (the only comparison an agency user may see). Rows without a
 * dimension are left out of that dimension's figures; the entity's own
 * values come from its own result, so that they show even when it is not
 * ranked in the group.
 */
export function peerComparison(items: readonly RankingItem[], own: OwnResult, dimensions: readonly Dimension[]): PeerComparison {
  const ordered = [...items].sort((a, b) => a.rank - b.rank || a.entity.localeCompare(b.entity));
  const scored = ordered.flatMap((r) => (r.score === null ? [] : [{ value: r.score, entity: r.entity }]));
  const self = ordered.find((r) => r.entity_id === own.entityId);
  return {
    count: ordered.length,
    rank: self?.rank ?? null,
    score: stat(own.score, scored),
    dimensions: dimensions.map((d) => {
      const values = ordered.flatMap((r) => {
        const x = r.dimensions.find((dd) => dd.dimension === d.code && !dd.unit_id);
        return x ? [{ value: x.points, entity: r.entity }] : [];
      });
      const mine = own.dimensions[d.code];
      return {
        code: d.code,
        name: d.name,
        nameEn: d.name_en ?? null,
        max: d.weight,
        ...stat(mine === undefined ? null : mine, values),
      };
    }),
  };
}
