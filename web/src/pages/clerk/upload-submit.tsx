import { ProblemAlert } from '../../components/problem';
import { useI18n } from '../../i18n/i18n';

const SHOWN_FIELDS = new Set([
  'document',
  'reference',
  'decisionDate',
  'authority',
  'court',
  'measure',
  'prisonId',
  'language',
  'electronicMonitoring',
  'person.nrn',
  'person.birthDate',
  'person.lastName',
  'person.firstNames',
  'person.domicile.municipalityNis',
  'person.domicile.postalCode',
  'person.domicile.street',
  'person.domicile.number',
  'person.domicile.box',
  'conditions.general',
]);

/** True for the fields the form shows their errors next to. */
function isShownField(field: string): boolean {
  return SHOWN_FIELDS.has(field) || /^conditions\.particular\.\d+\.(type|category|text)$/.test(field);
}

/** The end of the upload form: the refusal (less what is shown beside its fields) and the submit button. */
export function UploadSubmit({ error, busy }: { error: unknown; busy: boolean }) {
  const { t } = useI18n();
  return (
    <>
      <ProblemAlert error={error} shownField={isShownField} />
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('upload.sending') : t('upload.submit')}
        </button>
      </div>
    </>
  );
}
