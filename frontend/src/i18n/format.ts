import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { isLanguage, type Language } from './index';

const locales: Record<Language, string> = { id: 'id-ID', en: 'en-GB' };

/** intlLocale maps a UI language to the locale Intl formats with. */
export function intlLocale(lang: string): string {
  return isLanguage(lang) ? locales[lang] : locales.id;
}

// Building an Intl.NumberFormat costs far more than using one; a national
// ranking formats thousands of numbers, so formatters are kept per locale
// and options.
const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: string, opts?: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = locale + '|' + (opts ? JSON.stringify(opts) : '');
  let nf = numberFormats.get(key);
  if (!nf) {
    nf = new Intl.NumberFormat(locale, opts);
    numberFormats.set(key, nf);
  }
  return nf;
}

/** formatScore writes a score with exactly two decimals: 94,10 in Indonesian, 94.10 in English. */
export function formatScore(value: number, lang: string): string {
  return numberFormat(intlLocale(lang), { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
}

/** formatNumber writes a count or measure in the locale. */
export function formatNumber(value: number, lang: string, opts?: Intl.NumberFormatOptions): string {
  return numberFormat(intlLocale(lang), opts).format(value);
}

/** formatDate writes an ISO date as a long date ("26 Desember 2022"); junk is returned as given. */
export function formatDate(iso: string, lang: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(intlLocale(lang), { dateStyle: 'long' }).format(d);
}

/** formatIn writes a wait as a relative time ("dalam 30 detik", "in 2 minutes"). */
export function formatIn(seconds: number, lang: string): string {
  const rtf = new Intl.RelativeTimeFormat(intlLocale(lang), { numeric: 'always' });
  const s = Math.max(1, Math.ceil(seconds));
  if (s < 90) return rtf.format(s, 'second');
  if (s < 90 * 60) return rtf.format(Math.ceil(s / 60), 'minute');
  return rtf.format(Math.ceil(s / 3600), 'hour');
}

/** useFormat binds the formatters to the current UI language. */
export function useFormat() {
  const { i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? i18n.language;
  return useMemo(
    () => ({
      lang,
      score: (v: number) => formatScore(v, lang),
      number: (v: number, opts?: Intl.NumberFormatOptions) => formatNumber(v, lang, opts),
      date: (iso: string) => formatDate(iso, lang),
      in: (seconds: number) => formatIn(seconds, lang),
    }),
    [lang],
  );
}
