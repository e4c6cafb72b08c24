import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import coreEn from './en.json';
import coreId from './id.json';
import periodsEn from '../features/periods/locales/en.json';
import periodsId from '../features/periods/locales/id.json';
import instrumentEn from '../features/instrument/locales/en.json';
import instrumentId from '../features/instrument/locales/id.json';
import locusEn from '../features/locus/locales/en.json';
import locusId from '../features/locus/locales/id.json';
import usersEn from '../features/users/locales/en.json';
import usersId from '../features/users/locales/id.json';
import assignmentsEn from '../features/assignments/locales/en.json';
import assignmentsId from '../features/assignments/locales/id.json';
import auditEn from '../features/audit/locales/en.json';
import auditId from '../features/audit/locales/id.json';
import surveyEn from '../features/survey/locales/en.json';
import surveyId from '../features/survey/locales/id.json';
import objectionsEn from '../features/objections/locales/en.json';
import objectionsId from '../features/objections/locales/id.json';
import exportsEn from '../features/exports/locales/en.json';
import exportsId from '../features/exports/locales/id.json';

/**
 * Each feature keeps its strings in its own locales/{id,en}.json, under its
 * folder's name as the top-level key (e.g. t('survey.title')); the shared
 * strings live in this folder. resources joins them.
 */
export const resources = {
  id: { ...coreId, periods: periodsId, instrument: instrumentId, locus: locusId, users: usersId, assignments: assignmentsId, audit: auditId, survey: surveyId, objections: objectionsId, exports: exportsId },
  en: { ...coreEn, periods: periodsEn, instrument: instrumentEn, locus: locusEn, users: usersEn, assignments: assignmentsEn, audit: auditEn, survey: surveyEn, objections: objectionsEn, exports: exportsEn },
};

/** Languages the UI speaks; Indonesian first and by default. */
export const languages = ['id', 'en'] as const;
/** Language is one UI language. */
export type Language = (typeof languages)[number];

/** Where the user's language choice is remembered. */
export const languageStorageKey = 'p4.lang';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: (typeof resources)['id'] };
  }
}

/** isLanguage narrows a string to a UI language. */
export function isLanguage(s: string | null | undefined): s is Language {
  return s === 'id' || s === 'en';
}

/** storedLanguage returns the remembered language, or Indonesian. */
export function storedLanguage(): Language {
  try {
    const v = window.localStorage.getItem(languageStorageKey);
    if (isLanguage(v)) return v;
  } catch {
    // Storage can be blocked (private mode, policy): fall back to the default.
  }
  return 'id';
}

function remember(lng: string) {
  if (!isLanguage(lng)) return;
  try {
    window.localStorage.setItem(languageStorageKey, lng);
  } catch {
    // Not remembering is acceptable; the switch still works for this visit.
  }
  document.documentElement.lang = lng;
}

void i18n.use(initReactI18next).init({
  resources: { id: { translation: resources.id }, en: { translation: resources.en } },
  lng: storedLanguage(),
  fallbackLng: 'id',
  supportedLngs: [...languages],
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});

i18n.on('languageChanged', remember);
document.documentElement.lang = i18n.language;

/** currentLanguage is the active UI language. */
export function currentLanguage(): Language {
  const l = i18n.resolvedLanguage ?? i18n.language;
  return isLanguage(l) ? l : 'id';
}

export default i18n;
