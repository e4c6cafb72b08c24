import { intlLocale } from '../../i18n/format';

/** formatDateTime writes when something happened: "1 Agustus 2023 10.00" / "1 August 2023, 10:00". */
export function formatDateTime(iso: string | undefined, lang: string): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(intlLocale(lang), { dateStyle: 'long', timeStyle: 'short' }).format(d);
}

/** formatTime writes a time of day: "10.02" / "10:02". */
export function formatTime(ms: number, lang: string): string {
  return new Intl.DateTimeFormat(intlLocale(lang), { timeStyle: 'short' }).format(new Date(ms));
}
