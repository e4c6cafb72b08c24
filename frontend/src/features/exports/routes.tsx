import type { RouteObject } from 'react-router';

/** exportsRoutes are the pages of this feature; routes.tsx places them in the app shell. */
export const exportsRoutes: RouteObject[] = [];
