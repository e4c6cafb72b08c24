import type { RouteObject } from 'react-router';

/** periodsRoutes are the pages of this feature; routes.tsx places them in the app shell. */
export const periodsRoutes: RouteObject[] = [];
