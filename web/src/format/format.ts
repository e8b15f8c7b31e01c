import { LOCALES, type Language } from '../i18n/language';
import { splitDelay } from './duration';

/** Date and time in the user's Belgian locale, in Brussels time. */
export function formatDateTime(iso: string | null | undefined, language: Language): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(LOCALES[language], {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Europe/Brussels',
  }).format(d);
}

/** A calendar date (YYYY-MM-DD, as the API sends dates) in the user's locale. */
export function formatDate(date: string | null | undefined, language: Language): string {
  if (!date) return '';
  const d = new Date(date.length === 10 ? `${date}T12:00:00Z` : date);
  if (Number.isNaN(d.getTime())) return date;
  return new Intl.DateTimeFormat(LOCALES[language], {
    dateStyle: 'medium',
    timeZone: 'Europe/Brussels',
  }).format(d);
}

/** A number in the user's locale. */
export function formatNumber(n: number, language: Language, digits = 0): string {
  return new Intl.NumberFormat(LOCALES[language], { maximumFractionDigits: digits }).format(n);
}

/** A delay as its two largest units in the user's locale: "1 h 33 min", "2 j 4 h". */
export function formatDelay(ms: number, language: Language): string {
  return splitDelay(ms)
    .map(({ unit, value }) =>
      new Intl.NumberFormat(LOCALES[language], { style: 'unit', unit, unitDisplay: 'short' }).format(value),
    )
    .join(' ');
}
