import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { formatDate, formatDateTime, formatDelay, formatNumber } from '../format/format';
import de from './de.json';
import en from './en.json';
import fr from './fr.json';
import { asLanguage, pickName, type Language, type Names } from './language';
import nl from './nl.json';
import { translate, type Messages } from './translate';

const CATALOGUES: Record<Language, Messages> = { fr, nl, de, en };
const STORAGE_KEY = 'iplus.language';

/** Everything a component needs to speak the user's language. */
export interface I18n {
  language: Language;
  t(key: string, params?: Record<string, string | number>): string;
  /** True when the catalogue has the key (to translate API codes that may be new). */
  has(key: string): boolean;
  name(names: Names | null | undefined): string;
  dateTime(iso: string | null | undefined): string;
  date(date: string | null | undefined): string;
  number(n: number, digits?: number): string;
  delay(ms: number): string;
}

/** The i18n object of a language. */
export function makeI18n(language: Language): I18n {
  const messages = CATALOGUES[language];
  return {
    language,
    t: (key, params) => translate(messages, key, params),
    has: (key) => key in messages,
    name: (names) => pickName(names, language),
    dateTime: (iso) => formatDateTime(iso, language),
    date: (d) => formatDate(d, language),
    number: (n, digits) => formatNumber(n, language, digits),
    delay: (ms) => formatDelay(ms, language),
  };
}

/** The language chosen before (persisted), else the browser's when it is one of ours, else French. */
export function storedLanguage(): Language | undefined {
  try {
    return asLanguage(localStorage.getItem(STORAGE_KEY));
  } catch {
    return undefined;
  }
}

/** The language to start in. */
export function initialLanguage(): Language {
  return storedLanguage() ?? asLanguage(navigator.language) ?? 'fr';
}

/** Persists the choice and sets the document language (screen readers, hyphenation). */
export function rememberLanguage(language: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // private mode: the choice lasts for the page only
  }
  document.documentElement.lang = language;
}

export const I18nContext = createContext<I18n>(makeI18n('fr'));

/** The current language's i18n object. */
export function useI18n(): I18n {
  return useContext(I18nContext);
}
