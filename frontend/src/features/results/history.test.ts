import { describe, expect, it } from 'vitest';
import { historyRows } from './history';
import { kaurHistory } from './testdata';
import { publicEntitySchema } from './types';

describe('historyRows', () => {
  it('orders years oldest first and marks a method change as not comparable', () => {
    const rows = historyRows(publicEntitySchema.parse(kaurHistory).history);
    expect(rows.map((r) => [r.year, r.comparable, r.previousYear, r.delta])).toEqual([
      [2021, true, null, null],
      [2022, false, 2021, null],
    ]);
    expect(rows[0]?.category).toBeNull();
  });

  it('gives the change in score between years of the same method', () => {
    const h = publicEntitySchema.parse(kaurHistory).history;
    const y2023 = { ...h[0]!, year: 2023, score: 95.5 };
    const rows = historyRows([y2023, ...h]);
    expect(rows.map((r) => [r.year, r.comparable, r.delta])).toEqual([
      [2021, true, null],
      [2022, false, null],
      [2023, true, 1.49],
    ]);
  });
});
