import type { RouteObject } from 'react-router';
import { RequireAuth } from '../session/RequireAuth';
import { RoleOnly } from '../work/RoleOnly';
import { lazyPage, preloadPages } from '../../layout/lazyPage';

const PosterPage = lazyPage(() => import('./PosterPage'), 'PosterPage');
const PublicSurveyPage = lazyPage(() => import('./PublicSurveyPage'), 'PublicSurveyPage');
const RespondentEntryPage = lazyPage(() => import('./RespondentEntryPage'), 'RespondentEntryPage');
const SettingsPage = lazyPage(() => import('./SettingsPage'), 'SettingsPage');
const SurveyUnitPage = lazyPage(() => import('./SurveyUnitPage'), 'SurveyUnitPage');

/**
 * surveyRoutes are the pages of the service-user survey: period settings
 * (coordinators, admins), a unit's survey (staff; the server decides who
 * may read it), the assessor's respondent entry, the printable poster, and
 * the public self-completion page (no sign-in). routes.tsx places them in
 * the app shell.
 */
export const surveyRoutes: RouteObject[] = [
  {
    path: 'survei',
    lazy: preloadPages(SettingsPage),
    element: (
      <RequireAuth>
        {(user) => (
          <RoleOnly user={user} roles={['coordinator', 'admin']}>
            <SettingsPage user={user} />
          </RoleOnly>
        )}
      </RequireAuth>
    ),
  },
  { path: 'survei/unit/:id', lazy: preloadPages(SurveyUnitPage), element: <RequireAuth>{(user) => <SurveyUnitPage user={user} />}</RequireAuth> },
  {
    path: 'survei/unit/:id/isi',
    lazy: preloadPages(RespondentEntryPage),
    element: (
      <RequireAuth>
        {(user) => (
          <RoleOnly user={user} roles={['assessor']}>
            <RespondentEntryPage user={user} />
          </RoleOnly>
        )}
      </RequireAuth>
    ),
  },
  { path: 'survei/unit/:id/poster', lazy: preloadPages(PosterPage), element: <RequireAuth>{() => <PosterPage />}</RequireAuth> },
  { path: 'survei/:token', lazy: preloadPages(PublicSurveyPage), element: <PublicSurveyPage /> },
];
