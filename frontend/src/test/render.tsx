import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { createMemoryRouter, type RouteObject } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { AppProviders, createQueryClient } from '../App';
import { routes } from '../routes';

/** renderAt renders the whole app, router included, at a path. */
export function renderAt(path: string) {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const queryClient = createQueryClient();
  const view = render(
    <AppProviders queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProviders>,
  );
  return { ...view, router, queryClient };
}

/** renderPage renders one element at a path inside the providers, with a router around it. */
export function renderPage(element: ReactElement, opts: { path?: string; at?: string; extra?: RouteObject[] } = {}) {
  const { path = '/', at = path, extra = [] } = opts;
  const router = createMemoryRouter([{ path, element }, ...extra], { initialEntries: [at] });
  const queryClient = createQueryClient();
  const view = render(
    <AppProviders queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProviders>,
  );
  return { ...view, router, queryClient };
}

/** renderUI renders a component inside the theme and data providers only. */
export function renderUI(ui: ReactElement) {
  return render(<AppProviders queryClient={createQueryClient()}>{ui}</AppProviders>);
}
