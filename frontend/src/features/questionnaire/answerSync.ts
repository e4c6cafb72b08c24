import { isApiError, type ApiError, type FieldError } from '../../api/client';
import type { Draft, DraftStore } from './drafts';
import { answerSchema, inputOf, isAnswered, sameInput, type Answer, type AnswerInput } from './types';

/**
 * EntryStatus is where one indicator's answer stands:
 *
 *   empty     no answer and no edit
 *   saved     the server holds what the screen shows
 *   pending   edited; waiting for the typing pause or its turn in the queue
 *   saving    being sent now
 *   offline   the server could not be reached: kept on this device, sent later
 *   retrying  the server failed (5xx): sent again later
 *   conflict  someone else saved a newer version; the user chooses
 *   invalid   cannot be sent yet (N/A without a reason)
 *   rejected  the server refused it (422); sent again once edited
 */
export type EntryStatus =
  | 'empty'
  | 'saved'
  | 'pending'
  | 'saving'
  | 'offline'
  | 'retrying'
  | 'conflict'
  | 'invalid'
  | 'rejected';

/** Entry is one indicator as the questionnaire shows it. */
export interface Entry {
  indicator: string;
  /** What the screen shows: the unsent edit if there is one, else the server's answer. */
  value: AnswerInput;
  /** The last answer the server confirmed (null: none). */
  server: Answer | null;
  status: EntryStatus;
  /** On a conflict: the answer now on the server (null: none there). */
  theirs?: Answer | null;
  /** On a rejection: the server's field errors. */
  errors?: FieldError[];
}

/** BlockReason says why nothing more can be sent from this page. */
export type BlockReason = 'session' | 'locked' | 'window' | 'state' | 'forbidden' | 'not_found';

/** Blocked stops the queue; drafts stay on the device. */
export interface Blocked {
  reason: BlockReason;
  error: ApiError;
}

/** PageStatus is the one save state the page header shows. */
export type PageStatus = 'saved' | 'saving' | 'offline' | 'retrying' | 'conflict' | 'attention' | 'blocked';

/** SyncSummary is the state of the whole unit's answers. */
export interface SyncSummary {
  status: PageStatus;
  /** Answers edited here and not yet confirmed by the server. */
  pending: number;
  conflicts: string[];
  /** Answers that cannot be sent as they are (invalid or rejected). */
  attention: string[];
  blocked?: Blocked;
  lastSavedAt?: number;
  /** False when drafts live only in memory: closing the page would lose them. */
  persistent: boolean;
  /** Drafts kept from an earlier visit are loaded. */
  ready: boolean;
}

/** SaveFn sends one answer, based on a version, and returns what the server stored. */
export type SaveFn = (indicator: string, input: AnswerInput, baseVersion: number) => Promise<Answer>;

/** EventTarget-like object the queue listens to for online/offline/pagehide. */
export interface SyncEvents {
  addEventListener(type: string, fn: () => void): void;
  removeEventListener(type: string, fn: () => void): void;
}

/** SyncOptions wires a queue to one unit of one user. */
export interface SyncOptions {
  user: number;
  unit: number;
  answers: readonly Answer[];
  save: SaveFn;
  store: DraftStore | Promise<DraftStore>;
  /** Pause after typing before a text is sent (ms). */
  debounceMs?: number;
  /** Delay before the n-th retry (0-based) after a failure. */
  backoff?: (attempt: number) => number;
  isOnline?: () => boolean;
  now?: () => number;
  /** Where online/offline/pagehide events come from (default: window). */
  events?: SyncEvents | null;
  /** Called after each answer the server confirmed (to refresh the score). */
  onSaved?: (a: Answer) => void;
}

/** defaultBackoff: 1 s, 2 s, 4 s, … up to 30 s. */
export function defaultBackoff(attempt: number): number {
  return Math.min(30_000, 1000 * 2 ** Math.min(attempt, 10));
}

/** EditMode: 'now' sends at once (a level was chosen); 'debounce' waits for a pause in typing. */
export type EditMode = 'now' | 'debounce';

type Connection = 'ok' | 'offline' | 'down';

