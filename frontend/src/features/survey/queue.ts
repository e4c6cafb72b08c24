import Dexie, { type Table } from 'dexie';
import { isApiError, type ApiError } from '../../api/client';
import type { Respondent, RespondentBody } from './api';

/**
 * QueuedBody is a respondent as it may wait on the device: everything the
 * server needs except contact details, which are personal data and never
 * written to the browser's storage (an entry with contact details is sent
 * at once or not at all).
 */
export type QueuedBody = Omit<RespondentBody, 'contact'>;

/** Queued is one respondent entered on this device and not yet confirmed by the server. */
export interface Queued {
  /** Signed-in user who entered it: another user of the device never sends it. */
  user: number;
  /** Unit assessment id. */
  unit: number;
  /** The client_key, generated once per respondent: every retry sends the same. */
  key: string;
  body: QueuedBody;
  /** Order of entry. */
  seq: number;
  /** Set when the server refused it (not a connection problem): kept until the user discards it. */
  rejected?: { status: number; code?: string; detail?: string };
}

/** RespondentStore keeps queued respondents where a closed tab does not lose them. */
export interface RespondentStore {
  readonly persistent: boolean;
  list(user: number, unit?: number): Promise<Queued[]>;
  put(q: Queued): Promise<void>;
  remove(user: number, key: string): Promise<void>;
  /** clear forgets every queued respondent of every user (sign-out). */
  clear(): Promise<void>;
}

/** queueDatabaseName is the IndexedDB database of unsent respondents. */
export const queueDatabaseName = 'p4-survey-queue';

class QueueDB extends Dexie {
  respondents!: Table<Queued, [number, string]>;

  constructor() {
    super(queueDatabaseName);
    this.version(1).stores({ respondents: '[user+key], user, [user+unit]' });
  }
}

/** strip keeps only the fields a queued body may hold: never a contact, whatever the caller passed. */
export function strip(body: RespondentBody | QueuedBody): QueuedBody {
  return {
    client_key: body.client_key,
    product: body.product,
    answers: { ...body.answers },
    comment: body.comment,
    collected_at: body.collected_at,
  };
}

function safe(q: Queued): Queued {
  return { user: q.user, unit: q.unit, key: q.key, seq: q.seq, body: strip(q.body), ...(q.rejected ? { rejected: { ...q.rejected } } : {}) };
}

function dexieStore(db: QueueDB): RespondentStore {
  return {
    persistent: true,
    list: async (user, unit) => {
      const rows = unit === undefined ? await db.respondents.where('user').equals(user).toArray() : await db.respondents.where('[user+unit]').equals([user, unit]).toArray();
      return rows.sort((a, b) => a.seq - b.seq);
    },
    put: async (q) => {
      await db.respondents.put(safe(q));
    },
    remove: (user, key) => db.respondents.delete([user, key]),
    clear: () => db.respondents.clear(),
  };
}

/** memoryRespondentStore keeps the queue for as long as the page lives: the fallback without IndexedDB, and for tests. */
export function memoryRespondentStore(): RespondentStore & { rows: Map<string, Queued> } {
  const rows = new Map<string, Queued>();
  return {
    rows,
    persistent: false,
    list: async (user, unit) =>
      [...rows.values()]
        .filter((q) => q.user === user && (unit === undefined || q.unit === unit))
        .sort((a, b) => a.seq - b.seq)
        .map((q) => structuredClone(q)),
    put: async (q) => {
      rows.set(`${q.user}/${q.key}`, safe(q));
    },
    remove: async (user, key) => {
      rows.delete(`${user}/${key}`);
    },
    clear: async () => {
      rows.clear();
    },
  };
}

let shared: Promise<RespondentStore> | undefined;
let sharedDB: QueueDB | undefined;

/** openRespondentStore opens the device's queue once (in memory where IndexedDB is unavailable). */
export function openRespondentStore(): Promise<RespondentStore> {
  shared ??= (async () => {
    try {
      if (typeof indexedDB === 'undefined') throw new Error('no IndexedDB');
      const db = new QueueDB();
      sharedDB = db;
      await db.open();
      return dexieStore(db);
    } catch {
      return memoryRespondentStore();
    }
  })();
  return shared;
}

/**
 * clearRespondentQueue deletes every queued respondent on this device: at
 * sign-out, so that nothing a respondent said stays in the browser.
 */
export async function clearRespondentQueue(): Promise<void> {
  const s = shared;
  shared = undefined;
  if (s) {
    try {
      await (await s).clear();
    } catch {
      // The database is deleted below anyway.
    }
  }
  sharedDB?.close();
  sharedDB = undefined;
  try {
    if (typeof indexedDB !== 'undefined') await Dexie.delete(queueDatabaseName);
  } catch {
    // Cleared above; a database that cannot be deleted now holds nothing.
  }
}

