import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client';
import type { Respondent, RespondentBody } from './api';
import { clearRespondentQueue, memoryRespondentStore, openRespondentStore, queueDatabaseName, RespondentQueue, type RespondentStore } from './queue';

// A stand-in for POST /unit-assessments/{id}/survey/respondents with the
// server's rule: idempotent by client_key (a retry returns the stored
// respondent), and a mode in which the request is lost before or after the
// server stored it.

type Mode = 'ok' | 'offline' | 'lostAfterStore' | 'down' | 'refuse' | 'conflict';

function fakeServer() {
  const stored = new Map<string, Respondent & { contact?: { name: string; phone: string } }>();
  const bodies: RespondentBody[] = [];
  let mode: Mode = 'ok';
  let id = 0;
  const networkError = () => new ApiError({ type: 'about:blank', title: 'Network error', status: 0, code: 'network_error' });
  const send = async (unit: number, body: RespondentBody): Promise<Respondent> => {
    bodies.push(structuredClone(body));
    if (mode === 'offline') throw networkError();
    if (mode === 'down') throw new ApiError({ type: '/problems/internal', title: 'Internal', status: 500 });
    if (mode === 'refuse') throw new ApiError({ type: '/problems/validation', title: 'Invalid', status: 422, errors: [{ field: 'collected_at', code: 'too_old', message: 'too old' }] });
    let r = stored.get(body.client_key);
    if (r && mode === 'conflict' && r.has_contact !== !!body.contact) {
      throw new ApiError({ type: '/problems/conflict', title: 'Changed by someone else', status: 409, code: 'version_conflict' });
    }
    if (!r) {
      r = {
        id: ++id,
        client_key: body.client_key,
        product: body.product,
        answers: body.answers,
        self_completed: false,
        collected_at: body.collected_at,
        recorded_at: body.collected_at,
        has_contact: !!body.contact,
        contact: body.contact,
      };
      stored.set(body.client_key, r);
      void unit;
    }
    if (mode === 'lostAfterStore') throw networkError();
    return r;
  };
  return {
    stored,
    bodies,
    send,
    set: (m: Mode) => {
      mode = m;
    },
  };
}

const body = (key: string, contact?: { name: string; phone: string }): RespondentBody => ({
  client_key: key,
  product: 'Imunisasi dasar',
  answers: { 'OU.PM.01': 'no', 'OU.PM.02': 'yes' },
  comment: 'Antrean lama',
  collected_at: '2023-08-01T02:00:00Z',
  ...(contact ? { contact } : {}),
});

const contact = { name: 'Rahmat Hidayat', phone: '+62 812 1111 2222' };

/** everything the store holds, as text: contact details must never be in it. */
async function dump(store: RespondentStore, user: number): Promise<string> {
  return JSON.stringify(await store.list(user));
}

