import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { createBrowserRouter } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { setPrefetchClient } from './layout/prefetch';
import { routes } from './routes';
import { cssVariablesResolver, theme } from './theme';

/**
 * createQueryClient: no automatic retries (the API client already retries a
 * GET that never reached the server, once) so that failures show promptly.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: false, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
  });
}

/** AppProviders wraps the theme and the data cache around a tree (the app, or a test). */
export function AppProviders({ queryClient, children }: { queryClient: QueryClient; children: ReactNode }) {
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} forceColorScheme="light">
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </MantineProvider>
  );
}

/**
 * startApp creates the data cache and the router. main.tsx calls it before
 * React draws anything: creating the router already resolves the address,
 * so the first page's code and its data (route prefetches) are asked for
 * at once.
 */
export function startApp(): { queryClient: QueryClient; router: ReturnType<typeof createBrowserRouter> } {
  const queryClient = createQueryClient();
  setPrefetchClient(queryClient); // route loaders start each page's requests in this cache
  return { queryClient, router: createBrowserRouter(routes) };
}

/** App is the whole single-page application. */
export function App({ queryClient, router }: ReturnType<typeof startApp>) {
  return (
    <AppProviders queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProviders>
  );
}
