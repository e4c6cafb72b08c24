import Dexie, { type Table } from 'dexie';
import type { AnswerInput } from './types';

/**
 * Draft is an answer edited on this device and not yet confirmed by the
 * server. Only the answer itself is kept (level, N/A and its reason, the
 * assessor's note): never anything about respondents.
 */
export interface Draft {
  /** Signed-in user who made the edit: another user of the device never sends it. */
  user: number;
  /** Unit assessment id. */
  unit: number;
  indicator: string;
  input: AnswerInput;
  /** Server version the edit is based on (0: there was no answer). */
  base: number;
  /** Place in the send queue: the order of the first unsent edit. */
  seq: number;
  /** Bumped on every edit, so a save of an older revision does not clear a newer one. */
  rev: number;
  /** When it was last edited (ms since the epoch). */
  at: number;
}

/** DraftStore keeps drafts where a closed tab does not lose them. */
export interface DraftStore {
  /** persistent is false when drafts live only in memory (no IndexedDB). */
  readonly persistent: boolean;
  load(user: number, unit: number): Promise<Draft[]>;
  put(d: Draft): Promise<void>;
  remove(user: number, unit: number, indicator: string): Promise<void>;
  /** countByUnit tells, per unit assessment, how many answers of the user wait to be sent. */
  countByUnit(user: number): Promise<Map<number, number>>;
}

/** draftsDatabaseName is the IndexedDB database of unsent answers. */
export const draftsDatabaseName = 'p4-drafts';

class DraftDB extends Dexie {
  answers!: Table<Draft, [number, number, string]>;

  constructor() {
    super(draftsDatabaseName);
    this.version(1).stores({ answers: '[user+unit+indicator], [user+unit], user' });
  }
}

/** dexieStore keeps drafts in IndexedDB through Dexie. */
function dexieStore(db: DraftDB): DraftStore {
  return {
    persistent: true,
    load: (user, unit) => db.answers.where('[user+unit]').equals([user, unit]).sortBy('seq'),
    put: async (d) => {
      await db.answers.put(d);
    },
    remove: (user, unit, indicator) => db.answers.delete([user, unit, indicator]),
    countByUnit: async (user) => {
      const out = new Map<number, number>();
      await db.answers
        .where('user')
        .equals(user)
        .each((d) => {
          out.set(d.unit, (out.get(d.unit) ?? 0) + 1);
        });
      return out;
    },
  };
}

/** memoryDraftStore keeps drafts for as long as the page lives: the fallback without IndexedDB, and for tests. */
export function memoryDraftStore(): DraftStore {
  const rows = new Map<string, Draft>();
  const key = (user: number, unit: number, indicator: string) => `${user}/${unit}/${indicator}`;
  return {
    persistent: false,
    load: async (user, unit) =>
      [...rows.values()].filter((d) => d.user === user && d.unit === unit).sort((a, b) => a.seq - b.seq).map((d) => ({ ...d })),
    put: async (d) => {
      rows.set(key(d.user, d.unit, d.indicator), { ...d });
    },
    remove: async (user, unit, indicator) => {
      rows.delete(key(user, unit, indicator));
    },
    countByUnit: async (user) => {
      const out = new Map<number, number>();
      for (const d of rows.values()) if (d.user === user) out.set(d.unit, (out.get(d.unit) ?? 0) + 1);
      return out;
    },
  };
}

let shared: Promise<DraftStore> | undefined;
let sharedDB: DraftDB | undefined;

/**
 * openDraftStore opens the device's draft database once. Where IndexedDB
 * is unavailable (blocked by policy, some private modes) drafts are kept in
 * memory and the page says that closing it would lose unsent answers.
 */
export function openDraftStore(): Promise<DraftStore> {
  shared ??= (async () => {
    try {
      if (typeof indexedDB === 'undefined') throw new Error('no IndexedDB');
      const db = new DraftDB();
      sharedDB = db;
      await db.open();
      return dexieStore(db);
    } catch {
      return memoryDraftStore();
    }
  })();
  return shared;
}

/** resetDraftStore forgets the opened database (tests delete it between cases). */
export async function resetDraftStore(): Promise<void> {
  const s = shared;
  shared = undefined;
  if (s) await s;
  sharedDB?.close();
  sharedDB = undefined;
  await Dexie.delete(draftsDatabaseName);
}
