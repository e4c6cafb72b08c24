import type { RouteObject } from 'react-router';

/** usersRoutes are the pages of this feature; routes.tsx places them in the app shell. */
export const usersRoutes: RouteObject[] = [];
