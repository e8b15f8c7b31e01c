import { useState } from 'preact/hooks';
import type { Municipality } from '../../api/types';
import { describedBy, Field } from '../../components/field';
import { MunicipalityInput } from '../../components/municipality-input';
import { useI18n } from '../../i18n/i18n';
import { inputTo, type UploadSectionProps } from './upload-section';

/** The person's domicile in the upload form: municipality (which narrows the postal codes), street, number, box. */
export function UploadDomicile({ form, set, update, errs }: UploadSectionProps) {
  const { t } = useI18n();
  const [municipality, setMunicipality] = useState<Municipality | null>(null);
  const input = (key: Parameters<typeof inputTo>[1]) => inputTo(set, key);

  function onMunicipality(m: Municipality | null, postalCode?: string) {
    setMunicipality(m);
    update((f) => ({
      ...f,
      municipalityNis: m?.nis ?? '',
      postalCode: m
        ? (postalCode ?? (m.postalCodes.includes(f.postalCode) ? f.postalCode : (m.postalCodes[0] ?? '')))
        : '',
    }));
  }

  return (
    <>
      <h3>{t('person.domicile')}</h3>
      <div class="grid2">
        <MunicipalityInput
          id="domicile-municipality"
          label={t('domicile.municipality')}
          value={municipality}
          onSelect={onMunicipality}
          errors={errs('person.domicile.municipalityNis')}
          required
        />
        <Field
          id="domicile-postalCode"
          label={t('domicile.postalCode')}
          errors={errs('person.domicile.postalCode')}
          required
        >
          {municipality && municipality.postalCodes.length > 1 ? (
            <select
              {...describedBy('domicile-postalCode', errs('person.domicile.postalCode'))}
              value={form.postalCode}
              onChange={input('postalCode')}
            >
              {municipality.postalCodes.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          ) : (
            <input
              {...describedBy('domicile-postalCode', errs('person.domicile.postalCode'))}
              inputMode="numeric"
              required
              value={form.postalCode}
              onInput={input('postalCode')}
            />
          )}
        </Field>
        <Field
          id="domicile-street"
          label={t('domicile.street')}
          errors={errs('person.domicile.street')}
          required
        >
          <input
            {...describedBy('domicile-street', errs('person.domicile.street'))}
            required
            value={form.street}
            onInput={input('street')}
          />
        </Field>
        <div class="grid2 tight">
          <Field
            id="domicile-number"
            label={t('domicile.number')}
            errors={errs('person.domicile.number')}
            required
          >
            <input
              {...describedBy('domicile-number', errs('person.domicile.number'))}
              required
              value={form.number}
              onInput={input('number')}
            />
          </Field>
          <Field id="domicile-box" label={t('domicile.box')} errors={errs('person.domicile.box')}>
            <input
              {...describedBy('domicile-box', errs('person.domicile.box'))}
              value={form.box}
              onInput={input('box')}
            />
          </Field>
        </div>
      </div>
    </>
  );
}