/**
 * AnswerSync is the autosave queue of one unit's questionnaire.
 *
 * Every edit changes what the screen shows at once (typing is never held up
 * by a save) and is written to the device's draft store before anything is
 * sent. Drafts are sent one at a time, oldest first, each with If-Match set
 * to the version it was based on; an answer edited again while its save is
 * on its way is sent again afterwards, based on the version that save
 * returned. Without a connection drafts wait and are sent when the browser
 * comes back online, or at the next retry (1 s, 2 s, 4 s … 30 s). A draft
 * left behind by a closed tab is sent again when the questionnaire opens;
 * the server treats a repeated save of the same content as done. A version
 * conflict (412) stops that answer until the user keeps theirs or takes the
 * server's: nothing is overwritten silently.
 */
export class AnswerSync {
  private readonly opts: Required<Omit<SyncOptions, 'onSaved' | 'events' | 'store'>> & Pick<SyncOptions, 'onSaved'>;
  private readonly events: SyncEvents | null;
  private readonly storeReady: Promise<DraftStore>;
  private store: DraftStore | null = null;
  private writes: Promise<void>;

  private readonly server = new Map<string, Answer>();
  private readonly drafts = new Map<string, Draft>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly conflicts = new Map<string, Answer | null>();
  private readonly rejected = new Map<string, { rev: number; errors: FieldError[] }>();
  private readonly entries = new Map<string, Entry>();
  private readonly listeners = new Set<() => void>();

  private inflight: string | null = null;
  private connection: Connection = 'ok';
  private blocked: Blocked | undefined;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private pumping: Promise<void> | null = null;
  private lastSeq = 0;
  private lastSavedAt: number | undefined;
  private ready = false;
  private disposed = false;
  private persistent = true;
  private summary: SyncSummary;
  private revision = 0;

  constructor(options: SyncOptions) {
    this.opts = {
      user: options.user,
      unit: options.unit,
      answers: options.answers,
      save: options.save,
      debounceMs: options.debounceMs ?? 600,
      backoff: options.backoff ?? defaultBackoff,
      isOnline: options.isOnline ?? (() => typeof navigator === 'undefined' || navigator.onLine !== false),
      now: options.now ?? Date.now,
      onSaved: options.onSaved,
    };
    this.events = options.events === undefined ? (typeof window === 'undefined' ? null : window) : options.events;
    this.storeReady = Promise.resolve(options.store);
    // Every write waits for the store, and for the writes before it: drafts
    // reach the device in the order they were made.
    this.writes = this.storeReady.then(
      (s) => {
        this.store = s;
        this.persistent = s.persistent;
      },
      () => {
        this.persistent = false;
      },
    );
    for (const a of options.answers) this.server.set(a.indicator, a);
    this.summary = this.computeSummary();
  }

  /** start loads drafts kept from an earlier visit, listens for the network, and sends what waits. */
  async start(): Promise<void> {
    this.events?.addEventListener('online', this.onOnline);
    this.events?.addEventListener('offline', this.onOffline);
    this.events?.addEventListener('pagehide', this.onPageHide);
    await this.writes;
    const store = this.store;
    if (this.disposed) return;
    if (store) {
      let kept: Draft[] = [];
      try {
        kept = await store.load(this.opts.user, this.opts.unit);
      } catch {
        kept = [];
      }
      if (this.disposed) return;
      for (const d of kept) {
        this.lastSeq = Math.max(this.lastSeq, d.seq);
        if (this.drafts.has(d.indicator)) continue; // edited meanwhile: the newer edit wins
        const server = this.server.get(d.indicator);
        const same = server ? sameInput(inputOf(server), d.input) : !isAnswered(d.input) && d.input.note === '';
        if (same) {
          // Its save reached the server before the tab closed.
          this.persistRemove(d.indicator);
          continue;
        }
        this.drafts.set(d.indicator, d);
        this.entries.delete(d.indicator);
      }
    }
    this.ready = true;
    this.emit();
    void this.pump();
  }

  /** dispose stops listening; edits still waiting for a typing pause are sent at once. */
  dispose(): void {
    if (this.disposed) return;
    this.events?.removeEventListener('online', this.onOnline);
    this.events?.removeEventListener('offline', this.onOffline);
    this.events?.removeEventListener('pagehide', this.onPageHide);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.flushTimers();
    // Disposed first: what is ready is still sent, but no retry is scheduled.
    this.disposed = true;
    void this.pump();
    this.listeners.clear();
  }

