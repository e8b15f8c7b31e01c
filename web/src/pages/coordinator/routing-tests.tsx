import { useEffect, useState } from 'preact/hooks';
import { api, query } from '../../api/client';
import { MEASURES, type Municipality, type Routing, type RoutingTest } from '../../api/types';
import { AgencyName } from '../../components/agency-name';
import { Field } from '../../components/field';
import { MunicipalityInput } from '../../components/municipality-input';
import { Loading, ProblemAlert } from '../../components/problem';
import { useAsync } from '../../hooks/use-async';
import { useI18n } from '../../i18n/i18n';
import { checkExpectation, expectationOf, type Mismatch } from '../../routing/test-run';

type Result =
  | { state: 'pass' }
  | { state: 'fail'; mismatches: Mismatch[] }
  | { state: 'error'; error: unknown };

/**
 * The province's saved test cases (expected routings). The platform runs them before it deploys a
 * new table version; here they can be run against the current table, added and removed.
 */
export function RoutingTestsPage({ province }: { province: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const path = `/api/routing/tables/${encodeURIComponent(province)}/tests`;
  const loaded = useAsync(
    (signal) => api<RoutingTest[] | { tests: RoutingTest[] }>('GET', path, undefined, { signal }),
    [province],
  );
  const [tests, setTests] = useState<RoutingTest[]>([]);
  const [results, setResults] = useState<Record<string, Result>>({});
  const [dirty, setDirty] = useState(false);
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState('');
  const [name, setName] = useState('');
  const [municipality, setMunicipality] = useState<Municipality | null>(null);
  const [measure, setMeasure] = useState('conditional_release');
  const [draft, setDraft] = useState<Routing>();

  useEffect(() => {
    if (loaded.data) {
      setTests(Array.isArray(loaded.data) ? loaded.data : loaded.data.tests);
      setResults({});
      setDirty(false);
    }
  }, [loaded.data]);

  async function runAll() {
    const next: Record<string, Result> = {};
    for (const test of tests) {
      try {
        const routing = await api<Routing>(
          'GET',
          `/api/routing/preview${query({ nis: test.nis, measure: test.measure })}`,
        );
        const mismatches = checkExpectation(test.expect, routing);
        next[test.name] = mismatches.length ? { state: 'fail', mismatches } : { state: 'pass' };
      } catch (e) {
        next[test.name] = { state: 'error', error: e };
      }
    }
    setResults(next);
  }

  async function previewDraft(e: Event) {
    e.preventDefault();
    if (!municipality) return;
    setError(undefined);
    try {
      setDraft(await api<Routing>('GET', `/api/routing/preview${query({ nis: municipality.nis, measure })}`));
    } catch (err) {
      setError(err);
    }
  }

  function addDraft() {
    if (!draft || !municipality) return;
    const testName = name.trim() || `${i18n.name(municipality.name)} · ${t(`measure.${measure}`)}`;
    setTests([
      ...tests.filter((x) => x.name !== testName),
      { name: testName, nis: municipality.nis, measure, expect: expectationOf(draft) },
    ]);
    setDraft(undefined);
    setName('');
    setDirty(true);
  }

  async function save() {
    setError(undefined);
    setSaved('');
    try {
      await api('PUT', path, tests);
      setDirty(false);
      setSaved(t('tests.saved', { count: tests.length }));
    } catch (e) {
      setError(e);
    }
  }

  const passed = Object.values(results).filter((r) => r.state === 'pass').length;
  return (
    <section>
      <h1>
        {t('tests.title')} — {t(`province.${province}`)}
      </h1>
      <p class="muted">{t('tests.intro')}</p>
      <ProblemAlert error={loaded.error ?? error} />
      {loaded.loading && !loaded.data && <Loading />}
      <div class="toolbar">
        <button type="button" onClick={runAll} disabled={!tests.length}>
          {t('tests.runAll')}
        </button>
        <button type="button" class="primary" onClick={save} disabled={!dirty}>
          {t('tests.save')}
        </button>
        <span role="status">
          {Object.keys(results).length > 0 &&
            t('tests.summary', { passed, total: Object.keys(results).length })}
          {saved}
        </span>
      </div>
      <table class="data" data-testid="routing-tests">
        <thead>
          <tr>
            <th scope="col">{t('tests.name')}</th>
            <th scope="col">NIS</th>
            <th scope="col">{t('decision.measure')}</th>
            <th scope="col">{t('tests.expect')}</th>
            <th scope="col">{t('tests.result')}</th>
            <th scope="col">
              <span class="sr-only">{t('common.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tests.map((test) => {
            const r = results[test.name];
            return (
              <tr key={test.name}>
                <td>{test.name}</td>
                <td>{test.nis}</td>
                <td>{t(`measure.${test.measure}`)}</td>
                <td>
                  {test.expect.policeZoneId !== undefined && (
                    <div>
                      {t('mandateKind.police_check')}: <AgencyName id={test.expect.policeZoneId} />
                    </div>
                  )}
                  {test.expect.justiceHouseId !== undefined && (
                    <div>
                      {t('mandateKind.guidance')}: <AgencyName id={test.expect.justiceHouseId} />
                    </div>
                  )}
                  {test.expect.monitoringCentreId !== undefined && (
                    <div>
                      {t('mandateKind.monitoring')}: <AgencyName id={test.expect.monitoringCentreId} />
                    </div>
                  )}
                  {test.expect.live !== undefined && (
                    <div>
                      {t('routing.live')}: {test.expect.live ? t('routing.liveYes') : t('routing.liveNo')}
                    </div>
                  )}
                </td>
                <td>
                  {!r ? (
                    <span class="muted">—</span>
                  ) : r.state === 'pass' ? (
                    <span class="badge badge-pass">✓ {t('tests.pass')}</span>
                  ) : r.state === 'fail' ? (
                    <span class="badge badge-fail">
                      ✗ {t('tests.fail')}:{' '}
                      {r.mismatches
                        .map(
                          (m) => `${t(`tests.field.${m.field}`)} ${String(m.actual)} ≠ ${String(m.expected)}`,
                        )
                        .join('; ')}
                    </span>
                  ) : (
                    <ProblemAlert error={r.error} />
                  )}
                </td>
                <td>
                  <button
                    type="button"
                    class="link danger"
                    onClick={() => {
                      setTests(tests.filter((x) => x !== test));
                      setDirty(true);
                    }}
                  >
                    {t('common.remove')}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>

      <h2>{t('tests.addTitle')}</h2>
      <form class="form inline-form" onSubmit={previewDraft}>
        <Field id="test-name" label={t('tests.name')}>
          <input id="test-name" value={name} onInput={(e) => setName((e.target as HTMLInputElement).value)} />
        </Field>
        <MunicipalityInput
          id="test-municipality"
          label={t('domicile.municipality')}
          value={municipality}
          onSelect={(m) => setMunicipality(m)}
          required
        />
        <Field id="test-measure" label={t('decision.measure')}>
          <select
            id="test-measure"
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
        <button type="submit" disabled={!municipality}>
          {t('tests.previewExpectation')}
        </button>
      </form>
      {draft && (
        <div class="action-box">
          <p>{t('tests.draftIntro')}</p>
          <ul>
            <li>
              {t('mandateKind.police_check')}: <AgencyName id={draft.policeZoneId} />
            </li>
            <li>
              {t('mandateKind.guidance')}: <AgencyName id={draft.justiceHouseId} />
            </li>
            <li>
              {t('mandateKind.monitoring')}: <AgencyName id={draft.monitoringCentreId} />
            </li>
            <li>
              {t('routing.live')}: {draft.live ? t('routing.liveYes') : t('routing.liveNo')}
            </li>
          </ul>
          <button type="button" class="primary" onClick={addDraft}>
            {t('tests.add')}
          </button>
        </div>
      )}
    </section>
  );
}
