import type { RouteObject } from 'react-router';

/** auditRoutes are the pages of this feature; routes.tsx places them in the app shell. */
export const auditRoutes: RouteObject[] = [];
