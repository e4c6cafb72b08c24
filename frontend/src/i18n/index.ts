import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import id from './id.json';

/** Languages the UI speaks; Indonesian first and by default. */
export const languages = ['id', 'en'] as const;
/** Language is one UI language. */
export type Language = (typeof languages)[number];

/** Where the user's language choice is remembered. */
export const languageStorageKey = 'p4.lang';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof id };
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
  resources: { id: { translation: id }, en: { translation: en } },
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
