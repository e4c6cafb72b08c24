import { vi } from 'vitest';

/** Call is one request the code under test sent. */
export interface Call {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
  credentials?: RequestCredentials;
}

type Handler = (call: Call) => Response | Promise<Response>;

/**
 * mockFetch replaces fetch at the boundary: each request is recorded and
 * answered by handler. Returns the list of calls, filled as they happen.
 */
export function mockFetch(handler: Handler): Call[] {
  const calls: Call[] = [];
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input: RequestInfo | URL, init?: RequestInit) => {
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((v, k) => {
      headers[k] = v;
    });
    const raw = init?.body;
    const call: Call = {
      url: typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
      method: init?.method ?? 'GET',
      headers,
      body: typeof raw === 'string' ? JSON.parse(raw) : raw,
      credentials: init?.credentials,
    };
    calls.push(call);
    return handler(call);
  });
  return calls;
}

/** json answers with a JSON body. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers },
  });
}

/** problem answers with an RFC 9457 problem body. */
export function problem(
  status: number,
  body: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify({ type: 'about:blank', title: 'Problem', status, ...body }), {
    status,
    headers: { 'Content-Type': 'application/problem+json', ...headers },
  });
}

/** route answers by "METHOD path" (query string included); anything else is a 404 problem. */
export function route(table: Record<string, () => Response | Promise<Response>>): Handler {
  return (call) => {
    const h = table[`${call.method} ${call.url}`] ?? table[`${call.method} ${call.url.split('?')[0]}`];
    return h ? h() : problem(404, { title: 'Not Found', detail: `${call.method} ${call.url}` });
  };
}
