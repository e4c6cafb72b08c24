import type { RouteObject } from 'react-router';

/** surveyRoutes are the pages of this feature; routes.tsx places them in the app shell. */
export const surveyRoutes: RouteObject[] = [];
