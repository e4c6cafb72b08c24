import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { json, mockFetch, problem } from '../test/fetch';
import { api, ApiError, parseRetryAfter } from './client';

async function caught(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(ApiError);
    return err as ApiError;
  }
  throw new Error('expected the call to fail');
}

describe('api client', () => {
  it('GETs JSON with same-origin credentials and no CSRF header', async () => {
    const calls = mockFetch(() => json(200, { ok: true }));
    await expect(api.get('/api/v1/x')).resolves.toEqual({ ok: true });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.credentials).toBe('same-origin');
    expect(calls[0]?.headers.accept).toContain('application/json');
    expect(calls[0]?.headers['x-requested-with']).toBeUndefined();
  });

  it('sends X-Requested-With: p4 and a JSON body on unsafe requests', async () => {
    const calls = mockFetch(() => json(200, { id: 1 }));
    await api.post('/api/v1/session', { email: 'a@b.id' });
    expect(calls[0]).toMatchObject({
      method: 'POST',
      body: { email: 'a@b.id' },
      headers: { 'x-requested-with': 'p4', 'content-type': 'application/json' },
    });
  });

  it('resolves a 204 to undefined', async () => {
    const calls = mockFetch(() => new Response(null, { status: 204 }));
    await expect(api.delete('/api/v1/session')).resolves.toBeUndefined();
    expect(calls[0]?.headers['x-requested-with']).toBe('p4');
  });

  it('turns a problem+json body into an ApiError with field errors', async () => {
    mockFetch(() =>
      problem(422, {
        type: '/problems/validation',
        title: 'Some fields are invalid',
        detail: 'Check the fields',
        code: 'validation',
        errors: [
          { field: 'email', code: 'invalid_email', message: 'must be an email address' },
          { field: 'email', code: 'too_long', message: 'too long' },
          { field: 'password', code: 'required', message: 'is required' },
          { code: 'ignored: no field' },
        ],
      }),
    );
    const err = await caught(api.post('/api/v1/session', {}));
    expect(err.status).toBe(422);
    expect(err.type).toBe('/problems/validation');
    expect(err.title).toBe('Some fields are invalid');
    expect(err.detail).toBe('Check the fields');
    expect(err.code).toBe('validation');
    expect(err.errors).toHaveLength(3);
    expect(err.fieldErrors()).toEqual({
      email: { field: 'email', code: 'invalid_email', message: 'must be an email address' },
      password: { field: 'password', code: 'required', message: 'is required' },
    });
  });

  it('keeps the current state a version conflict sends along', async () => {
    mockFetch(() => problem(412, { code: 'version_conflict', current: { indicator: 'OU.PM.01', value: 2, version: 4 } }));
    const err = await caught(api.put('/api/v1/unit-assessments/1/answers/OU.PM.01', { value: 3 }, undefined, { headers: { 'If-Match': '"3"' } }));
    expect(err.status).toBe(412);
    expect(err.code).toBe('version_conflict');
    expect(err.current).toEqual({ indicator: 'OU.PM.01', value: 2, version: 4 });
  });

  it('sends FormData as multipart, leaving the Content-Type (with its boundary) to the browser', async () => {
    const calls = mockFetch(() => json(201, { id: 7 }));
    const form = new FormData();
    form.append('indicator', 'PR.ST.01');
    form.append('file', new Blob(['x'], { type: 'image/png' }), 'foto.png');
    await api.post('/api/v1/unit-assessments/1/evidence', form);
    expect(calls[0]?.body).toBe(form);
    expect(calls[0]?.headers['content-type']).toBeUndefined();
    expect(calls[0]?.headers['x-requested-with']).toBe('p4');
  });

  it('reads Retry-After on 429', async () => {
    mockFetch(() => problem(429, { code: 'too_many_attempts' }, { 'Retry-After': '30' }));
    const err = await caught(api.post('/api/v1/session', {}));
    expect(err.status).toBe(429);
    expect(err.code).toBe('too_many_attempts');
    expect(err.retryAfter).toBe(30);
  });

  it('reports a non-JSON error body by its status', async () => {
    mockFetch(() => new Response('<h1>Bad gateway</h1>', { status: 502, statusText: 'Bad Gateway', headers: { 'Content-Type': 'text/html' } }));
    const err = await caught(api.get('/api/v1/x'));
    expect(err.status).toBe(502);
    expect(err.title).toBe('Bad Gateway');
    expect(err.errors).toEqual([]);
  });

  it('rejects a 200 that is not JSON (e.g. index.html from a fallback)', async () => {
    mockFetch(() => new Response('<!doctype html>', { status: 200, headers: { 'Content-Type': 'text/html' } }));
    const err = await caught(api.get('/api/v1/public/periods'));
    expect(err.status).toBe(0);
    expect(err.code).toBe('invalid_response');
  });

  it('rejects a body that does not match the schema', async () => {
    mockFetch(() => json(200, { items: 'nope' }));
    const err = await caught(api.get('/api/v1/x', z.object({ items: z.array(z.number()) })));
    expect(err.code).toBe('invalid_response');
    expect(err.detail).toContain('items');
  });

  it('retries a GET once after a network failure', async () => {
    let n = 0;
    const calls = mockFetch(() => {
      n++;
      if (n === 1) throw new TypeError('Failed to fetch');
      return json(200, { ok: true });
    });
    await expect(api.get('/api/v1/x')).resolves.toEqual({ ok: true });
    expect(calls).toHaveLength(2);
  });

  it('gives up after the one retry with a network ApiError', async () => {
    const calls = mockFetch(() => {
      throw new TypeError('Failed to fetch');
    });
    const err = await caught(api.get('/api/v1/x'));
    expect(calls).toHaveLength(2);
    expect(err.status).toBe(0);
    expect(err.code).toBe('network_error');
    expect(err.isNetwork).toBe(true);
  });

  it('never retries a POST', async () => {
    const calls = mockFetch(() => {
      throw new TypeError('Failed to fetch');
    });
    const err = await caught(api.post('/api/v1/session', {}));
    expect(calls).toHaveLength(1);
    expect(err.isNetwork).toBe(true);
  });

  it('does not retry an aborted GET', async () => {
    const calls = mockFetch(() => {
      throw new DOMException('The operation was aborted.', 'AbortError');
    });
    await expect(api.get('/api/v1/x')).rejects.toMatchObject({ name: 'AbortError' });
    expect(calls).toHaveLength(1);
  });

  it('does not retry on an HTTP error', async () => {
    const calls = mockFetch(() => problem(500, { title: 'Internal Server Error' }));
    const err = await caught(api.get('/api/v1/x'));
    expect(calls).toHaveLength(1);
    expect(err.status).toBe(500);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2024-01-01T00:00:00Z');
  it.each([
    ['seconds', '120', 120],
    ['http date', 'Mon, 01 Jan 2024 00:00:45 GMT', 45],
    ['date in the past', 'Sun, 31 Dec 2023 23:00:00 GMT', 0],
    ['junk', 'soon', undefined],
    ['missing', null, undefined],
  ])('%s', (_name, value, want) => {
    expect(parseRetryAfter(value, now)).toBe(want);
  });
});
