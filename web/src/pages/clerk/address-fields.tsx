import { useState } from 'preact/hooks';
import type { Municipality } from '../../api/types';
import { Field } from '../../components/field';
import { MunicipalityInput } from '../../components/municipality-input';
import { useI18n } from '../../i18n/i18n';

/** A new domicile as the forms of the case's life ask for it. */
export interface Address {
  street: string;
  number: string;
  postalCode: string;
  municipalityNis: string;
}

export const emptyAddress: Address = { street: '', number: '', postalCode: '', municipalityNis: '' };

/**
 * The new domicile of a move: the municipality picked from the reference data (the upload form's
 * autocomplete, by name or postal code), which fills its NIS code and narrows the postal codes; then
 * street and number.
 */
export function AddressFields({
  idPrefix,
  value,
  onChange,
}: {
  idPrefix: string;
  value: Address;
  onChange: (a: Address) => void;
}) {
  const { t } = useI18n();
  const [municipality, setMunicipality] = useState<Municipality | null>(null);
  const id = (name: string) => `${idPrefix}-${name}`;

  function onMunicipality(m: Municipality | null, postalCode?: string) {
    setMunicipality(m);
    const keep = m?.postalCodes.includes(value.postalCode) ? value.postalCode : undefined;
    onChange({
      ...value,
      municipalityNis: m?.nis ?? '',
      postalCode: m ? (postalCode ?? keep ?? m.postalCodes[0] ?? '') : '',
    });
  }
  const text = (name: 'street' | 'number' | 'postalCode') => (
    <input
      id={id(name)}
      required
      inputMode={name === 'postalCode' ? 'numeric' : undefined}
      value={value[name]}
      onInput={(e) => onChange({ ...value, [name]: (e.target as HTMLInputElement).value })}
    />
  );

  return (
    <div class="grid2">
      <MunicipalityInput
        id={id('municipality')}
        label={t('domicile.municipality')}
        value={municipality}
        onSelect={onMunicipality}
        required
      />
      <Field id={id('postalCode')} label={t('lifecycle.postalCode')} required>
        {municipality && municipality.postalCodes.length > 1 ? (
          <select
            id={id('postalCode')}
            value={value.postalCode}
            onChange={(e) => onChange({ ...value, postalCode: (e.target as HTMLSelectElement).value })}
          >
            {municipality.postalCodes.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        ) : (
          text('postalCode')
        )}
      </Field>
      <Field id={id('street')} label={t('lifecycle.street')} required>
        {text('street')}
      </Field>
      <Field id={id('number')} label={t('lifecycle.number')} required>
        {text('number')}
      </Field>
    </div>
  );
}
