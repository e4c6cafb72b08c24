import { describe, expect, it } from 'vitest';
import { method2021, method2022 } from '../../test/fixtures';
import { bandRanges, hasLetters } from './bands';
import { methodSchema } from './types';

describe('bandRanges', () => {
  it('gives the 2022 bands their published ranges, best first', () => {
    const m = methodSchema.parse(method2022);
    const got = bandRanges([...m.bands].reverse()).map((r) => [r.band.category, r.min, r.max]);
    expect(got).toEqual([
      ['A', 88, 100],
      ['B', 78, 87.99],
      ['C', 54, 77.99],
      ['D', 32, 53.99],
      ['E', 0, 31.99],
    ]);
    expect(hasLetters(m.bands)).toBe(true);
  });

  it('handles the 2021 zones without letters', () => {
    const m = methodSchema.parse(method2021);
    expect(bandRanges(m.bands).map((r) => [r.band.zone, r.min, r.max])).toEqual([
      ['green', 81, 100],
      ['yellow', 51, 80.99],
      ['red', 0, 50.99],
    ]);
    expect(hasLetters(m.bands)).toBe(false);
  });
});

describe('rankings schema', () => {
  it('accepts the shapes the Go side writes: lower for min, string weights, "" for no zone', () => {
    const m = methodSchema.parse({
      code: '2021',
      name: 'Survei Kepatuhan 2021',
      family: 'kepatuhan',
      dimensions: [{ code: 'input', name: 'Input', weight: '21.85' }],
      bands: [{ opinion: 'Kepatuhan Tinggi', zone: 'green', lower: 81 }, { category: '', opinion: 'x', zone: '', lower: '0.00' }],
    });
    expect(m.dimensions[0]?.weight).toBe(21.85);
    expect(m.bands).toEqual([
      { category: null, opinion: 'Kepatuhan Tinggi', zone: 'green', min: 81 },
      { category: null, opinion: 'x', zone: null, min: 0 },
    ]);
  });

  it('rejects a band without a lower bound and an unknown zone', () => {
    expect(methodSchema.safeParse({ code: 'x', name: 'x', bands: [{ opinion: 'x', zone: 'green' }] }).success).toBe(false);
    expect(methodSchema.safeParse({ code: 'x', name: 'x', bands: [{ opinion: 'x', zone: 'blue', min: 1 }] }).success).toBe(false);
  });
});
