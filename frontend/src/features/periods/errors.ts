import type { TFunction } from 'i18next';
import { isApiError } from '../../api/client';

/**
 * fieldErrors turns a refused save into messages per server field name
 * (year, copy_from_year, fieldwork.to, …), in the user's language, so a form
 * shows each beside its field; codes without a text of their own fall back
 * to the shared validation texts, then to the server's message.
 */
export function fieldErrors(t: TFunction, err: unknown): Record<string, string> {
  if (!isApiError(err)) return {};
  const out: Record<string, string> = {};
  for (const e of err.errors) {
    if (e.field in out) continue;
    out[e.field] = t(`periods.errors.${e.code}` as 'periods.errors.invalid', {
      defaultValue: t(`validation.${e.code}` as 'validation.invalid', { defaultValue: e.message }),
    });
  }
  return out;
}

/** errorText translates one client-side check code. */
export function errorText(t: TFunction, code: string | undefined): string | undefined {
  return code ? t(`periods.errors.${code}` as 'periods.errors.invalid') : undefined;
}
