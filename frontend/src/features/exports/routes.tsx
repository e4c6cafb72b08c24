import type { RouteObject } from 'react-router';
import { RequireAuth } from '../session/RequireAuth';
import { lazyPage, preloadPages } from '../../layout/lazyPage';

const ExportsPage = lazyPage(() => import('./ExportsPage'), 'ExportsPage');

/** exportsRoutes are the pages of this feature; routes.tsx places them in the app shell. */
export const exportsRoutes: RouteObject[] = [{ path: 'unduhan', lazy: preloadPages(ExportsPage), element: <RequireAuth>{() => <ExportsPage />}</RequireAuth> }];
