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
  function Page(props: object) {
    const C = loaded ?? use(preload());
    return createElement(C, props);
  }
  Page.displayName = `lazyPage(${name})`;
  return Object.assign(Page, { preload }) as unknown as LazyPage<M[K]>;
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
