import { GENERAL_CONDITIONS, PARTICULAR_CATEGORIES, PARTICULAR_TYPES } from '../../api/types';
import { describedBy, Field } from '../../components/field';
import { useI18n } from '../../i18n/i18n';
import type { UploadForm } from './upload-form';
import type { UploadSectionProps } from './upload-section';

/** The upload form's conditions section: the general conditions ticked, the particular ones as rows. */
export function UploadConditions({ form, set, update, errs }: UploadSectionProps) {
  const i18n = useI18n();
  const { t } = i18n;

  function setParticular(i: number, patch: Partial<UploadForm['particular'][number]>) {
    update((f) => ({ ...f, particular: f.particular.map((p, j) => (j === i ? { ...p, ...patch } : p)) }));
  }

  return (
    <fieldset>
      <legend>{t('upload.conditions')}</legend>
      <fieldset class="inner" aria-describedby={errs('conditions.general') ? 'general-error' : undefined}>
        <legend>{t('conditions.general')}</legend>
        {GENERAL_CONDITIONS.map((c) => (
          <div class="checkbox" key={c}>
            <input
              id={`general-${c}`}
              type="checkbox"
              checked={form.general.includes(c)}
              onChange={(e) =>
                set(
                  'general',
                  (e.target as HTMLInputElement).checked
                    ? [...form.general, c]
                    : form.general.filter((g) => g !== c),
                )
              }
            />
            <label for={`general-${c}`}>{t(`condition.${c}`)}</label>
          </div>
        ))}
        {errs('conditions.general') && (
          <div class="field-error" id="general-error" role="alert">
            {errs('conditions.general')!
              .map((p) => t(i18n.has(`errors.${p.code}`) ? `errors.${p.code}` : 'errors.unknown'))
              .join(' ')}
          </div>
        )}
      </fieldset>
      <fieldset class="inner">
        <legend>{t('conditions.particular')}</legend>
        {form.particular.length === 0 && <p class="muted">{t('conditions.noneParticular')}</p>}
        {form.particular.map((p, i) => (
          <div
            class="particular-row"
            key={i}
            role="group"
            aria-label={t('conditions.rowLabel', { n: i + 1 })}
          >
            <Field
              id={`particular-${i}-type`}
              label={t('conditions.type')}
              errors={errs(`conditions.particular.${i}.type`)}
            >
              <select
                {...describedBy(`particular-${i}-type`, errs(`conditions.particular.${i}.type`))}
                value={p.type}
                onChange={(e) =>
                  setParticular(i, { type: (e.target as HTMLSelectElement).value as typeof p.type })
                }
              >
                {PARTICULAR_TYPES.map((x) => (
                  <option key={x} value={x}>
                    {t(`conditionType.${x}`)}
                  </option>
                ))}
              </select>
            </Field>
            <Field
              id={`particular-${i}-category`}
              label={t('conditions.category')}
              errors={errs(`conditions.particular.${i}.category`)}
            >
              <select
                {...describedBy(`particular-${i}-category`, errs(`conditions.particular.${i}.category`))}
                value={p.category}
                onChange={(e) =>
                  setParticular(i, {
                    category: (e.target as HTMLSelectElement).value as typeof p.category,
                  })
                }
              >
                {PARTICULAR_CATEGORIES.map((x) => (
                  <option key={x} value={x}>
                    {t(`conditionCategory.${x}`)}
                  </option>
                ))}
              </select>
            </Field>
            <Field
              id={`particular-${i}-text`}
              label={t('conditions.text')}
              errors={errs(`conditions.particular.${i}.text`)}
            >
              <textarea
                {...describedBy(`particular-${i}-text`, errs(`conditions.particular.${i}.text`))}
                rows={2}
                value={p.text}
                onInput={(e) => setParticular(i, { text: (e.target as HTMLTextAreaElement).value })}
              />
            </Field>
            <button
              type="button"
              class="link danger"
              onClick={() =>
                set(
                  'particular',
                  form.particular.filter((_, j) => j !== i),
                )
              }
            >
              {t('conditions.remove')}
            </button>
          </div>
        ))}
        <button
          type="button"
          onClick={() =>
            set('particular', [...form.particular, { type: 'obligation', category: 'treatment', text: '' }])
          }
        >
          {t('conditions.add')}
        </button>
      </fieldset>
    </fieldset>
  );
}
