import { useState } from 'preact/hooks';
import { api, query } from '../../api/client';
import { MEASURES, type Municipality, type Routing } from '../../api/types';
import { Field } from '../../components/field';
import { MunicipalityInput } from '../../components/municipality-input';
import { ProblemAlert } from '../../components/problem';
import { RoutingView } from '../../components/routing-view';
import { useI18n } from '../../i18n/i18n';

/** What-if: a municipality and a measure give the recipients, without starting anything. */
export function PreviewPage() {
  const { t } = useI18n();
  const [municipality, setMunicipality] = useState<Municipality | null>(null);
  const [measure, setMeasure] = useState<string>('conditional_release');
  const [routing, setRouting] = useState<Routing>();
  const [error, setError] = useState<unknown>();

  async function preview(e: Event) {
    e.preventDefault();
    if (!municipality) return;
    setError(undefined);
    try {
      setRouting(
        await api<Routing>('GET', `/api/routing/preview${query({ nis: municipality.nis, measure })}`),
      );
    } catch (err) {
      setRouting(undefined);
      setError(err);
    }
  }

  return (
    <section>
      <h1>{t('preview.title')}</h1>
      <p class="muted">{t('preview.intro')}</p>
      <form class="form inline-form" onSubmit={preview}>
        <MunicipalityInput
          id="preview-municipality"
          label={t('domicile.municipality')}
          value={municipality}
          onSelect={(m) => setMunicipality(m)}
          required
        />
        <Field id="preview-measure" label={t('decision.measure')}>
          <select
            id="preview-measure"
            value={measure}
            onChange={(e) => setMeasure((e.target as HTMLSelectElement).value)}
          >
            {MEASURES.map((m) => (
              <option key={m} value={m}>
                {t(`measure.${m}`)}
              </option>
            ))}
          </select>
        </Field>
        <button type="submit" class="primary" disabled={!municipality}>
          {t('preview.run')}
        </button>
      </form>
      <ProblemAlert error={error} />
      {routing && <RoutingView routing={routing} />}
    </section>
  );
}
