import { useState } from 'preact/hooks';
import { Loading, ProblemAlert } from '../../components/problem';
import { useAsync } from '../../hooks/use-async';
import { useI18n } from '../../i18n/i18n';
import type { ProcessInstance } from '../../operations/camunda-types';
import { search } from '../../operations/operations-api';

/** Process instances from the engine's read API, newest first, filterable by state and process. */
export function InstancesPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const [state, setState] = useState('ACTIVE');
  const [processId, setProcessId] = useState('');
  const [incidentsOnly, setIncidentsOnly] = useState(false);
  const list = useAsync(
    (signal) =>
      search<ProcessInstance>(
        'process-instances',
        {
          filter: {
            ...(state ? { state } : {}),
            ...(processId ? { processDefinitionId: processId } : {}),
            ...(incidentsOnly ? { hasIncident: true } : {}),
          },
          sort: [{ field: 'startDate', order: 'DESC' }],
          page: { limit: 100 },
        },
        signal,
      ),
    [state, processId, incidentsOnly],
  );
  return (
    <section>
      <h1>{t('instances.title')}</h1>
      <div class="toolbar">
        <label for="pi-state">{t('instances.state')}</label>
        <select id="pi-state" value={state} onChange={(e) => setState((e.target as HTMLSelectElement).value)}>
          <option value="">{t('common.all')}</option>
          {['ACTIVE', 'COMPLETED', 'TERMINATED'].map((s) => (
            <option key={s} value={s}>
              {t(`instanceState.${s}`)}
            </option>
          ))}
        </select>
        <label for="pi-process">{t('instances.process')}</label>
        <input
          id="pi-process"
          value={processId}
          placeholder="conditional-release"
          onChange={(e) => setProcessId((e.target as HTMLInputElement).value.trim())}
        />
        <input
          id="pi-incidents"
          type="checkbox"
          checked={incidentsOnly}
          onChange={(e) => setIncidentsOnly((e.target as HTMLInputElement).checked)}
        />
        <label for="pi-incidents">{t('instances.incidentsOnly')}</label>
        <button type="button" onClick={list.reload}>
          {t('common.refresh')}
        </button>
      </div>
      <ProblemAlert error={list.error} />
      {list.loading && !list.data ? (
        <Loading />
      ) : (list.data?.items ?? []).length === 0 ? (
        <p class="empty">{t('instances.empty')}</p>
      ) : (
        <table class="data" data-testid="instances">
          <thead>
            <tr>
              <th scope="col">{t('instances.key')}</th>
              <th scope="col">{t('instances.process')}</th>
              <th scope="col">{t('models.version')}</th>
              <th scope="col">{t('instances.state')}</th>
              <th scope="col">{t('instances.started')}</th>
              <th scope="col">{t('instances.ended')}</th>
            </tr>
          </thead>
          <tbody>
            {(list.data?.items ?? []).map((p) => (
              <tr key={p.processInstanceKey}>
                <td>
                  <a href={`#/operations/${encodeURIComponent(p.processInstanceKey)}`}>
                    {p.processInstanceKey}
                  </a>
                </td>
                <td>{p.processDefinitionName || p.processDefinitionId}</td>
                <td>{p.processDefinitionVersion ?? ''}</td>
                <td>
                  <span class={`badge badge-${p.state.toLowerCase()}`}>{t(`instanceState.${p.state}`)}</span>
                  {p.hasIncident && <span class="badge badge-incident">{t('instances.incident')}</span>}
                </td>
                <td>{i18n.dateTime(p.startDate)}</td>
                <td>{i18n.dateTime(p.endDate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
