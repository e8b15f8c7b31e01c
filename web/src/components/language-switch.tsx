import { LANGUAGE_NAMES, LANGUAGES, type Language } from '../i18n/language';
import { useI18n } from '../i18n/i18n';

/** The language select, on the login page and in the header. */
export function LanguageSwitch({
  onChange,
  id = 'ui-language',
}: {
  onChange(l: Language): void;
  id?: string;
}) {
  const i18n = useI18n();
  return (
    <div class="language-switch">
      <label for={id}>{i18n.t('common.language')}</label>
      <select
        id={id}
        value={i18n.language}
        onChange={(e) => onChange((e.target as HTMLSelectElement).value as Language)}
      >
        {LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LANGUAGE_NAMES[l]}
          </option>
        ))}
      </select>
    </div>
  );
}
