import { api } from '../../api/client';
import type { ModelVersion } from '../../api/types';
import { Loading, ProblemAlert } from '../../components/problem';
import { useAsync } from '../../hooks/use-async';
import { useI18n } from '../../i18n/i18n';

/** The deployed process versions, newest first per process, each openable in the modeler. */
export function ModelsPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const models = useAsync(
    (signal) =>
      api<ModelVersion[] | { items: ModelVersion[] }>('GET', '/api/models', undefined, { signal }).then((r) =>
        [...(Array.isArray(r) ? r : r.items)].sort(
          (a, b) => a.bpmnProcessId.localeCompare(b.bpmnProcessId) || b.version - a.version,
        ),
      ),
    [],
  );
  return (
    <section>
      <h1>{t('models.title')}</h1>
      <p>
        <a class="button primary" href="#/modeler">
          {t('models.new')}
        </a>
      </p>
      <ProblemAlert error={models.error} />
      {models.loading && !models.data ? (
        <Loading />
      ) : (
        <table class="data" data-testid="models">
          <thead>
            <tr>
              <th scope="col">{t('models.process')}</th>
              <th scope="col">{t('models.version')}</th>
              <th scope="col">{t('models.key')}</th>
              <th scope="col">{t('models.deployedAt')}</th>
              <th scope="col">{t('models.deployedBy')}</th>
              <th scope="col">
                <span class="sr-only">{t('common.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {(models.data ?? []).map((m) => (
              <tr key={m.key}>
                <td>{m.bpmnProcessId}</td>
                <td>{m.version}</td>
                <td>
                  <code>{m.key}</code>
                </td>
                <td>{i18n.dateTime(m.deployedAt)}</td>
                <td>{m.deployedBy ?? ''}</td>
                <td>
                  <a href={`#/modeler?process=${encodeURIComponent(m.bpmnProcessId)}&version=${m.version}`}>
                    {t('models.open')}
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
