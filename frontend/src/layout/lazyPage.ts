import { createElement, use, type ComponentType } from 'react';

/** A page component whose code is loaded on first use; preload() loads it ahead. */
export type LazyPage<C> = C & { preload: () => Promise<unknown> };

/**
 * lazyPage makes one named export of a page module a component whose code
 * (and the libraries only it uses) arrives with that page instead of with
 * every page. Routes name it in their `lazy` (see preloadPages), so the
 * router loads it before it draws the page and nothing waits on a loading
 * state; drawn before that, it suspends until loaded (AppLayout's
 * Suspense shows the loading state).
 *
 * Unlike React.lazy, a page already loaded draws at once, even in an
 * urgent (synchronous) render: React.lazy would suspend once on every
 * first draw, and React then keeps the loading state up for at least
 * 300 ms.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any props: the page's own type is restored by the return type.
export function lazyPage<M extends Record<K, ComponentType<any>>, K extends keyof M & string>(load: () => Promise<M>, name: K): LazyPage<M[K]> {
  let loaded: M[K] | undefined;
  let pending: Promise<M[K]> | undefined;
  const preload = () =>
    (pending ??= load().then(
      (m) => (loaded = m[name]),
      (err: unknown) => {
        pending = undefined; // a failed download (offline, new release) may be tried again
        throw err;
      },
    ));
  everyPage.push(preload);
  function Page(props: object) {
    const C = loaded ?? use(preload());
    return createElement(C, props);
  }
  Page.displayName = `lazyPage(${name})`;
  return Object.assign(Page, { preload }) as unknown as LazyPage<M[K]>;
}

const everyPage: (() => Promise<unknown>)[] = [];

/**
 * preloadEveryPage loads the code of every page not loaded yet. The app
 * shell calls it once the first page is drawn and the browser is idle, so
 * that moving on needs no download: an assessor who loses the network in a
 * service office can still open the questionnaire and the survey entry
 * (their answers wait in the device's queue). A failed download is only
 * tried again when the page is opened.
 */
export function preloadEveryPage(): void {
  for (const preload of everyPage) preload().catch(() => undefined);
}

/**
 * preloadPages is a route's `lazy`: the router loads the pages' code before
 * it draws the route (on the first load and on every navigation), keeping
 * the previous page on screen meanwhile.
 */
export function preloadPages(...pages: { preload: () => Promise<unknown> }[]): () => Promise<Record<string, never>> {
  return async () => {
    await Promise.all(pages.map((p) => p.preload()));
    return {};
  };
}
