import type { RouteObject } from 'react-router';
import { LandingPage } from './features/landing/LandingPage';
import { NotFoundPage } from './features/not-found/NotFoundPage';
import { resultsRoutes } from './features/results/routes';
import { RequireAuth } from './features/session/RequireAuth';
import { SignInPage } from './features/session/SignInPage';
import { assessmentRoutes } from './features/work/routes';
import { periodsRoutes } from './features/periods/routes';
import { instrumentRoutes } from './features/instrument/routes';
import { locusRoutes } from './features/locus/routes';
import { usersRoutes } from './features/users/routes';
import { assignmentsRoutes } from './features/assignments/routes';
import { auditRoutes } from './features/audit/routes';
import { surveyRoutes } from './features/survey/routes';
import { objectionsRoutes } from './features/objections/routes';
import { exportsRoutes } from './features/exports/routes';
import { AppLayout } from './layout/AppLayout';
import { RouteError } from './layout/RouteError';
import { lazyPage, preloadPages } from './layout/lazyPage';

const HomePage = lazyPage(() => import('./features/home/HomePage'), 'HomePage');
const PublicResultsPage = lazyPage(() => import('./features/public-results/PublicResultsPage'), 'PublicResultsPage');

/**
 * routes is the whole client-side map. Paths are Indonesian, as users read
 * them; the Go server answers every unknown path with index.html so that
 * reloading any of these works.
 */
export const routes: RouteObject[] = [
  {
    element: <AppLayout />,
    errorElement: <RouteError />,
    // Drawn while the first page's code loads (a fraction of a second).
    hydrateFallbackElement: <div aria-busy="true" />,
    children: [
      {
        // A failing page keeps the header, so the user can still move on.
        errorElement: <RouteError />,
        children: [
          { index: true, element: <LandingPage /> },
          { path: 'masuk', element: <SignInPage /> },
          { path: 'publik', lazy: preloadPages(PublicResultsPage), element: <PublicResultsPage /> },
          { path: 'beranda', lazy: preloadPages(HomePage), element: <RequireAuth>{(user) => <HomePage user={user} />}</RequireAuth> },
          ...resultsRoutes,
          ...assessmentRoutes,
          ...periodsRoutes,
          ...instrumentRoutes,
          ...locusRoutes,
          ...usersRoutes,
          ...assignmentsRoutes,
          ...auditRoutes,
          ...surveyRoutes,
          ...objectionsRoutes,
          ...exportsRoutes,
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];
