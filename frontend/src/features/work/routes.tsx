import type { RouteObject } from 'react-router';
import { RequireAuth } from '../session/RequireAuth';
import { reviewRoles } from './nav';
import { RoleOnly } from './RoleOnly';
import { lazyPage, preloadPages } from '../../layout/lazyPage';

const QuestionnairePage = lazyPage(() => import('../questionnaire/QuestionnairePage'), 'QuestionnairePage');
const EntityReviewPage = lazyPage(() => import('../review/EntityReviewPage'), 'EntityReviewPage');
const ReviewQueuePage = lazyPage(() => import('../review/ReviewQueuePage'), 'ReviewQueuePage');
const UnitReviewPage = lazyPage(() => import('../review/UnitReviewPage'), 'UnitReviewPage');
const WorkPage = lazyPage(() => import('./WorkPage'), 'WorkPage');

/**
 * assessmentRoutes are the pages of field work and review: the assessor's
 * work list and questionnaire, the coordinator's review queue, unit review
 * and entity view. routes.tsx places them in the app shell.
 */
export const assessmentRoutes: RouteObject[] = [
  {
    path: 'kerja',
    lazy: preloadPages(WorkPage),
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
  { path: 'kerja/unit/:id', lazy: preloadPages(QuestionnairePage), element: <RequireAuth>{(user) => <QuestionnairePage user={user} />}</RequireAuth> },
  {
    path: 'tinjau',
    lazy: preloadPages(ReviewQueuePage),
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
    lazy: preloadPages(UnitReviewPage),
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
    lazy: preloadPages(EntityReviewPage),
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
