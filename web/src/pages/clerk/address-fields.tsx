import { useI18n } from '../../i18n/i18n';

/** A new domicile as the forms of the case's life ask for it. */
export interface Address {
  street: string;
  number: string;
  postalCode: string;
  municipalityNis: string;
}

export const emptyAddress: Address = { street: '', number: '', postalCode: '', municipalityNis: '' };

/** Street, number, postal code and (optional) NIS code, each labelled. */
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
  const field = (name: keyof Address, label: string, required: boolean) => (
    <>
      <label for={`${idPrefix}-${name}`}>{label}</label>
      <input
        id={`${idPrefix}-${name}`}
        required={required}
        value={value[name]}
        onInput={(e) => onChange({ ...value, [name]: (e.target as HTMLInputElement).value })}
      />
    </>
  );
  return (
    <>
      {field('street', t('lifecycle.street'), true)}
      {field('number', t('lifecycle.number'), true)}
      {field('postalCode', t('lifecycle.postalCode'), true)}
      {field('municipalityNis', t('lifecycle.nis'), false)}
    </>
  );
}
