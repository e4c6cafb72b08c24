import type { RouteObject } from 'react-router';

/** instrumentRoutes are the pages of this feature; routes.tsx places them in the app shell. */
export const instrumentRoutes: RouteObject[] = [];
