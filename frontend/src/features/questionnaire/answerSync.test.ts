import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/client';
import { AnswerSync, type SaveFn, type SyncOptions } from './answerSync';
import { draftsDatabaseName, memoryDraftStore, openDraftStore, resetDraftStore, type DraftStore } from './drafts';
import { inputOf, sameInput, type Answer, type AnswerInput } from './types';

// A stand-in for PUT /unit-assessments/{id}/answers/{indicator} with the
// server's rules: If-Match must name the current version (0: none yet),
// saving the same content again is a no-op, a conflict returns `current`.

interface Sent {
  indicator: string;
  input: AnswerInput;
  base: number;
}

type Mode = 'ok' | 'offline' | 'down' | 'hang' | 'applyThenHang';

function fakeServer(initial: Answer[] = []) {
  const answers = new Map(initial.map((a) => [a.indicator, a]));
  const sent: Sent[] = [];
  let mode: Mode = 'ok';
  let inFlight = 0;
  let maxInFlight = 0;
  let gate: Promise<void> | null = null;
  let release: (() => void) | null = null;

  function apply(indicator: string, input: AnswerInput, base: number, by = 1): Answer {
    const cur = answers.get(indicator);
    if (cur && sameInput(inputOf(cur), input)) return cur;
    if ((cur?.version ?? 0) !== base) {
      throw new ApiError({ type: '/problems/conflict', title: 'Changed by someone else', status: 412, code: 'version_conflict', current: cur });
    }
    const next: Answer = { indicator, ...input, version: (cur?.version ?? 0) + 1, updated_by: by, updated_at: '2023-08-01T03:00:00Z' };
    answers.set(indicator, next);
    return next;
  }

  const save: SaveFn = async (indicator, input, base) => {
    sent.push({ indicator, input: { ...input }, base });
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      if (mode === 'offline') throw new ApiError({ type: 'about:blank', title: 'Network error', status: 0, code: 'network_error' });
      if (mode === 'down') throw new ApiError({ type: 'about:blank', title: 'Service Unavailable', status: 503 });
      if (mode === 'hang') await new Promise<void>(() => {});
      if (mode === 'applyThenHang') {
        apply(indicator, input, base);
        await new Promise<void>(() => {});
      }
      if (gate) await gate;
      return apply(indicator, input, base);
    } finally {
      inFlight--;
    }
  };

  return {
    answers,
    sent,
    save,
    setMode: (m: Mode) => {
      mode = m;
    },
    /** hold makes the next saves wait until open() is called. */
    hold: () => {
      gate = new Promise<void>((r) => {
        release = r;
      });
    },
    open: async () => {
      const r = release;
      gate = null;
      release = null;
      r?.();
    },
    get maxInFlight() {
      return maxInFlight;
    },
    /** otherUser saves as someone else would, from another device. */
    otherUser: (indicator: string, input: Partial<AnswerInput>) => {
      const cur = answers.get(indicator);
      return apply(indicator, { ...inputOf(cur), ...input }, cur?.version ?? 0, 7);
    },
  };
}

function answer(indicator: string, value: number | null, version = 1, extra: Partial<Answer> = {}): Answer {
  return { indicator, value, na: false, na_reason: '', note: '', version, updated_by: 1, updated_at: '2023-07-15T03:00:00Z', ...extra };
}

function newSync(server: ReturnType<typeof fakeServer>, over: Partial<SyncOptions> = {}) {
  return new AnswerSync({
    user: 3,
    unit: 182,
    answers: [...server.answers.values()],
    save: server.save,
    store: memoryDraftStore(),
    events: null,
    debounceMs: 600,
    ...over,
  });
}

