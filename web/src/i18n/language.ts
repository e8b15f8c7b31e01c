/** The four languages of the UI and the Belgian locale each formats dates and numbers in. */
export const LANGUAGES = ['fr', 'nl', 'de', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const LOCALES: Record<Language, string> = { fr: 'fr-BE', nl: 'nl-BE', de: 'de-BE', en: 'en-BE' };

/** Each language's name written in that language, for the switch. */
export const LANGUAGE_NAMES: Record<Language, string> = {
  fr: 'Français',
  nl: 'Nederlands',
  de: 'Deutsch',
  en: 'English',
};

/** A language code from anywhere (storage, the API, the browser) or undefined when it is not ours. */
export function asLanguage(value: string | null | undefined): Language | undefined {
  const code = value?.slice(0, 2).toLowerCase();
  return (LANGUAGES as readonly string[]).includes(code ?? '') ? (code as Language) : undefined;
}

/** A multilingual name as the API sends it: languages it lacks are absent. */
export type Names = Partial<Record<Language, string>>;

/**
 * The name in the user's language, else French, Dutch, German (the contract's fallback order), else
 * English; empty when the object has none.
 */
export function pickName(names: Names | null | undefined, language: Language): string {
  if (!names) return '';
  return names[language] || names.fr || names.nl || names.de || names.en || '';
}