describe('RespondentQueue', () => {
  afterEach(async () => {
    await clearRespondentQueue();
  });

  it('sends at once when online, and keeps nothing on the device', async () => {
    const server = fakeServer();
    const store = memoryRespondentStore();
    const q = new RespondentQueue(store, server.send, 7);
    const r = await q.submit(12, body('k-00000001', contact));
    expect(r.kind).toBe('sent');
    expect(server.stored.get('k-00000001')?.contact).toEqual(contact);
    expect(await q.pending()).toEqual([]);
  });

  it('queues offline entries without contact details and sends them when the connection returns', async () => {
    const server = fakeServer();
    const store = memoryRespondentStore();
    const q = new RespondentQueue(store, server.send, 7);
    expect((await q.submit(12, body('k-00000001'), false)).kind).toBe('queued');
    expect((await q.submit(12, body('k-00000002'), false)).kind).toBe('queued');
    expect(server.bodies).toHaveLength(0);
    expect((await q.pending(12)).map((p) => p.key)).toEqual(['k-00000001', 'k-00000002']);

    const r = await q.flush();
    expect(r).toMatchObject({ sent: 2, failed: 0 });
    expect([...server.stored.keys()]).toEqual(['k-00000001', 'k-00000002']);
    expect(await q.pending()).toEqual([]);
  });

  it('refuses to keep an entry with contact details offline: nothing is stored, the form keeps it', async () => {
    const server = fakeServer();
    const store = memoryRespondentStore();
    const q = new RespondentQueue(store, server.send, 7);
    expect((await q.submit(12, body('k-00000001', contact), false)).kind).toBe('contact_offline');
    // The connection drops while sending: still nothing on the device.
    server.set('offline');
    expect((await q.submit(12, body('k-00000002', contact), true)).kind).toBe('contact_offline');
    expect(store.rows.size).toBe(0);
  });

  it('never writes a contact into the store, whatever it is handed', async () => {
    const store = memoryRespondentStore();
    await store.put({ user: 7, unit: 12, key: 'k-00000001', seq: 1, body: body('k-00000001', contact) });
    const text = await dump(store, 7);
    expect(text).not.toContain('Rahmat');
    expect(text).not.toContain('1111');
    expect(text).toContain('Antrean lama');
  });

  it('a retry after a lost response creates no second respondent', async () => {
    const server = fakeServer();
    const q = new RespondentQueue(memoryRespondentStore(), server.send, 7);
    server.set('lostAfterStore');
    // The server stored it, but the phone never heard back: it is queued with its key.
    expect((await q.submit(12, body('k-00000001'))).kind).toBe('queued');
    expect(server.stored.size).toBe(1);
    expect(await q.flush()).toMatchObject({ sent: 0, failed: 1 });
    server.set('ok');
    expect(await q.flush()).toMatchObject({ sent: 1, failed: 0 });
    expect(await q.flush()).toMatchObject({ sent: 0, failed: 0 });
    expect(server.stored.size).toBe(1);
    // Every attempt carried the same key and the same content.
    expect(new Set(server.bodies.map((b) => b.client_key))).toEqual(new Set(['k-00000001']));
    expect(new Set(server.bodies.map((b) => JSON.stringify(b)))).toHaveProperty('size', 1);
  });

  it('a form first sent with a contact (answer lost) and then queued without it is not sent twice', async () => {
    const server = fakeServer();
    const q = new RespondentQueue(memoryRespondentStore(), server.send, 7);
    server.set('lostAfterStore');
    expect((await q.submit(12, body('k-00000001', contact))).kind).toBe('contact_offline');
    expect(server.stored.size).toBe(1);
    // The assessor clears the contact and saves offline: same key, other content.
    expect((await q.submit(12, body('k-00000001'), false)).kind).toBe('queued');
    server.set('conflict');
    expect(await q.flush()).toMatchObject({ sent: 1, rejected: 0 });
    expect(await q.pending()).toEqual([]);
    expect(server.stored.size).toBe(1);
  });

  it('keeps the queue in order while the server is down, and one pass at a time', async () => {
    const server = fakeServer();
    const q = new RespondentQueue(memoryRespondentStore(), server.send, 7);
    await q.submit(12, body('k-00000001'), false);
    await q.submit(12, body('k-00000002'), false);
    server.set('down');
    const [a, b] = await Promise.all([q.flush(), q.flush()]);
    expect(a).toBe(b);
    expect(a).toMatchObject({ sent: 0, failed: 1 });
    expect(server.bodies).toHaveLength(1);
    server.set('ok');
    await q.flush();
    expect([...server.stored.keys()]).toEqual(['k-00000001', 'k-00000002']);
  });

  it('marks what the server refuses, keeps it for the user to discard, and goes on with the rest', async () => {
    const server = fakeServer();
    const q = new RespondentQueue(memoryRespondentStore(), server.send, 7);
    await q.submit(12, body('k-00000001'), false);
    server.set('refuse');
    expect(await q.flush()).toMatchObject({ rejected: 1 });
    const [p] = await q.pending();
    expect(p?.rejected).toMatchObject({ status: 422, code: 'too_old' });
    server.set('ok');
    expect(await q.flush()).toMatchObject({ sent: 0, rejected: 1 });
    await q.discard('k-00000001');
    expect(await q.pending()).toEqual([]);
    expect(server.stored.size).toBe(0);
  });

  it("never sends another user's entries", async () => {
    const server = fakeServer();
    const store = memoryRespondentStore();
    await new RespondentQueue(store, server.send, 7).submit(12, body('k-00000001'), false);
    expect(await new RespondentQueue(store, server.send, 8).flush()).toMatchObject({ sent: 0 });
    expect(server.stored.size).toBe(0);
  });

  it('persists in IndexedDB across page loads and is deleted at sign-out', async () => {
    const server = fakeServer();
    const store = await openRespondentStore();
    expect(store.persistent).toBe(true);
    const q = new RespondentQueue(store, server.send, 7);
    await q.submit(12, body('k-00000001', contact), true).catch(() => undefined);
    server.set('offline');
    expect((await q.submit(12, body('k-00000002'))).kind).toBe('queued');
    // What IndexedDB holds, read raw: no contact.
    const raw = await new Promise<unknown[]>((resolve, reject) => {
      const open = indexedDB.open(queueDatabaseName);
      open.onsuccess = () => {
        const tx = open.result.transaction('respondents', 'readonly');
        const all = tx.objectStore('respondents').getAll();
        all.onsuccess = () => {
          open.result.close();
          resolve(all.result);
        };
        all.onerror = () => reject(all.error);
      };
      open.onerror = () => reject(open.error);
    });
    expect(raw).toHaveLength(1);
    expect(JSON.stringify(raw)).not.toContain('Rahmat');

    await clearRespondentQueue();
    const again = await openRespondentStore();
    expect(await again.list(7)).toEqual([]);
  });
});
