import { useSearchParams } from 'react-router';

/** allStates is the address's word for "every state". */
export const allStates = 'semua';

/**
 * useStateFilter keeps a queue's state filter in the address (`?status=`),
 * so a filtered queue can be shared and survives a reload: the state named
 * there when it is one of the queue's, every state for "semua", and the
 * given state (the one waiting for a decision) otherwise.
 */
export function useStateFilter<S extends string>(isState: (v: string | null) => v is S, fallback: S): [S | undefined, (v: string) => void] {
  const [params, setParams] = useSearchParams();
  const raw = params.get('status');
  const state = raw === allStates ? undefined : isState(raw) ? raw : fallback;
  const setState = (v: string) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.set('status', v);
        return next;
      },
      { replace: true },
    );
  return [state, setState];
}