describe('AnswerSync: autosave queue', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('waits for a pause in typing (600 ms) and sends the last text once', async () => {
    const server = fakeServer();
    const s = newSync(server);
    await s.start();
    s.edit('PR.ST.08', { note: 'L' }, 'debounce');
    s.edit('PR.ST.08', { note: 'Lo' }, 'debounce');
    // The screen shows every keystroke at once, whatever the network does.
    expect(s.getEntry('PR.ST.08').value.note).toBe('Lo');
    expect(s.getEntry('PR.ST.08').status).toBe('pending');
    expect(s.getSummary().status).toBe('saving');
    await vi.advanceTimersByTimeAsync(500);
    s.edit('PR.ST.08', { note: 'Loket' }, 'debounce');
    await vi.advanceTimersByTimeAsync(599);
    expect(server.sent).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(server.sent).toEqual([{ indicator: 'PR.ST.08', input: { value: null, na: false, na_reason: '', note: 'Loket' }, base: 0 }]);
    expect(s.getEntry('PR.ST.08').status).toBe('saved');
    expect(s.getSummary()).toMatchObject({ status: 'saved', pending: 0 });
  });

  it('sends a chosen level at once, with the note typed just before it', async () => {
    const server = fakeServer();
    const s = newSync(server);
    await s.start();
    s.edit('PR.ST.08', { note: 'Papan waktu layanan ada' }, 'debounce');
    s.edit('PR.ST.08', { value: 3 });
    await vi.advanceTimersByTimeAsync(0);
    expect(server.sent).toEqual([{ indicator: 'PR.ST.08', input: { value: 3, na: false, na_reason: '', note: 'Papan waktu layanan ada' }, base: 0 }]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(server.sent).toHaveLength(1);
  });

  it('sends answers one at a time, in the order they were changed', async () => {
    const server = fakeServer([answer('A', 1)]);
    const s = newSync(server);
    await s.start();
    server.hold();
    s.edit('C', { value: 2 });
    s.edit('A', { value: 3 });
    s.edit('B', { value: 0 });
    await vi.advanceTimersByTimeAsync(0);
    expect(server.sent.map((x) => x.indicator)).toEqual(['C']);
    expect(s.getEntry('C').status).toBe('saving');
    expect(s.getEntry('A').status).toBe('pending');
    await server.open();
    await vi.advanceTimersByTimeAsync(0);
    expect(server.sent.map((x) => `${x.indicator}@${x.base}`)).toEqual(['C@0', 'A@1', 'B@0']);
    expect(server.maxInFlight).toBe(1);
    expect(s.getSummary().status).toBe('saved');
  });

  it('lets the user keep typing during a save and sends the rest on the version that save returned', async () => {
    const server = fakeServer();
    const s = newSync(server);
    await s.start();
    server.hold();
    s.edit('IN.KP.01', { value: 2 });
    await vi.advanceTimersByTimeAsync(0);
    expect(server.sent).toHaveLength(1);
    s.edit('IN.KP.01', { note: 'Dua dari empat pejabat' }, 'debounce');
    expect(s.getEntry('IN.KP.01').value).toMatchObject({ value: 2, note: 'Dua dari empat pejabat' });
    await server.open();
    await vi.advanceTimersByTimeAsync(600);
    expect(server.sent.map((x) => x.base)).toEqual([0, 1]);
    expect(server.answers.get('IN.KP.01')).toMatchObject({ value: 2, note: 'Dua dari empat pejabat', version: 2 });
    expect(s.getEntry('IN.KP.01')).toMatchObject({ status: 'saved', server: { version: 2 } });
  });

  it('keeps trying after a network failure with a growing pause, and says the answer will be sent', async () => {
    const server = fakeServer();
    const s = newSync(server);
    await s.start();
    server.setMode('offline');
    s.edit('A', { value: 1 });
    await vi.advanceTimersByTimeAsync(0);
    expect(s.getEntry('A').status).toBe('offline');
    expect(s.getSummary().status).toBe('offline');
    await vi.advanceTimersByTimeAsync(1000); // 1st retry after 1 s
    expect(server.sent).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1999);
    expect(server.sent).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1); // 2nd after 2 s more
    expect(server.sent).toHaveLength(3);
    server.setMode('ok');
    await vi.advanceTimersByTimeAsync(4000); // 3rd after 4 s more
    expect(server.sent).toHaveLength(4);
    expect(s.getEntry('A').status).toBe('saved');
    expect(s.getSummary().status).toBe('saved');
  });

  it('retries a server failure (503) the same way, shown apart from being offline', async () => {
    const server = fakeServer();
    const s = newSync(server);
    await s.start();
    server.setMode('down');
    s.edit('A', { value: 1 });
    await vi.advanceTimersByTimeAsync(0);
    expect(s.getSummary().status).toBe('retrying');
    server.setMode('ok');
    await vi.advanceTimersByTimeAsync(1000);
    expect(s.getSummary().status).toBe('saved');
  });

  it('does not try while the browser is offline and sends at once on the online event', async () => {
    const server = fakeServer();
    const events = new EventTarget();
    let online = false;
    const s = newSync(server, { events, isOnline: () => online });
    await s.start();
    s.edit('A', { value: 1 });
    s.edit('B', { value: 2 });
    await vi.advanceTimersByTimeAsync(5000);
    expect(server.sent).toHaveLength(0);
    expect(s.getEntry('B').status).toBe('offline');
    online = true;
    events.dispatchEvent(new Event('online'));
    await vi.advanceTimersByTimeAsync(0);
    expect(server.sent.map((x) => x.indicator)).toEqual(['A', 'B']);
    expect(s.getSummary()).toMatchObject({ status: 'saved', pending: 0 });
    s.dispose();
  });

  it('holds an N/A without a reason until the reason is written', async () => {
    const server = fakeServer();
    const s = newSync(server);
    await s.start();
    s.edit('PG.PP.05', { value: 2 });
    await vi.advanceTimersByTimeAsync(0);
    s.edit('PG.PP.05', { na: true });
    await vi.advanceTimersByTimeAsync(1000);
    expect(server.sent).toHaveLength(1);
    expect(s.getEntry('PG.PP.05')).toMatchObject({ status: 'invalid', value: { na: true, value: null } });
    expect(s.getSummary()).toMatchObject({ status: 'attention', attention: ['PG.PP.05'] });
    s.edit('PG.PP.05', { na_reason: 'Unit tidak menerima pengaduan tertulis' }, 'debounce');
    await vi.advanceTimersByTimeAsync(600);
    expect(server.sent[1]).toEqual({
      indicator: 'PG.PP.05',
      input: { value: null, na: true, na_reason: 'Unit tidak menerima pengaduan tertulis', note: '' },
      base: 1,
    });
    expect(s.getSummary().status).toBe('saved');
  });

  it('does not resend an answer the server refused (422) until it is edited', async () => {
    const server = fakeServer();
    const refused = vi.fn<SaveFn>(async () => {
      throw new ApiError({
        type: '/problems/validation',
        title: 'Some fields are invalid',
        status: 422,
        errors: [{ field: 'note', code: 'too_long', message: 'a note has at most 4000 characters' }],
      });
    });
    const s = newSync(server, { save: refused });
    await s.start();
    s.edit('A', { note: 'x'.repeat(5000) }, 'debounce');
    await vi.advanceTimersByTimeAsync(600);
    expect(s.getEntry('A')).toMatchObject({ status: 'rejected', errors: [{ field: 'note', code: 'too_long' }] });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(refused).toHaveBeenCalledTimes(1);
    s.edit('A', { note: 'pendek' }, 'debounce');
    await vi.advanceTimersByTimeAsync(600);
    expect(refused).toHaveBeenCalledTimes(2);
  });

  it('stops, keeping the drafts, when the unit can no longer be edited', async () => {
    const server = fakeServer();
    const store = memoryDraftStore();
    const locked = vi.fn<SaveFn>(async () => {
      throw new ApiError({ type: '/problems/invalid_state', title: 'Not allowed now', status: 409, code: 'invalid_state' });
    });
    const s = newSync(server, { save: locked, store });
    await s.start();
    s.edit('A', { value: 1 });
    s.edit('B', { value: 1 });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(locked).toHaveBeenCalledTimes(1);
    expect(s.getSummary()).toMatchObject({ status: 'blocked', blocked: { reason: 'state' }, pending: 2 });
    expect((await store.load(3, 182)).map((d) => d.indicator)).toEqual(['A', 'B']);
  });
});

