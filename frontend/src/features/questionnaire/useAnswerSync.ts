import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { AnswerSync, type Entry, type SyncSummary } from './answerSync';
import { saveAnswer } from './api';
import { openDraftStore } from './drafts';
import type { Answer } from './types';

/** useAnswerSync runs the autosave queue of one unit for the signed-in user while the page is open. */
export function useAnswerSync(opts: { user: number; unit: number; answers: readonly Answer[]; onSaved?: () => void }) {
  const { user, unit, answers } = opts;
  const [sync, setSync] = useState<AnswerSync | null>(null);
  const answersRef = useRef(answers);
  answersRef.current = answers;
  const onSavedRef = useRef(opts.onSaved);
  onSavedRef.current = opts.onSaved;

  useEffect(() => {
    const s = new AnswerSync({
      user,
      unit,
      answers: answersRef.current,
      save: (indicator, input, base) => saveAnswer(unit, indicator, input, base),
      store: openDraftStore(),
      onSaved: () => onSavedRef.current?.(),
    });
    setSync(s);
    void s.start();
    return () => s.dispose();
  }, [user, unit]);

  useEffect(() => {
    sync?.syncServer(answers);
  }, [sync, answers]);

  return sync;
}

const noop = () => () => {};

/** useSyncSummary follows the page-level save state. */
export function useSyncSummary(sync: AnswerSync): SyncSummary {
  return useSyncExternalStore(sync.subscribe, sync.getSummary, sync.getSummary);
}

/** useEntry follows one indicator; a card re-renders only when its own answer changes. */
export function useEntry(sync: AnswerSync, indicator: string): Entry {
  const get = () => sync.getEntry(indicator);
  return useSyncExternalStore(sync ? sync.subscribe : noop, get, get);
}

/** useRevision changes whenever any answer on the page changes (for counts across indicators). */
export function useRevision(sync: AnswerSync): number {
  return useSyncExternalStore(sync.subscribe, sync.getRevision, sync.getRevision);
}
