import type { RouteObject } from 'react-router';
import { RequireAuth } from '../session/RequireAuth';
import { ExportsPage } from './ExportsPage';

/** exportsRoutes are the pages of this feature; routes.tsx places them in the app shell. */
export const exportsRoutes: RouteObject[] = [{ path: 'unduhan', element: <RequireAuth>{() => <ExportsPage />}</RequireAuth> }];