  /** subscribe calls fn after every change (useSyncExternalStore). */
  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  /** getRevision is a number that changes whenever any answer or its state changes. */
  getRevision = (): number => this.revision;

  /** getSummary returns the page's state; the same object until something changes. */
  getSummary = (): SyncSummary => this.summary;

  /** getEntry returns one indicator's state; the same object until it changes. */
  getEntry(indicator: string): Entry {
    let e = this.entries.get(indicator);
    if (!e) {
      e = this.computeEntry(indicator);
      this.entries.set(indicator, e);
    }
    return e;
  }

  /** values lists what the screen shows for every indicator with an answer or an edit. */
  values(): Map<string, AnswerInput> {
    const out = new Map<string, AnswerInput>();
    for (const [k, a] of this.server) out.set(k, inputOf(a));
    for (const [k, d] of this.drafts) out.set(k, d.input);
    return out;
  }

  /**
   * edit changes an answer. A chosen level or N/A is sent at once; text
   * ('debounce') after a pause in typing. Choosing a level clears N/A and
   * choosing N/A clears the level.
   */
  edit(indicator: string, patch: Partial<AnswerInput>, mode: EditMode = 'now'): void {
    if (this.disposed) return;
    const prev = this.drafts.get(indicator);
    const server = this.server.get(indicator) ?? null;
    const next: AnswerInput = { ...(prev?.input ?? inputOf(server)), ...patch };
    if (patch.value !== undefined && patch.value !== null) next.na = false;
    if (patch.na === true) next.value = null;
    const d: Draft = {
      user: this.opts.user,
      unit: this.opts.unit,
      indicator,
      input: next,
      base: prev?.base ?? server?.version ?? 0,
      seq: prev?.seq ?? this.nextSeq(),
      rev: (prev?.rev ?? 0) + 1,
      at: this.opts.now(),
    };
    this.drafts.set(indicator, d);
    this.persistPut(d);
    const t = this.timers.get(indicator);
    if (t) clearTimeout(t);
    this.timers.delete(indicator);
    if (mode === 'debounce') {
      this.timers.set(
        indicator,
        setTimeout(() => {
          this.timers.delete(indicator);
          this.touch(indicator);
          void this.pump();
        }, this.opts.debounceMs),
      );
    }
    this.touch(indicator);
    if (mode === 'now') void this.pump();
  }

  /** keepMine resolves a conflict by saving the user's answer over the server's current one. */
  keepMine(indicator: string): void {
    if (!this.conflicts.has(indicator)) return;
    const theirs = this.conflicts.get(indicator) ?? null;
    this.conflicts.delete(indicator);
    const d = this.drafts.get(indicator);
    if (theirs) this.server.set(indicator, theirs);
    if (d) {
      const next = { ...d, base: theirs?.version ?? 0, rev: d.rev + 1, at: this.opts.now() };
      this.drafts.set(indicator, next);
      this.persistPut(next);
    }
    this.touch(indicator);
    void this.pump();
  }

  /** takeTheirs resolves a conflict by dropping the user's edit and showing the server's answer. */
  takeTheirs(indicator: string): void {
    if (!this.conflicts.has(indicator)) return;
    const theirs = this.conflicts.get(indicator) ?? null;
    this.conflicts.delete(indicator);
    if (theirs) this.server.set(indicator, theirs);
    this.dropDraft(indicator);
    this.touch(indicator);
  }

  /** syncServer takes newer answers from a fresh read of the unit. */
  syncServer(answers: readonly Answer[]): void {
    for (const a of answers) {
      const cur = this.server.get(a.indicator);
      if (!cur || a.version > cur.version) {
        this.server.set(a.indicator, a);
        this.touch(a.indicator, false);
      }
    }
    this.emit();
  }

  /** flush sends every waiting edit now, without the typing pause, and resolves when the queue is idle. */
  async flush(): Promise<void> {
    this.flushTimers();
    if (this.retryTimer) {
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
    }
    await this.pump();
  }

  /** retryNow tries again at once (a "try again" button, or the browser says it is online). */
  retryNow(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.attempt = 0;
    void this.pump();
  }

  // — sending —

