import { describe, expect, it } from 'vitest';
import i18n, { languageStorageKey, resources, storedLanguage } from './index';

const { id, en } = resources;

type Tree = { [k: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out[key] = v;
    else Object.assign(out, flatten(v, key));
  }
  return out;
}

const idKeys = flatten(id);
const enKeys = flatten(en);
const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('translations', () => {
  it('Indonesian and English have exactly the same keys (shared and per-feature files)', () => {
    const missingInEn = Object.keys(idKeys).filter((k) => !(k in enKeys));
    const missingInId = Object.keys(enKeys).filter((k) => !(k in idKeys));
    expect({ missingInEn, missingInId }).toEqual({ missingInEn: [], missingInId: [] });
  });

  it('has no empty strings', () => {
    const empty = [...Object.entries(idKeys), ...Object.entries(enKeys)].filter(([, v]) => v.trim() === '').map(([k]) => k);
    expect(empty).toEqual([]);
  });

  it('uses the same {{placeholders}} in both languages', () => {
    const differ = Object.keys(idKeys).filter(
      (k) => JSON.stringify(placeholders(idKeys[k] ?? '')) !== JSON.stringify(placeholders(enKeys[k] ?? '')),
    );
    expect(differ).toEqual([]);
  });

  it('keeps the official zone words', () => {
    expect(idKeys['zone.green']).toBe('Zona Hijau');
    expect(idKeys['zone.yellow']).toBe('Zona Kuning');
    expect(idKeys['zone.red']).toBe('Zona Merah');
    expect(enKeys['zone.green']).toBe('Green zone');
  });
});

describe('language choice', () => {
  it('defaults to Indonesian', () => {
    expect(storedLanguage()).toBe('id');
    expect(i18n.language).toBe('id');
  });

  it('is remembered and reflected in <html lang>', async () => {
    await i18n.changeLanguage('en');
    expect(document.documentElement.lang).toBe('en');
    expect(window.localStorage.getItem(languageStorageKey)).toBe('en');
    expect(storedLanguage()).toBe('en');
    await i18n.changeLanguage('id');
    expect(document.documentElement.lang).toBe('id');
    expect(window.localStorage.getItem(languageStorageKey)).toBe('id');
  });

  it('ignores a stored value it does not know', () => {
    window.localStorage.setItem(languageStorageKey, 'fr');
    expect(storedLanguage()).toBe('id');
  });
});
