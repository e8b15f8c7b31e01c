import { AUTHORITIES, MEASURES, PRISON_ISSUED_MEASURES, PRISON_LEAVE_AUTHORITIES } from '../../api/types';
import { useAgencyMap } from '../../components/agency-name';
import { describedBy, Field } from '../../components/field';
import { useI18n } from '../../i18n/i18n';
import { inputTo, type UploadSectionProps } from './upload-section';

/** The upload form's decision section: reference, date, authority, court, measure, prison, language. */
export function UploadMeasure({ form, set, update, errs, prison }: UploadSectionProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const agencies = useAgencyMap();
  const prisons = [...agencies.values()].filter(
    (a) => a.kind === 'prison' && (!prison || a.id === form.prisonId),
  );
  const authorities: readonly string[] = prison ? PRISON_LEAVE_AUTHORITIES : AUTHORITIES;
  const measures: readonly string[] = prison ? PRISON_ISSUED_MEASURES : MEASURES;
  const input = (key: Parameters<typeof inputTo>[1]) => inputTo(set, key);

  function onMeasure(e: Event) {
    const measure = (e.target as HTMLSelectElement).value;
    update((f) => ({
      ...f,
      measure,
      electronicMonitoring: measure === 'electronic_monitoring' || f.electronicMonitoring,
    }));
  }

  return (
    <fieldset>
      <legend>{t('upload.decision')}</legend>
      <div class="grid2">
        <Field id="reference" label={t('decision.reference')} errors={errs('reference')} required>
          <input
            {...describedBy('reference', errs('reference'))}
            required
            value={form.reference}
            onInput={input('reference')}
          />
        </Field>
        <Field id="decisionDate" label={t('decision.decisionDate')} errors={errs('decisionDate')} required>
          <input
            {...describedBy('decisionDate', errs('decisionDate'))}
            type="date"
            required
            value={form.decisionDate}
            onInput={input('decisionDate')}
          />
        </Field>
        <Field id="authority" label={t('decision.authority')} errors={errs('authority')} required>
          <select
            {...describedBy('authority', errs('authority'))}
            value={form.authority}
            onChange={input('authority')}
            disabled={prison}
          >
            {authorities.map((a) => (
              <option key={a} value={a}>
                {t(`authority.${a}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="court" label={t('decision.court')} errors={errs('court')} required>
          <input
            {...describedBy('court', errs('court'))}
            required
            value={form.court}
            onInput={input('court')}
          />
        </Field>
        <Field id="measure" label={t('decision.measure')} errors={errs('measure')} required>
          <select
            {...describedBy('measure', errs('measure'))}
            value={form.measure}
            onChange={onMeasure}
            disabled={measures.length === 1}
          >
            {measures.map((m) => (
              <option key={m} value={m}>
                {t(`measure.${m}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="prisonId" label={t('decision.prison')} errors={errs('prisonId')}>
          <select
            {...describedBy('prisonId', errs('prisonId'))}
            value={form.prisonId}
            onChange={input('prisonId')}
            disabled={prison}
          >
            {!prison && <option value="">{t('common.none')}</option>}
            {prisons.map((p) => (
              <option key={p.id} value={p.id}>
                {i18n.name(p.name) || p.id}
              </option>
            ))}
          </select>
        </Field>
        <Field
          id="language"
          label={t('decision.language')}
          errors={errs('language')}
          hint={t('decision.languageHint')}
        >
          <select
            {...describedBy('language', errs('language'), true)}
            value={form.language}
            onChange={input('language')}
          >
            <option value="">{t('decision.languageAuto')}</option>
            {(['fr', 'nl', 'de'] as const).map((l) => (
              <option key={l} value={l}>
                {t(`languageName.${l}`)}
              </option>
            ))}
          </select>
        </Field>
        <div class="field checkbox">
          <input
            id="electronicMonitoring"
            type="checkbox"
            checked={form.electronicMonitoring}
            onChange={(e) => set('electronicMonitoring', (e.target as HTMLInputElement).checked)}
            aria-describedby={errs('electronicMonitoring') ? 'electronicMonitoring-error' : undefined}
          />
          <label for="electronicMonitoring">{t('decision.electronicMonitoring')}</label>
          {errs('electronicMonitoring') && (
            <div class="field-error" id="electronicMonitoring-error" role="alert">
              {t('errors.electronic_monitoring_inconsistent')}
            </div>
          )}
        </div>
      </div>
    </fieldset>
  );
}
