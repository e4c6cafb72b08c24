import { describe, expect, it } from 'vitest';
import { periodSchema, rankingsSchema } from '../public-results/types';
import { period2022, polres2022 } from '../results/testdata';
import { peerComparison } from './peer';

const dims = periodSchema.parse(period2022).method.dimensions;
const items = rankingsSchema.parse(polres2022).items;
const own = { entityId: 25, score: 83.53, dimensions: { IN: 17.48, PR: 27.4655, OU: 22.624, PG: 15.9556 } };

describe('peerComparison', () => {
  it('gives the group average and best of the score, with the entity rank', () => {
    const c = peerComparison(items, own, dims);
    expect(c.count).toBe(3);
    expect(c.rank).toBe(3);
    // (86.11 + 83.87 + 83.53) / 3 = 84.5033…
    expect(c.score).toMatchObject({ own: 83.53, average: 84.5, best: 86.11, bestEntities: ['Polresta Bengkulu'], gapToBest: -2.58, gapToAverage: -0.97 });
  });

  it('compares each dimension in method order, from 4-decimal points, exactly', () => {
    const c = peerComparison(items, own, dims);
    expect(c.dimensions.map((d) => d.code)).toEqual(['IN', 'PR', 'OU', 'PG']);
    const proses = c.dimensions[1]!;
    // (29.43 + 29.43 + 27.4655) / 3 = 28.7752 → 28.78
    expect(proses).toMatchObject({ name: 'Proses', max: 32.37, own: 27.4655, average: 28.78, best: 29.43, gapToBest: -1.96 });
    expect(proses.bestEntities).toEqual(['Polresta Bengkulu', 'Polres Rejang Lebong']);
  });

  it('names every holder of a tied best, and says the entity is best when it is', () => {
    const input = peerComparison(items, own, dims).dimensions[0]!;
    expect(input.best).toBe(17.48);
    expect(input.bestEntities).toEqual(['Polres Rejang Lebong', 'Polres Kaur']);
    expect(input.gapToBest).toBe(0);
  });

  it('rounds the average half up to two decimals without floating-point drift', () => {
    const two = items.slice(0, 2).map((r, i) => ({ ...r, score: i === 0 ? 0.005 : 0, dimensions: [] }));
    expect(peerComparison(two, { entityId: 1, score: null, dimensions: {} }, dims).score.average).toBe(0);
    const three = items.map((r, i) => ({ ...r, dimensions: [{ unit_id: 0, dimension: 'IN', points: [1.0005, 1.0005, 1.0005][i]!, max_points: 21.85, percent: 0 }] }));
    expect(peerComparison(three, own, dims).dimensions[0]!.average).toBe(1);
  });

  it('shows the entity even when it is not ranked in the group, and skips rows without a dimension', () => {
    const others = items.filter((r) => r.entity_id !== 25).map((r, i) => (i === 0 ? { ...r, dimensions: [] } : r));
    const c = peerComparison(others, own, dims);
    expect(c.rank).toBeNull();
    expect(c.count).toBe(2);
    expect(c.score.own).toBe(83.53);
    expect(c.dimensions[3]).toMatchObject({ own: 15.9556, average: 15.95, best: 15.95, bestEntities: ['Polres Rejang Lebong'] });
  });

  it('has nothing to compare with an empty group', () => {
    const c = peerComparison([], own, dims);
    expect(c.count).toBe(0);
    expect(c.score).toMatchObject({ own: 83.53, average: null, best: null, gapToBest: null, bestEntities: [] });
  });
});
