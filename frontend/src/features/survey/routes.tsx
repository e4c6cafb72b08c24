import type { RouteObject } from 'react-router';
import { RequireAuth } from '../session/RequireAuth';
import { RoleOnly } from '../work/RoleOnly';
import { PosterPage } from './PosterPage';
import { PublicSurveyPage } from './PublicSurveyPage';
import { RespondentEntryPage } from './RespondentEntryPage';
import { SettingsPage } from './SettingsPage';
import { SurveyUnitPage } from './SurveyUnitPage';

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
  { path: 'survei/unit/:id', element: <RequireAuth>{(user) => <SurveyUnitPage user={user} />}</RequireAuth> },
  {
    path: 'survei/unit/:id/isi',
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
  { path: 'survei/unit/:id/poster', element: <RequireAuth>{() => <PosterPage />}</RequireAuth> },
  { path: 'survei/:token', element: <PublicSurveyPage /> },
];
