import type { RouteObject } from 'react-router';
import { QuestionnairePage } from '../questionnaire/QuestionnairePage';
import { EntityReviewPage } from '../review/EntityReviewPage';
import { ReviewQueuePage } from '../review/ReviewQueuePage';
import { UnitReviewPage } from '../review/UnitReviewPage';
import { RequireAuth } from '../session/RequireAuth';
import { reviewRoles } from './nav';
import { RoleOnly } from './RoleOnly';
import { WorkPage } from './WorkPage';

/**
 * assessmentRoutes are the pages of field work and review: the assessor's
 * work list and questionnaire, the coordinator's review queue, unit review
 * and entity view. routes.tsx places them in the app shell.
 */
export const assessmentRoutes: RouteObject[] = [
  {
    path: 'kerja',
    element: (
      <RequireAuth>
        {(user) => (
          <RoleOnly user={user} roles={['assessor']}>
            <WorkPage user={user} />
          </RoleOnly>
        )}
      </RequireAuth>
    ),
  },
  // Any signed-in user may open a unit; the server decides whether they may read it and
  // the page makes it read-only for anyone who is not one of its assessors.
  { path: 'kerja/unit/:id', element: <RequireAuth>{(user) => <QuestionnairePage user={user} />}</RequireAuth> },
  {
    path: 'tinjau',
    element: (
      <RequireAuth>
        {(user) => (
          <RoleOnly user={user} roles={reviewRoles}>
            <ReviewQueuePage />
          </RoleOnly>
        )}
      </RequireAuth>
    ),
  },
  {
    path: 'tinjau/unit/:id',
    element: (
      <RequireAuth>
        {(user) => (
          <RoleOnly user={user} roles={reviewRoles}>
            <UnitReviewPage />
          </RoleOnly>
        )}
      </RequireAuth>
    ),
  },
  {
    path: 'tinjau/lokus/:id',
    element: (
      <RequireAuth>
        {(user) => (
          <RoleOnly user={user} roles={reviewRoles}>
            <EntityReviewPage />
          </RoleOnly>
        )}
      </RequireAuth>
    ),
  },
];
