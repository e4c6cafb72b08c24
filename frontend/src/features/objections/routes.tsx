import type { RouteObject } from 'react-router';

/** objectionsRoutes are the pages of this feature; routes.tsx places them in the app shell. */
export const objectionsRoutes: RouteObject[] = [];
