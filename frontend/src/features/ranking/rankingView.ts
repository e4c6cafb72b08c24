import type { Category, Zone } from '../../domain/types';
import type { RankingItem } from '../public-results/types';

/** SortKey names a sortable column; "dim:IN" sorts by one dimension's points. */
export type SortKey = 'rank' | 'entity' | 'score' | 'category' | 'zone' | 'movement' | `dim:${string}`;

/** SortDir is a sort direction. */
export type SortDir = 'asc' | 'desc';

/** SortState is the column a ranking is sorted by, and how. */
export interface SortState {
  key: SortKey;
  dir: SortDir;
}

/** RowFilter narrows a ranking on the client: a name search, a category, a zone. */
export interface RowFilter {
  q: string;
  category: Category | '';
  zone: Zone | '';
}

/** defaultSort is the published order: by rank. */
export const defaultSort: SortState = { key: 'rank', dir: 'asc' };

/**
 * defaultDir is the direction a column sorts in when first chosen: best
 * first for scores and points (descending), A before E, green before red,
 * rank 1 first, names A–Z, the biggest rise first.
 */
export function defaultDir(key: SortKey): SortDir {
  return key === 'score' || key === 'movement' || key.startsWith('dim:') ? 'desc' : 'asc';
}

/** parseSortKey reads a sort key from the address; anything unknown is null. */
export function parseSortKey(s: string | null, dimensionCodes: readonly string[]): SortKey | null {
  if (!s) return null;
  if (s === 'rank' || s === 'entity' || s === 'score' || s === 'category' || s === 'zone' || s === 'movement') return s;
  if (s.startsWith('dim:') && dimensionCodes.includes(s.slice(4))) return s as SortKey;
  return null;
}

/** fold lowers case and strips accents, so "kaur" finds "Kaur" and "sebelas" finds "Sébélas". */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .trim();
}

/** filterRows keeps the rows whose name contains every word searched, of the chosen category and zone. */
export function filterRows(rows: readonly RankingItem[], f: RowFilter): RankingItem[] {
  const words = fold(f.q).split(/\s+/).filter(Boolean);
  return rows.filter((r) => {
    if (f.category && r.category !== f.category) return false;
    if (f.zone && r.zone !== f.zone) return false;
    if (words.length === 0) return true;
    const name = fold(r.entity);
    return words.every((w) => name.includes(w));
  });
}

/** dimensionPoints is a row's points in a dimension, or null when the row has none. */
export function dimensionPoints(r: RankingItem, code: string): number | null {
  const d = r.dimensions.find((x) => x.dimension === code && !x.unit_id);
  return d ? d.points : null;
}

const zoneOrder: Record<Zone, number> = { green: 0, yellow: 1, red: 2 };

function value(r: RankingItem, key: SortKey): number | string | null {
  switch (key) {
    case 'rank':
      return r.rank;
    case 'entity':
      return r.entity;
    case 'score':
      return r.score;
    case 'category':
      return r.category;
    case 'zone':
      return r.zone ? zoneOrder[r.zone] : null;
    case 'movement':
      return r.not_comparable ? null : (r.movement ?? null);
    default:
      return dimensionPoints(r, key.slice(4));
  }
}

const collator = new Intl.Collator('id', { sensitivity: 'base', numeric: true });

/**
 * sortRows orders rows by a column. Rows without a value (no zone, no
 * previous year) go last whichever the direction; ties keep the published
 * order (rank, then name), so the result never depends on the input order.
 */
export function sortRows(rows: readonly RankingItem[], s: SortState): RankingItem[] {
  const sign = s.dir === 'asc' ? 1 : -1;
  const byRank = (a: RankingItem, b: RankingItem) => a.rank - b.rank || collator.compare(a.entity, b.entity);
  return [...rows].sort((a, b) => {
    const va = value(a, s.key);
    const vb = value(b, s.key);
    if (va === null || vb === null) {
      if (va === null && vb === null) return byRank(a, b);
      return va === null ? 1 : -1;
    }
    const c = typeof va === 'string' && typeof vb === 'string' ? collator.compare(va, vb) : (va as number) - (vb as number);
    return c !== 0 ? sign * c : byRank(a, b);
  });
}
