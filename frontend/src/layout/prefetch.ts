import type { QueryClient } from '@tanstack/react-query';
import type { LoaderFunction, Params } from 'react-router';
import { sessionQuery } from '../features/session/api';
import type { User } from '../features/session/types';

/** Prefetch starts the requests a page will make, for a signed-in user at an address. */
export type Prefetch = (qc: QueryClient, user: User, url: URL, params: Params) => void;

let client: QueryClient | null = null;

/**
 * setPrefetchClient names the app's query cache, which route prefetches
 * fill (App calls it once). Without it, as in component tests that draw
 * routes with a cache of their own, prefetches do nothing.
 */
export function setPrefetchClient(qc: QueryClient | null): void {
  client = qc;
}

/**
 * prefetchLoader is a route `loader` that starts a page's requests at the
 * moment the router knows where it goes: while the page's code downloads
 * and before anything is drawn, instead of after the page's first render.
 * It waits for nothing (the router draws at once) and returns nothing; the
 * page's own queries find the answers in the cache or the requests in
 * flight, so nothing is asked twice. Pair it with `shouldRevalidate:
 * never`: the address's search part is the page's state and changes often.
 */
export function prefetchLoader(start: Prefetch): LoaderFunction {
  return ({ request, params }) => {
    const qc = client;
    if (qc) {
      void qc
        .ensureQueryData(sessionQuery())
        .then((user) => {
          if (user) start(qc, user, new URL(request.url), params);
        })
        // The page asks again and shows what went wrong.
        .catch(() => undefined);
    }
    return null;
  };
}

/** never is a route's shouldRevalidate when its loader only prefetches. */
export const never = () => false;
