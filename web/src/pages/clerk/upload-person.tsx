import { useState } from 'preact/hooks';
import { describedBy, Field } from '../../components/field';
import { checkNrn } from '../../../../contract/index';
import { useI18n } from '../../i18n/i18n';
import { UploadDomicile } from './upload-domicile';
import { inputTo, type UploadSectionProps } from './upload-section';

/**
 * The upload form's person section: national register number (checked as it is typed, and filling the
 * birth date it encodes), birth date, names, then the domicile.
 */
export function UploadPerson(
  props: UploadSectionProps & {
    nrn: ReturnType<typeof checkNrn>;
    nrnTouched: boolean;
    onNrnBlur(): void;
  },
) {
  const { form, set, update, errs, nrn, nrnTouched, onNrnBlur } = props;
  const i18n = useI18n();
  const { t } = i18n;
  const [birthDateFromNrn, setBirthDateFromNrn] = useState(false);
  const input = (key: Parameters<typeof inputTo>[1]) => inputTo(set, key);

  const nrnDigits = form.nrn.replace(/[\s.-]/g, '').length;
  const nrnError =
    !nrn.ok && (nrnTouched || nrnDigits >= 11) && form.nrn.trim() ? t(`errors.${nrn.code}`) : undefined;

  function onNrn(e: Event) {
    const value = (e.target as HTMLInputElement).value;
    const r = checkNrn(value);
    update((f) => {
      const next = { ...f, nrn: value };
      if (r.ok && r.birthDate && (!f.birthDate || birthDateFromNrn)) {
        next.birthDate = r.birthDate;
        setBirthDateFromNrn(true);
      }
      return next;
    });
  }

  return (
    <fieldset>
      <legend>{t('upload.person')}</legend>
      <div class="grid2">
        <Field
          id="person-nrn"
          label={t('person.nrn')}
          errors={errs('person.nrn')}
          localError={nrnError}
          required
          hint={
            nrn.ok ? (
              <span class="ok" data-testid="nrn-ok">
                ✓ {nrn.formatted}
                {nrn.birthDate ? ` · ${t('person.bornOn', { date: i18n.date(nrn.birthDate) })}` : ''}
                {nrn.kind === 'bis' ? ` · ${t('person.bis')}` : ''}
                {nrn.sex ? ` · ${t(`person.sex.${nrn.sex}`)}` : ''}
              </span>
            ) : (
              t('person.nrnHint')
            )
          }
        >
          <input
            {...describedBy(
              'person-nrn',
              errs('person.nrn') ?? (nrnError ? [{ field: '', code: '' }] : undefined),
              true,
            )}
            required
            inputMode="numeric"
            autocomplete="off"
            value={form.nrn}
            onInput={onNrn}
            onBlur={onNrnBlur}
          />
        </Field>
        <Field id="person-birthDate" label={t('person.birthDate')} errors={errs('person.birthDate')}>
          <input
            {...describedBy('person-birthDate', errs('person.birthDate'))}
            type="date"
            value={form.birthDate}
            onInput={(e) => {
              setBirthDateFromNrn(false);
              set('birthDate', (e.target as HTMLInputElement).value);
            }}
          />
        </Field>
        <Field id="person-lastName" label={t('person.lastName')} errors={errs('person.lastName')} required>
          <input
            {...describedBy('person-lastName', errs('person.lastName'))}
            required
            autocomplete="off"
            value={form.lastName}
            onInput={input('lastName')}
          />
        </Field>
        <Field
          id="person-firstNames"
          label={t('person.firstNames')}
          errors={errs('person.firstNames')}
          required
        >
          <input
            {...describedBy('person-firstNames', errs('person.firstNames'))}
            required
            autocomplete="off"
            value={form.firstNames}
            onInput={input('firstNames')}
          />
        </Field>
      </div>
      <UploadDomicile form={form} set={set} update={update} errs={errs} />
    </fieldset>
  );
}
