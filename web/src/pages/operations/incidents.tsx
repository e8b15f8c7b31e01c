import { useState } from 'preact/hooks';
import { Loading, ProblemAlert } from '../../components/problem';
import { useAsync } from '../../hooks/use-async';
import { useI18n } from '../../i18n/i18n';
import type { Incident } from '../../operations/camunda-types';
import { search } from '../../operations/operations-api';
import { IncidentsTable } from './incidents-table';

/** Every incident of the engine (open ones by default), newest first. */
export function IncidentsPage() {
  const { t } = useI18n();
  const [state, setState] = useState('ACTIVE');
  const list = useAsync(
    (signal) =>
      search<Incident>(
        'incidents',
        {
          filter: state ? { state } : {},
          sort: [{ field: 'creationTime', order: 'DESC' }],
          page: { limit: 100 },
        },
        signal,
      ),
    [state],
  );
  return (
    <section>
      <h1>{t('incidents.title')}</h1>
      <div class="toolbar">
        <label for="incident-state">{t('incidents.state')}</label>
        <select
          id="incident-state"
          value={state}
          onChange={(e) => setState((e.target as HTMLSelectElement).value)}
        >
          <option value="">{t('common.all')}</option>
          {['ACTIVE', 'RESOLVED'].map((s) => (
            <option key={s} value={s}>
              {t(`incidentState.${s}`)}
            </option>
          ))}
        </select>
        <button type="button" onClick={list.reload}>
          {t('common.refresh')}
        </button>
      </div>
      <ProblemAlert error={list.error} />
      {list.loading && !list.data ? (
        <Loading />
      ) : (
        <IncidentsTable incidents={list.data?.items ?? []} onChanged={list.reload} />
      )}
    </section>
  );
}
