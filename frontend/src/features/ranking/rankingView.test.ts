import { describe, expect, it } from 'vitest';
import { rankingsSchema } from '../public-results/types';
import { pemda2022, pemda2023 } from '../results/testdata';
import { defaultDir, filterRows, fold, parseSortKey, sortRows } from './rankingView';

const rows = rankingsSchema.parse(pemda2022).items;
const moved = rankingsSchema.parse(pemda2023).items;
const names = (rs: { entity: string }[]) => rs.map((r) => r.entity);
const none = { q: '', category: '', zone: '' } as const;

describe('filterRows', () => {
  it('finds names by any case and without accents, every word', () => {
    expect(names(filterRows(rows, { ...none, q: 'kaur' }))).toEqual(['Kabupaten Kaur']);
    expect(names(filterRows(rows, { ...none, q: '  BENGKULU  ' }))).toEqual(['Kota Bengkulu', 'Kabupaten Bengkulu Tengah']);
    expect(names(filterRows(rows, { ...none, q: 'tengah kab' }))).toEqual(['Kabupaten Bengkulu Tengah']);
    expect(fold('Sébélas')).toBe('sebelas');
  });

  it('keeps one category or one zone', () => {
    expect(names(filterRows(rows, { ...none, category: 'C' }))).toEqual(['Kabupaten Lebong', 'Kabupaten Bengkulu Tengah']);
    expect(names(filterRows(rows, { ...none, zone: 'green' }))).toEqual(['Kabupaten Kaur', 'Kota Bengkulu']);
    expect(filterRows(rows, { ...none, zone: 'red' })).toEqual([]);
  });

  it('combines the filters', () => {
    expect(names(filterRows(rows, { q: 'kabupaten', category: 'C', zone: 'yellow' }))).toEqual(['Kabupaten Lebong', 'Kabupaten Bengkulu Tengah']);
  });
});

describe('sortRows', () => {
  it('sorts by score both ways', () => {
    expect(names(sortRows(rows, { key: 'score', dir: 'asc' }))[0]).toBe('Kabupaten Bengkulu Tengah');
    expect(names(sortRows(rows, { key: 'score', dir: 'desc' }))[0]).toBe('Kabupaten Kaur');
  });

  it('sorts by name with the Indonesian collation', () => {
    expect(names(sortRows(rows, { key: 'entity', dir: 'asc' }))).toEqual([
      'Kabupaten Bengkulu Tengah',
      'Kabupaten Kaur',
      'Kabupaten Lebong',
      'Kota Bengkulu',
    ]);
  });

  it("sorts by a dimension's points", () => {
    // Proses: Kaur 30.97, Kota 28.5, Bengkulu Tengah 24.41, Lebong 24.0
    expect(names(sortRows(rows, { key: 'dim:PR', dir: 'desc' }))).toEqual([
      'Kabupaten Kaur',
      'Kota Bengkulu',
      'Kabupaten Bengkulu Tengah',
      'Kabupaten Lebong',
    ]);
  });

  it('sorts by movement, and puts rows without a comparable movement last either way', () => {
    expect(names(sortRows(moved, { key: 'movement', dir: 'desc' }))).toEqual(['Kota Bengkulu', 'Kabupaten Lebong', 'Kabupaten Kaur']);
    expect(names(sortRows(moved, { key: 'movement', dir: 'asc' }))).toEqual(['Kabupaten Kaur', 'Kabupaten Lebong', 'Kota Bengkulu']);
    // 2022 is not comparable with 2021: nothing to sort by, the published order stays.
    expect(names(sortRows(rows, { key: 'movement', dir: 'desc' }))).toEqual(names(rows));
  });

  it('breaks ties by rank, whatever order the rows came in', () => {
    const tied = rows.map((r) => ({ ...r, category: 'B' as const }));
    expect(names(sortRows([...tied].reverse(), { key: 'category', dir: 'asc' }))).toEqual(names(rows));
  });

  it('does not change its input', () => {
    const copy = [...rows];
    sortRows(rows, { key: 'score', dir: 'asc' });
    expect(rows).toEqual(copy);
  });
});

describe('sort keys', () => {
  it('reads known keys from the address only', () => {
    expect(parseSortKey('score', ['IN'])).toBe('score');
    expect(parseSortKey('dim:IN', ['IN'])).toBe('dim:IN');
    expect(parseSortKey('dim:XX', ['IN'])).toBeNull();
    expect(parseSortKey('drop table', ['IN'])).toBeNull();
    expect(parseSortKey(null, [])).toBeNull();
  });

  it('sorts best first when a column is first chosen', () => {
    expect(defaultDir('score')).toBe('desc');
    expect(defaultDir('dim:IN')).toBe('desc');
    expect(defaultDir('rank')).toBe('asc');
    expect(defaultDir('category')).toBe('asc');
  });
});
