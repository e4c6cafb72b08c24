import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { postRespondent, surveyKey, type RespondentBody } from './api';
import { openRespondentStore, RespondentQueue, type Queued, type SubmitResult } from './queue';

/** How often a non-empty queue is tried again while the page is open. */
const retryMs = 20_000;

/**
 * useRespondentQueue wires the device's respondent queue to one user and
 * unit: it sends what waits when the page opens, when the connection
 * returns and every little while, and refreshes the unit's survey after.
 */
export function useRespondentQueue(user: number, unit: number) {
  const qc = useQueryClient();
  const [queue, setQueue] = useState<RespondentQueue | null>(null);
  const [pending, setPending] = useState<Queued[]>([]);
  const alive = useRef(true);

  const refresh = useCallback(async (q: RespondentQueue) => {
    const list = await q.pending(unit);
    if (alive.current) setPending(list);
  }, [unit]);

  const flush = useCallback(
    async (q: RespondentQueue) => {
      const r = await q.flush();
      await refresh(q);
      if (r.sent > 0) void qc.invalidateQueries({ queryKey: surveyKey(unit) });
    },
    [qc, refresh, unit],
  );

  useEffect(() => {
    alive.current = true;
    let q: RespondentQueue | null = null;
    void openRespondentStore().then((store) => {
      if (!alive.current) return;
      q = new RespondentQueue(store, postRespondent, user);
      setQueue(q);
      void flush(q);
    });
    const online = () => q && void flush(q);
    window.addEventListener('online', online);
    const timer = setInterval(() => {
      if (q && navigator.onLine) void flush(q);
    }, retryMs);
    return () => {
      alive.current = false;
      window.removeEventListener('online', online);
      clearInterval(timer);
    };
  }, [user, flush]);

  const submit = useCallback(
    async (body: RespondentBody, online: boolean): Promise<SubmitResult> => {
      if (!queue) return { kind: 'contact_offline' };
      const r = await queue.submit(unit, body, online);
      await refresh(queue);
      if (r.kind === 'sent') void qc.invalidateQueries({ queryKey: surveyKey(unit) });
      return r;
    },
    [queue, unit, refresh, qc],
  );

  const discard = useCallback(
    async (key: string) => {
      if (!queue) return;
      await queue.discard(key);
      await refresh(queue);
    },
    [queue, refresh],
  );

  const retry = useCallback(() => (queue ? flush(queue) : Promise.resolve()), [queue, flush]);

  return { ready: queue !== null, persistent: queue?.persistent ?? true, pending, submit, discard, retry };
}
