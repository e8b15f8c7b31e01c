import type { Person } from '../api/types';
import { checkNrn } from '../../../contract/index';
import { useI18n } from '../i18n/i18n';

/** The person a decision concerns: name, NRN (formatted), birth date and domicile. */
export function PersonView({ person }: { person: Person | undefined }) {
  const i18n = useI18n();
  const { t } = i18n;
  if (!person) return null;
  const nrn = checkNrn(person.nrn);
  const d = person.domicile;
  return (
    <dl class="facts">
      <dt>{t('person.name')}</dt>
      <dd>
        {person.lastName.toUpperCase()} {person.firstNames}
      </dd>
      <dt>{t('person.nrn')}</dt>
      <dd>{nrn.ok ? nrn.formatted : person.nrn}</dd>
      <dt>{t('person.birthDate')}</dt>
      <dd>{i18n.date(person.birthDate) || '—'}</dd>
      <dt>{t('person.domicile')}</dt>
      <dd>
        {d.street} {d.number}
        {d.box ? ` ${t('domicile.boxShort')} ${d.box}` : ''}, {d.postalCode}
        {d.municipalityNis ? ` (NIS ${d.municipalityNis})` : ''}
      </dd>
    </dl>
  );
}
