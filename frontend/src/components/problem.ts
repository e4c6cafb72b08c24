import { isApiError } from '../api/client';

/** ProblemKind groups failures by what the user can do about them. */
export type ProblemKind =
  | 'network'
  | 'invalidResponse'
  | 'server'
  | 'unavailable'
  | 'notFound'
  | 'forbidden'
  | 'unauthorized'
  | 'validation'
  | 'conflict'
  | 'tooManyRequests'
  | 'generic';

/** problemKind classifies any thrown value for display. */
export function problemKind(err: unknown): ProblemKind {
  if (!isApiError(err)) return 'generic';
  if (err.status === 0) return err.code === 'network_error' ? 'network' : 'invalidResponse';
  switch (err.status) {
    case 400:
    case 422:
      return 'validation';
    case 401:
      return 'unauthorized';
    case 403:
      return 'forbidden';
    case 404:
      return 'notFound';
    case 409:
      return 'conflict';
    case 429:
      return 'tooManyRequests';
    case 502:
    case 503:
    case 504:
      return 'unavailable';
  }
  return err.status >= 500 ? 'server' : 'generic';
}

/** Kinds with a "what to do" hint in the i18n files. */
export const hintedKinds = ['network', 'server', 'unavailable', 'tooManyRequests', 'invalidResponse'] as const;
