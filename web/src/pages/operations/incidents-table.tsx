import { useState } from 'preact/hooks';
import { ProblemAlert } from '../../components/problem';
import { useI18n } from '../../i18n/i18n';
import type { Incident } from '../../operations/camunda-types';
import { resolveIncident, retryIncident } from '../../operations/incident-actions';

/**
 * Incidents with their error, and the retry / resolve actions. The status of the last action stays
 * shown when the list empties (the incident it resolved has left the list).
 */
export function IncidentsTable({ incidents, onChanged }: { incidents: Incident[]; onChanged(): void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [busy, setBusy] = useState('');
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState('');

  async function run(incident: Incident, action: 'retry' | 'resolve') {
    setBusy(incident.incidentKey);
    setError(undefined);
    setDone('');
    try {
      await (action === 'retry' ? retryIncident(incident) : resolveIncident(incident));
      setDone(
        t(action === 'retry' ? 'incidents.retried' : 'incidents.resolved', { key: incident.incidentKey }),
      );
      onChanged();
    } catch (e) {
      setError(e);
    } finally {
      setBusy('');
    }
  }

  return (
    <>
      <div role="status">{done && <div class="alert alert-ok">{done}</div>}</div>
      <ProblemAlert error={error} />
      {incidents.length === 0 ? (
        <p class="empty">{t('incidents.empty')}</p>
      ) : (
        <table class="data" data-testid="incidents">
          <thead>
            <tr>
              <th scope="col">{t('incidents.key')}</th>
              <th scope="col">{t('instances.key')}</th>
              <th scope="col">{t('incidents.element')}</th>
              <th scope="col">{t('incidents.type')}</th>
              <th scope="col">{t('incidents.message')}</th>
              <th scope="col">{t('incidents.created')}</th>
              <th scope="col">
                <span class="sr-only">{t('common.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {incidents.map((i) => (
              <tr key={i.incidentKey}>
                <td>
                  <code>{i.incidentKey}</code>
                </td>
                <td>
                  <a href={`#/operations/${encodeURIComponent(i.processInstanceKey)}`}>
                    {i.processInstanceKey}
                  </a>
                </td>
                <td>{i.elementId}</td>
                <td>{i.errorType}</td>
                <td class="message">{i.errorMessage}</td>
                <td>{i18n.dateTime(i.creationTime)}</td>
                <td class="nowrap">
                  {i.state === 'ACTIVE' ? (
                    <>
                      <button type="button" disabled={busy === i.incidentKey} onClick={() => run(i, 'retry')}>
                        {t('incidents.retry')}
                      </button>{' '}
                      <button
                        type="button"
                        disabled={busy === i.incidentKey}
                        onClick={() => run(i, 'resolve')}
                      >
                        {t('incidents.resolve')}
                      </button>
                    </>
                  ) : (
                    <span class="muted">{t(`incidentState.${i.state}`)}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
