import type { RouteObject } from 'react-router';

/** locusRoutes are the pages of this feature; routes.tsx places them in the app shell. */
export const locusRoutes: RouteObject[] = [];