describe('AnswerSync: version conflicts', () => {
  it('shows both answers on a 412 and saves mine over theirs when I keep mine', async () => {
    const server = fakeServer([answer('OU.PM.01', 1)]);
    const s = newSync(server);
    await s.start();
    server.otherUser('OU.PM.01', { value: 2, note: 'Rekap 30 responden' });
    s.edit('OU.PM.01', { value: 3 });
    await vi.waitFor(() => expect(s.getEntry('OU.PM.01').status).toBe('conflict'));
    const e = s.getEntry('OU.PM.01');
    expect(e.value.value).toBe(3);
    expect(e.theirs).toMatchObject({ value: 2, note: 'Rekap 30 responden', version: 2, updated_by: 7 });
    expect(s.getSummary()).toMatchObject({ status: 'conflict', conflicts: ['OU.PM.01'] });
    // Nothing was overwritten.
    expect(server.answers.get('OU.PM.01')).toMatchObject({ value: 2, version: 2 });

    s.keepMine('OU.PM.01');
    await vi.waitFor(() => expect(s.getEntry('OU.PM.01').status).toBe('saved'));
    expect(server.sent.at(-1)).toMatchObject({ indicator: 'OU.PM.01', base: 2, input: { value: 3 } });
    expect(server.answers.get('OU.PM.01')).toMatchObject({ value: 3, version: 3 });
  });

  it('takes the server answer without sending anything when I take theirs', async () => {
    const server = fakeServer([answer('OU.PM.01', 1)]);
    const store = memoryDraftStore();
    const s = newSync(server, { store });
    await s.start();
    server.otherUser('OU.PM.01', { value: 2 });
    s.edit('OU.PM.01', { value: 0 });
    await vi.waitFor(() => expect(s.getEntry('OU.PM.01').status).toBe('conflict'));
    const before = server.sent.length;
    s.takeTheirs('OU.PM.01');
    expect(s.getEntry('OU.PM.01')).toMatchObject({ status: 'saved', value: { value: 2 }, server: { version: 2 } });
    await vi.waitFor(async () => expect(await store.load(3, 182)).toEqual([]));
    expect(server.sent).toHaveLength(before);
    expect(s.getSummary().status).toBe('saved');
  });

  it('keeps the edit made during a conflict as "mine"', async () => {
    const server = fakeServer([answer('A', 1)]);
    const s = newSync(server);
    await s.start();
    server.otherUser('A', { value: 2 });
    s.edit('A', { value: 3 });
    await vi.waitFor(() => expect(s.getEntry('A').status).toBe('conflict'));
    s.edit('A', { note: 'dicek ulang' }, 'debounce');
    expect(s.getEntry('A')).toMatchObject({ status: 'conflict', value: { value: 3, note: 'dicek ulang' } });
    const n = server.sent.length;
    await new Promise((r) => setTimeout(r, 10));
    expect(server.sent).toHaveLength(n);
    s.keepMine('A');
    await vi.waitFor(() => expect(server.answers.get('A')).toMatchObject({ value: 3, note: 'dicek ulang', version: 3 }));
  });

  it('handles a conflict on a first answer (someone answered it first)', async () => {
    const server = fakeServer();
    const s = newSync(server);
    await s.start();
    server.otherUser('A', { value: 1 });
    s.edit('A', { value: 2 });
    await vi.waitFor(() => expect(s.getEntry('A').status).toBe('conflict'));
    expect(server.sent[0]?.base).toBe(0);
    expect(s.getEntry('A').theirs).toMatchObject({ value: 1, version: 1 });
  });
});

