import type { HistoryEntry } from './types';

/** HistoryRow is a year of an entity's history, with whether it compares with the year before. */
export interface HistoryRow extends HistoryEntry {
  /** The earlier year shown before this one, if any. */
  previousYear: number | null;
  /** False when the earlier year used another method family (e.g. 2021's three-zone survey). */
  comparable: boolean;
  /** The score change since the earlier year, when comparable. */
  delta: number | null;
}

/**
 * historyRows orders a history oldest first and marks where the method
 * changed: a score is only compared with the year before when both years
 * used the same method family.
 */
export function historyRows(history: readonly HistoryEntry[]): HistoryRow[] {
  const sorted = [...history].sort((a, b) => a.year - b.year);
  return sorted.map((h, i) => {
    const prev = sorted[i - 1];
    if (!prev) return { ...h, previousYear: null, comparable: true, delta: null };
    const comparable = familyOf(prev) === familyOf(h);
    const delta = comparable && h.score !== null && prev.score !== null ? Math.round((h.score - prev.score) * 100) / 100 : null;
    return { ...h, previousYear: prev.year, comparable, delta };
  });
}

function familyOf(h: HistoryEntry): string {
  return h.method.family || h.method.code;
}
