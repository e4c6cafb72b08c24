import type { Band } from './types';

/** BandRange is a band with its upper bound made explicit. */
export interface BandRange {
  band: Band;
  min: number;
  max: number;
}

/**
 * bandRanges orders bands from best to worst and gives each its upper bound:
 * 100 for the top band, otherwise one hundredth below the next band's lower
 * bound (scores are compared rounded to two decimals, lower bound inclusive).
 */
export function bandRanges(bands: readonly Band[]): BandRange[] {
  const sorted = [...bands].sort((a, b) => b.min - a.min);
  return sorted.map((band, i) => {
    const above = sorted[i - 1];
    const max = above ? Math.round(above.min * 100 - 1) / 100 : 100;
    return { band, min: band.min, max };
  });
}

/** hasLetters reports whether a method publishes category letters (2022+) or zones only (2021). */
export function hasLetters(bands: readonly Band[]): boolean {
  return bands.some((b) => b.category !== null);
}
