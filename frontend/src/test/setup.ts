import '@testing-library/jest-dom/vitest';
// Dexie (offline drafts) needs IndexedDB, which jsdom lacks.
import 'fake-indexeddb/auto';
import { cleanup, configure } from '@testing-library/react';
import { afterEach, beforeEach } from 'vitest';
import i18n from '../i18n';

// jsdom lacks what Mantine asks the browser for: media queries (every query
// answers "no", i.e. a wide screen) and element resize observation.
if (!window.matchMedia) {
  Object.defineProperty(window, 'matchMedia', {
    writable: true,
    value: (query: string): MediaQueryList => ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => {},
      removeListener: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
      dispatchEvent: () => false,
    }),
  });
}

class ResizeObserverStandIn {
  observe() {}
  unobserve() {}
  disconnect() {}
}
if (!window.ResizeObserver) window.ResizeObserver = ResizeObserverStandIn;
window.HTMLElement.prototype.scrollIntoView ??= () => {};
// Mantine's autosizing Textarea listens for web fonts loading.
if (!('fonts' in document)) {
  Object.defineProperty(document, 'fonts', {
    value: { addEventListener: () => {}, removeEventListener: () => {}, ready: Promise.resolve() },
  });
}

// findBy…/waitFor give up after 1 s by default; on a busy two-core CI
// machine a whole questionnaire can take longer than that to render in jsdom.
// A wait that is still unmet after 5 s is a real failure.
configure({ asyncUtilTimeout: 5_000 });

beforeEach(async () => {
  await i18n.changeLanguage('id');
});

afterEach(() => {
  cleanup();
  window.localStorage.clear();
});