describe('AnswerSync: drafts on the device (IndexedDB)', () => {
  let store: DraftStore;
  beforeEach(async () => {
    await resetDraftStore();
    store = await openDraftStore();
  });

  it('keeps offline edits in IndexedDB "p4-drafts" and sends them in order after the tab is reopened', async () => {
    expect(store.persistent).toBe(true);
    const server = fakeServer([answer('A', 1)]);
    let online = false;
    const s1 = newSync(server, { store, isOnline: () => online });
    await s1.start();
    s1.edit('C', { value: 2 });
    s1.edit('A', { value: 3 });
    s1.edit('B', { na: true, na_reason: 'Tidak ada layanan berbayar' });
    s1.edit('D', { note: 'Catatan' }, 'debounce');
    await vi.waitFor(async () => expect((await store.load(3, 182)).map((d) => d.indicator)).toEqual(['C', 'A', 'B', 'D']));
    expect(s1.getSummary()).toMatchObject({ status: 'offline', pending: 4, persistent: true });
    const names = (await indexedDB.databases()).map((d) => d.name);
    expect(names).toContain(draftsDatabaseName);
    s1.dispose(); // the tab is closed
    expect(server.sent).toHaveLength(0);

    online = true;
    const s2 = newSync(server, { store, isOnline: () => online });
    await s2.start();
    expect(s2.getEntry('A').value.value).toBe(3);
    await vi.waitFor(() => expect(s2.getSummary()).toMatchObject({ status: 'saved', pending: 0 }));
    expect(server.sent.map((x) => `${x.indicator}@${x.base}`)).toEqual(['C@0', 'A@1', 'B@0', 'D@0']);
    expect(server.answers.get('B')).toMatchObject({ na: true, na_reason: 'Tidak ada layanan berbayar' });
    await vi.waitFor(async () => expect(await store.load(3, 182)).toEqual([]));
  });

  it('writes the draft before sending, so a tab closed mid-save resends it', async () => {
    const server = fakeServer();
    server.setMode('hang');
    const s1 = newSync(server, { store });
    await s1.start();
    s1.edit('A', { value: 2, note: 'foto terlampir' });
    await vi.waitFor(() => expect(server.sent).toHaveLength(1));
    expect((await store.load(3, 182)).map((d) => d.input)).toEqual([{ value: 2, na: false, na_reason: '', note: 'foto terlampir' }]);
    s1.dispose();

    server.setMode('ok');
    const s2 = newSync(server, { store });
    await s2.start();
    await vi.waitFor(() => expect(server.answers.get('A')).toMatchObject({ value: 2, version: 1 }));
    await vi.waitFor(async () => expect(await store.load(3, 182)).toEqual([]));
  });

  it('drops a kept draft the server already has (the save arrived, the answer did not)', async () => {
    const server = fakeServer();
    server.setMode('applyThenHang');
    const s1 = newSync(server, { store });
    await s1.start();
    s1.edit('A', { value: 1 });
    await vi.waitFor(() => expect(server.answers.get('A')?.version).toBe(1));
    s1.dispose();
    server.setMode('ok');

    // Reopened: the unit read already shows the answer.
    const s2 = newSync(server, { store });
    await s2.start();
    expect(s2.getEntry('A').status).toBe('saved');
    expect(server.sent).toHaveLength(1);
    await vi.waitFor(async () => expect(await store.load(3, 182)).toEqual([]));

    // Had the read been older, resending the same content is harmless.
    await store.put({ user: 3, unit: 182, indicator: 'A', input: { value: 1, na: false, na_reason: '', note: '' }, base: 0, seq: 1, rev: 1, at: 1 });
    const s3 = newSync(server, { store, answers: [] });
    await s3.start();
    await vi.waitFor(() => expect(s3.getEntry('A').status).toBe('saved'));
    expect(server.answers.get('A')?.version).toBe(1);
  });

  it("never sends another user's drafts from the same device", async () => {
    await store.put({ user: 99, unit: 182, indicator: 'A', input: { value: 0, na: false, na_reason: '', note: '' }, base: 0, seq: 1, rev: 1, at: 1 });
    const server = fakeServer();
    const s = newSync(server, { store });
    await s.start();
    await new Promise((r) => setTimeout(r, 20));
    expect(server.sent).toHaveLength(0);
    expect(s.getEntry('A').status).toBe('empty');
    expect((await store.countByUnit(99)).get(182)).toBe(1);
  });
});
