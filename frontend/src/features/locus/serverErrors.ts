import type { TFunction } from 'i18next';
import { isApiError } from '../../api/client';

/**
 * serverError returns the translated server error of one field, for the
 * error prop of the input it belongs to (undefined when there is none).
 * The server's code picks the words (these screens' own, then the shared
 * ones); its message is the fallback.
 */
export function serverError(err: unknown, field: string, t: TFunction): string | undefined {
  if (!isApiError(err)) return undefined;
  const e = err.fieldErrors()[field];
  if (!e) return undefined;
  const general = t(`validation.${e.code}` as 'validation.invalid', { defaultValue: e.message || e.code });
  return t(`locus.errors.${e.code}` as 'locus.errors.taken', { defaultValue: general });
}

/** unplacedErrors reports whether an error has something no field shows (for a general alert). */
export function unplaced(err: unknown, fields: readonly string[]): boolean {
  if (!err) return false;
  if (!isApiError(err) || err.errors.length === 0) return true;
  return err.errors.some((e) => !fields.includes(e.field));
}