  private pump(): Promise<void> {
    if (this.pumping) return this.pumping;
    this.pumping = this.run().finally(() => {
      this.pumping = null;
      this.emit();
    });
    return this.pumping;
  }

  private async run(): Promise<void> {
    for (;;) {
      if (this.blocked || !this.ready) return;
      const d = this.nextReady();
      if (!d) return;
      if (!this.opts.isOnline()) {
        this.setConnection('offline');
        this.scheduleRetry();
        return;
      }
      // The draft is on the device before it goes out: a tab closed now loses nothing.
      await this.writes;
      const cur = this.drafts.get(d.indicator);
      if (!cur || this.timers.has(d.indicator) || this.conflicts.has(d.indicator)) continue;
      this.inflight = cur.indicator;
      this.touch(cur.indicator);
      let saved: Answer;
      try {
        saved = await this.opts.save(cur.indicator, cur.input, cur.base);
      } catch (err) {
        this.inflight = null;
        if (this.failed(cur, err)) continue;
        this.touch(cur.indicator);
        return;
      }
      this.inflight = null;
      this.succeeded(cur, saved);
    }
  }

  private nextReady(): Draft | undefined {
    let best: Draft | undefined;
    for (const d of this.drafts.values()) {
      if (this.timers.has(d.indicator) || this.conflicts.has(d.indicator)) continue;
      if (!sendable(d.input)) continue;
      const r = this.rejected.get(d.indicator);
      if (r && r.rev === d.rev) continue;
      if (!best || d.seq < best.seq) best = d;
    }
    return best;
  }

  private succeeded(sent: Draft, saved: Answer): void {
    this.attempt = 0;
    this.setConnection('ok');
    this.server.set(sent.indicator, saved);
    this.rejected.delete(sent.indicator);
    const cur = this.drafts.get(sent.indicator);
    if (cur && cur.rev === sent.rev) {
      this.dropDraft(sent.indicator);
    } else if (cur) {
      // Edited again while this save was on its way: the next save builds on it.
      const next = { ...cur, base: saved.version };
      this.drafts.set(sent.indicator, next);
      this.persistPut(next);
    }
    this.lastSavedAt = this.opts.now();
    this.touch(sent.indicator);
    this.opts.onSaved?.(saved);
  }

  /** failed handles a refused or lost save; true means go on with the next answer. */
  private failed(sent: Draft, err: unknown): boolean {
    if (!isApiError(err)) {
      this.setConnection('down');
      this.scheduleRetry();
      return false;
    }
    if (err.isNetwork) {
      this.setConnection('offline');
      this.scheduleRetry();
      return false;
    }
    const s = err.status;
    if (s === 412 || (s === 409 && err.code === 'version_conflict')) {
      this.setConnection('ok');
      this.conflicts.set(sent.indicator, parseCurrent(err.current));
      this.touch(sent.indicator);
      return true;
    }
    if (s === 400 || s === 422) {
      this.setConnection('ok');
      this.rejected.set(sent.indicator, { rev: sent.rev, errors: err.errors });
      this.touch(sent.indicator);
      return true;
    }
    const reason = blockReason(err);
    if (reason) {
      this.blocked = { reason, error: err };
      this.emit();
      return false;
    }
    // 5xx, 429, an unreadable answer: the server is in trouble; try again later.
    this.setConnection('down');
    this.scheduleRetry(err.retryAfter !== undefined ? err.retryAfter * 1000 : undefined);
    return false;
  }