/** SendFn posts one respondent and returns what the server stored. */
export type SendFn = (unit: number, body: RespondentBody) => Promise<Respondent>;

/** SubmitResult says what happened to one respondent the assessor saved. */
export type SubmitResult =
  /** The server stored it (or had it already: a retry). */
  | { kind: 'sent'; respondent: Respondent }
  /** No connection: kept on this device, sent when the connection returns. */
  | { kind: 'queued' }
  /** No connection and the entry has contact details, which are never kept on the device: nothing was stored. */
  | { kind: 'contact_offline' }
  /** The server refused it: the form shows the errors. */
  | { kind: 'rejected'; error: ApiError };

/** retriable: the server was not reached, or failed in a way that a later attempt may not. */
export function retriable(err: unknown): boolean {
  if (!isApiError(err)) return true;
  return err.isNetwork || err.status === 0 || err.status >= 500 || err.status === 429 || err.status === 408;
}

/** FlushResult counts one pass over the queue. */
export interface FlushResult {
  sent: number;
  failed: number;
  rejected: number;
  /** The session has ended: nothing more is sent until the user signs in again. */
  signedOut: boolean;
}

/**
 * RespondentQueue sends respondents of one user, keeping what cannot be
 * sent yet on the device. A respondent's client_key is generated once and
 * sent unchanged on every attempt, so a retry after a lost response never
 * creates a second respondent (the server answers 200 with the stored one).
 */
export class RespondentQueue {
  private seq = Date.now();
  private flushing: Promise<FlushResult> | null = null;

  constructor(
    private readonly store: RespondentStore,
    private readonly send: SendFn,
    readonly user: number,
  ) {}

  get persistent(): boolean {
    return this.store.persistent;
  }

  /** pending lists the user's queued respondents (of one unit, or all). */
  pending(unit?: number): Promise<Queued[]> {
    return this.store.list(this.user, unit);
  }

  /**
   * submit sends one respondent. Offline (or when the send fails for want of
   * a connection) it is queued without contact details; an entry with
   * contact details is then not stored at all, and the form keeps it.
   */
  async submit(unit: number, body: RespondentBody, online = true): Promise<SubmitResult> {
    const hasContact = !!body.contact && (body.contact.name.trim() !== '' || body.contact.phone.trim() !== '');
    const payload: RespondentBody = hasContact ? body : strip(body);
    if (online) {
      try {
        return { kind: 'sent', respondent: await this.send(unit, payload) };
      } catch (err) {
        if (!retriable(err)) return { kind: 'rejected', error: err as ApiError };
        if (hasContact) return { kind: 'contact_offline' };
      }
    } else if (hasContact) {
      return { kind: 'contact_offline' };
    }
    await this.store.put({ user: this.user, unit, key: body.client_key, body: strip(body), seq: this.seq++ });
    return { kind: 'queued' };
  }

  /** flush sends every queued respondent of the user, oldest first; one pass at a time. */
  flush(): Promise<FlushResult> {
    this.flushing ??= this.pass().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  /** discard forgets a refused respondent. */
  discard(key: string): Promise<void> {
    return this.store.remove(this.user, key);
  }

  private async pass(): Promise<FlushResult> {
    const out: FlushResult = { sent: 0, failed: 0, rejected: 0, signedOut: false };
    for (const q of await this.store.list(this.user)) {
      if (q.rejected) {
        out.rejected++;
        continue;
      }
      try {
        await this.send(q.unit, strip(q.body));
        await this.store.remove(this.user, q.key);
        out.sent++;
      } catch (err) {
        if (isApiError(err) && err.status === 401) {
          out.signedOut = true;
          out.failed++;
          break;
        }
        if (retriable(err)) {
          out.failed++;
          break; // still offline: keep the order, try again later
        }
        if (isApiError(err) && err.status === 409 && err.code === 'version_conflict') {
          // The key was generated for this one respondent: the server already holds it,
          // from an earlier attempt of the same form (e.g. sent with a contact whose
          // answer was lost, then queued without it). Nothing more to send.
          await this.store.remove(this.user, q.key);
          out.sent++;
          continue;
        }
        const e = err as ApiError;
        await this.store.put({ ...q, rejected: { status: e.status, code: e.errors[0]?.code ?? e.code, detail: e.errors[0]?.message ?? e.detail } });
        out.rejected++;
      }
    }
    return out;
  }
}

/** newClientKey is a fresh respondent's key (a UUID). */
export function newClientKey(): string {
  const c: Crypto = globalThis.crypto;
  if (typeof c.randomUUID === 'function') return c.randomUUID();
  const b = new Uint8Array(16);
  c.getRandomValues(b);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
