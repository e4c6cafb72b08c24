import type { RouteObject } from 'react-router';

/** assignmentsRoutes are the pages of this feature; routes.tsx places them in the app shell. */
export const assignmentsRoutes: RouteObject[] = [];