  private scheduleRetry(delay?: number): void {
    if (this.disposed || this.retryTimer) return;
    const ms = delay ?? this.opts.backoff(this.attempt);
    this.attempt++;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.pump();
    }, ms);
  }

  private onOnline = () => {
    this.retryNow();
  };

  private onOffline = () => {
    this.setConnection('offline');
    this.emit();
  };

  private onPageHide = () => {
    // The tab may be closing: don't wait for the typing pause. Drafts are already on the device.
    this.flushTimers();
    void this.pump();
  };

  private flushTimers(): void {
    for (const [k, t] of this.timers) {
      clearTimeout(t);
      this.entries.delete(k);
    }
    this.timers.clear();
  }

  // — state —

  private setConnection(c: Connection): void {
    if (this.connection === c) return;
    this.connection = c;
    for (const k of this.drafts.keys()) this.entries.delete(k);
  }

  private dropDraft(indicator: string): void {
    const t = this.timers.get(indicator);
    if (t) clearTimeout(t);
    this.timers.delete(indicator);
    if (this.drafts.delete(indicator)) this.persistRemove(indicator);
    this.rejected.delete(indicator);
  }

  private persistPut(d: Draft): void {
    this.writes = this.writes.then(async () => {
      try {
        await this.store?.put(d);
      } catch {
        this.persistent = false;
      }
    });
  }

  private persistRemove(indicator: string): void {
    this.writes = this.writes.then(async () => {
      try {
        await this.store?.remove(this.opts.user, this.opts.unit, indicator);
      } catch {
        // A leftover draft is harmless: it equals the server's answer and is dropped on the next visit.
      }
    });
  }

  private nextSeq(): number {
    this.lastSeq = Math.max(this.lastSeq + 1, this.opts.now());
    return this.lastSeq;
  }

  /** touch recomputes one entry and, unless told otherwise, tells the listeners. */
  private touch(indicator: string, notify = true): void {
    this.entries.delete(indicator);
    this.revision++;
    if (notify) this.emit();
  }

  private computeEntry(indicator: string): Entry {
    const server = this.server.get(indicator) ?? null;
    const d = this.drafts.get(indicator);
    if (!d) {
      return { indicator, value: inputOf(server), server, status: server ? 'saved' : 'empty' };
    }
    const e: Entry = { indicator, value: d.input, server, status: 'pending' };
    const rejected = this.rejected.get(indicator);
    if (this.conflicts.has(indicator)) {
      e.status = 'conflict';
      e.theirs = this.conflicts.get(indicator) ?? null;
    } else if (this.inflight === indicator) {
      e.status = 'saving';
    } else if (!sendable(d.input)) {
      e.status = 'invalid';
    } else if (rejected && rejected.rev === d.rev) {
      e.status = 'rejected';
      e.errors = rejected.errors;
    } else if (this.connection === 'offline') {
      e.status = 'offline';
    } else if (this.connection === 'down') {
      e.status = 'retrying';
    }
    return e;
  }

  private computeSummary(): SyncSummary {
    const conflicts: string[] = [];
    const attention: string[] = [];
    for (const d of this.drafts.values()) {
      if (this.conflicts.has(d.indicator)) conflicts.push(d.indicator);
      else if (!sendable(d.input) || this.rejected.get(d.indicator)?.rev === d.rev) attention.push(d.indicator);
    }
    const pending = this.drafts.size;
    let status: PageStatus = 'saved';
    if (this.blocked) status = 'blocked';
    else if (conflicts.length) status = 'conflict';
    else if (pending > 0 && this.connection === 'offline') status = 'offline';
    else if (pending > 0 && this.connection === 'down') status = 'retrying';
    else if (attention.length) status = 'attention';
    else if (pending > 0) status = 'saving';
    return {
      status,
      pending,
      conflicts,
      attention,
      blocked: this.blocked,
      lastSavedAt: this.lastSavedAt,
      persistent: this.persistent,
      ready: this.ready,
    };
  }

  private emit(): void {
    const next = this.computeSummary();
    const prev = this.summary;
    if (
      prev.status !== next.status ||
      prev.pending !== next.pending ||
      prev.blocked !== next.blocked ||
      prev.lastSavedAt !== next.lastSavedAt ||
      prev.persistent !== next.persistent ||
      prev.ready !== next.ready ||
      prev.conflicts.join() !== next.conflicts.join() ||
      prev.attention.join() !== next.attention.join()
    ) {
      this.summary = next;
    }
    if (this.disposed) return;
    for (const fn of [...this.listeners]) fn();
  }
}

/** sendable: an answer the server would accept as it is (N/A needs a reason). */
export function sendable(a: AnswerInput): boolean {
  return !a.na || a.na_reason.trim() !== '';
}

function parseCurrent(current: unknown): Answer | null {
  const r = answerSchema.safeParse(current);
  return r.success ? r.data : null;
}

function blockReason(err: ApiError): BlockReason | undefined {
  switch (err.status) {
    case 401:
      return 'session';
    case 403:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 409:
      if (err.code === 'locked') return 'locked';
      if (err.code === 'outside_window') return 'window';
      return 'state';
  }
  return undefined;
}
