import type { Instrument } from './types';

function find(instrument: Instrument | undefined, code: string) {
  for (const d of instrument?.instrument?.dimensions ?? []) {
    const ind = d.indicators.find((i) => i.code === code);
    if (ind) return ind;
  }
  return undefined;
}

/** levelText is the instrument's description of an answer level, if known. */
export function levelText(instrument: Instrument | undefined, code: string, value: number | null): string | undefined {
  if (value === null) return undefined;
  return find(instrument, code)?.levels[value];
}

/** indicatorName is an indicator's name in the UI's language, from the instrument when it has one. */
export function indicatorName(instrument: Instrument | undefined, code: string, fallback: string, lang: string): string {
  if (lang !== 'en') return fallback;
  return find(instrument, code)?.name_en || fallback;
}
