import type { z } from 'zod';

/** FieldError is one entry of a problem's errors[]: a field, a stable code, a message. */
export interface FieldError {
  field: string;
  code: string;
  message: string;
}

/** Problem is an RFC 9457 problem details body as the P4 API writes it. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code?: string;
  errors?: FieldError[];
  /** The resource as it is now, sent with a version conflict (412/409). */
  current?: unknown;
}

/**
 * ApiError is every failure the client reports: a problem from the server, a
 * response that was not what we expected, or no response at all (status 0).
 * Screens branch on status and code, never on the English title.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly detail?: string;
  readonly code?: string;
  readonly errors: FieldError[];
  /** The server's current version of the resource, on a version conflict. */
  readonly current?: unknown;
  /** Seconds to wait before trying again, from a Retry-After header. */
  readonly retryAfter?: number;

  constructor(problem: Problem, retryAfter?: number) {
    super(problem.detail ? `${problem.title}: ${problem.detail}` : problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.type = problem.type;
    this.title = problem.title;
    this.detail = problem.detail;
    this.code = problem.code;
    this.errors = problem.errors ?? [];
    this.current = problem.current;
    this.retryAfter = retryAfter;
  }

  /** isNetwork reports whether the server could not be reached at all. */
  get isNetwork(): boolean {
    return this.status === 0 && this.code === 'network_error';
  }

  /** fieldErrors returns the first error of each field, keyed by field name. */
  fieldErrors(): Record<string, FieldError> {
    const out: Record<string, FieldError> = {};
    for (const e of this.errors) {
      if (!(e.field in out)) out[e.field] = e;
    }
    return out;
  }
}

/** isApiError narrows an unknown thrown value. */
export function isApiError(err: unknown): err is ApiError {
  return err instanceof ApiError;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** RequestOptions tunes one call. */
export interface RequestOptions {
  body?: unknown;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

const safeMethods: ReadonlySet<Method> = new Set(['GET']);

/** How long to wait before the single retry of a GET that never reached the server. */
export const retryDelayMs = 300;

/**
 * request sends one JSON request to the P4 API and returns the parsed body.
 * Cookies go along for the same origin only. Unsafe methods carry
 * X-Requested-With: p4, an extra CSRF belt the server checks. A GET that
 * fails at the network level is retried once; nothing else is retried,
 * so a POST is never sent twice. When a schema is given, the body is
 * checked against it and a mismatch is reported as an ApiError, so screens
 * never render half-understood data.
 */
export async function request<T>(
  method: Method,
  path: string,
  schema?: z.ZodType<T>,
  opts: RequestOptions = {},
): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    ...opts.headers,
  };
  if (!safeMethods.has(method)) headers['X-Requested-With'] = 'p4';
  let body: BodyInit | undefined;
  if (opts.body instanceof FormData) {
    // multipart/form-data: the browser writes the Content-Type with its boundary.
    body = opts.body;
  } else if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  const init: RequestInit = {
    method,
    headers,
    body,
    credentials: 'same-origin',
    signal: opts.signal,
  };

  const res = await send(path, init, method === 'GET' ? 1 : 0);
  if (!res.ok) throw await toApiError(res);
  if (res.status === 204 || res.status === 205) return undefined as T;

  const data = await readJSON(res);
  if (data === undefined) {
    throw new ApiError({
      type: 'about:blank',
      title: 'Unexpected response',
      status: 0,
      code: 'invalid_response',
      detail: `${method} ${path} did not return JSON`,
    });
  }
  if (!schema) return data as T;
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    throw new ApiError({
      type: 'about:blank',
      title: 'Unexpected response',
      status: 0,
      code: 'invalid_response',
      detail: `${method} ${path}: ${parsed.error.issues
        .slice(0, 3)
        .map((i) => `${i.path.join('.') || '(body)'} ${i.message}`)
        .join('; ')}`,
    });
  }
  return parsed.data;
}

async function send(path: string, init: RequestInit, retries: number): Promise<Response> {
  try {
    return await fetch(path, init);
  } catch (err) {
    if (isAbort(err)) throw err;
    if (retries > 0) {
      await sleep(retryDelayMs, init.signal ?? undefined);
      return send(path, init, retries - 1);
    }
    throw new ApiError({
      type: 'about:blank',
      title: 'Network error',
      status: 0,
      code: 'network_error',
      detail: err instanceof Error ? err.message : String(err),
    });
  }
}

function isAbort(err: unknown): boolean {
  return err instanceof DOMException && err.name === 'AbortError';
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(new DOMException('Aborted', 'AbortError'));
      },
      { once: true },
    );
  });
}

function isJSON(res: Response): boolean {
  const type = res.headers.get('Content-Type') ?? '';
  return /^application\/([\w.+-]+\+)?json\b/i.test(type.trim());
}

async function readJSON(res: Response): Promise<unknown> {
  if (!isJSON(res)) return undefined;
  try {
    return await res.json();
  } catch {
    return undefined;
  }
}

/** toApiError turns a failed response into an ApiError, whatever its body. */
export async function toApiError(res: Response): Promise<ApiError> {
  const retryAfter = parseRetryAfter(res.headers.get('Retry-After'));
  const data = await readJSON(res);
  const fallback: Problem = {
    type: 'about:blank',
    title: res.statusText || `HTTP ${res.status}`,
    status: res.status,
  };
  if (!data || typeof data !== 'object') return new ApiError(fallback, retryAfter);
  const d = data as Record<string, unknown>;
  return new ApiError(
    {
      type: str(d.type) ?? fallback.type,
      title: str(d.title) ?? fallback.title,
      status: typeof d.status === 'number' ? d.status : res.status,
      detail: str(d.detail),
      code: str(d.code),
      errors: Array.isArray(d.errors) ? d.errors.flatMap(toFieldError) : [],
      current: d.current ?? undefined,
    },
    retryAfter,
  );
}

function toFieldError(e: unknown): FieldError[] {
  if (!e || typeof e !== 'object') return [];
  const r = e as Record<string, unknown>;
  const field = str(r.field);
  if (field === undefined) return [];
  return [{ field, code: str(r.code) ?? 'invalid', message: str(r.message) ?? '' }];
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/**
 * parseRetryAfter reads a Retry-After header, given either as seconds or as
 * an HTTP date, and returns whole seconds from now (never negative).
 */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v);
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

/** api is the one client every feature uses. */
export const api = {
  get: <T>(path: string, schema?: z.ZodType<T>, opts?: RequestOptions) =>
    request<T>('GET', path, schema, opts),
  post: <T>(path: string, body: unknown, schema?: z.ZodType<T>, opts?: RequestOptions) =>
    request<T>('POST', path, schema, { ...opts, body }),
  put: <T>(path: string, body: unknown, schema?: z.ZodType<T>, opts?: RequestOptions) =>
    request<T>('PUT', path, schema, { ...opts, body }),
  patch: <T>(path: string, body: unknown, schema?: z.ZodType<T>, opts?: RequestOptions) =>
    request<T>('PATCH', path, schema, { ...opts, body }),
  delete: (path: string, opts?: RequestOptions) => request<void>('DELETE', path, undefined, opts),
};
