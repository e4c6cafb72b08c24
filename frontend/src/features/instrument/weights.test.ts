import { describe, expect, it } from 'vitest';
import { dimensionTotal, dimensionsTotal, formatRat, parseWeight, rat, toDecimal } from './weights';

describe('parseWeight', () => {
  it.each([
    ['0.25', '1/4'],
    ['1/15', '1/15'],
    [' 2 / 30 ', '1/15'],
    [0.1, '1/10'],
    ['0,5', '1/2'],
  ])('%j is %s', (w, want) => {
    const r = parseWeight(w);
    expect(r && `${r.n}/${r.d}`).toBe(want);
  });

  it.each([[''], ['-0.2'], ['1e-3'], ['1/0'], ['abc'], [null], [undefined], [-1]])('refuses %j', (w) => {
    expect(parseWeight(w)).toBeNull();
  });
});

describe('dimensionTotal', () => {
  it('adds fractions exactly: three thirds make 1', () => {
    const t = dimensionTotal(['1/3', '1/3', '1/3']);
    expect(t.valid).toBe(true);
    expect(formatRat(t.total)).toBe('1');
  });

  it('sees a total that is off by a thirtieth', () => {
    const t = dimensionTotal(['0.1', '1/15', '1/15', '1/15', '1/15', '1/15', '1/15', '1/15', '1/15', '1/15', '1/15', '1/15', '1/15', '1/15', '1/15']);
    expect(t.valid).toBe(false);
    expect(t.problem).toBe('sum');
    expect(toDecimal(t.total, 4)).toBe('1.0333');
    const fixed = dimensionTotal(['0.1', '1/30', '1/15', '1/15', '1/15', '1/15', '1/15', '1/15', '1/15', '1/15', '1/15', '1/15', '1/15', '1/15', '1/15']);
    expect(fixed.valid).toBe(true);
  });

  it('shares equally when every weight is left out', () => {
    const t = dimensionTotal([undefined, undefined, undefined, undefined]);
    expect(t).toMatchObject({ valid: true, implicit: true });
    expect(t.shares.map((s) => s && formatRat(s))).toEqual(['0.25', '0.25', '0.25', '0.25']);
  });

  it('refuses some weights given and some left out, unreadable and zero weights', () => {
    expect(dimensionTotal(['0.5', undefined]).problem).toBe('mixed');
    expect(dimensionTotal(['0.5', 'x']).problem).toBe('invalid');
    expect(dimensionTotal(['1', '0'])).toMatchObject({ problem: 'zero', bad: [1] });
  });
});

describe('dimensionsTotal', () => {
  it('wants decimals summing to exactly 100', () => {
    expect(dimensionsTotal([21.85, 32.37, 24.24, 21.54]).valid).toBe(true);
    expect(dimensionsTotal([21.85, 32.37, 24.24, 21.55]).valid).toBe(false);
    expect(dimensionsTotal(['50', '100/2']).bad).toEqual([1]);
  });
});

describe('toDecimal', () => {
  it('rounds half up', () => {
    expect(toDecimal(rat(1n, 3n), 2)).toBe('0.33');
    expect(toDecimal(rat(2n, 3n), 2)).toBe('0.67');
    expect(toDecimal(rat(1n, 8n), 2)).toBe('0.13');
  });
});
