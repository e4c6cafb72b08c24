import type { Windows } from '../public-results/types';

/** jakartaToday is today's date in Western Indonesia Time (UTC+7), as YYYY-MM-DD: windows are compared there. */
export function jakartaToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** WindowState says where today lies against a window of days. */
export type WindowState = 'none' | 'before' | 'open' | 'after';

/** windowState compares today (YYYY-MM-DD) with an inclusive window. */
export function windowState(w: { from: string; to: string } | null | undefined, today: string): WindowState {
  if (!w) return 'none';
  if (today < w.from) return 'before';
  if (today > w.to) return 'after';
  return 'open';
}

/** ObjectionAvailability says whether an objection can be filed now, and if not, why. */
export type ObjectionAvailability = 'open' | 'noWindow' | 'notYet' | 'closed' | 'notFinal';

/**
 * objectionAvailability mirrors the server's rule: objections are filed on a
 * final, unpublished result, within the period's objection window.
 */
export function objectionAvailability(windows: Windows, resultState: string, today: string): ObjectionAvailability {
  const w = windowState(windows.objection, today);
  if (w === 'none') return 'noWindow';
  if (w === 'before') return 'notYet';
  if (w === 'after') return 'closed';
  return resultState === 'final' ? 'open' : 'notFinal';
}
