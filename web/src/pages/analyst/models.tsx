import { api } from '../../api/client';
import { Loading, ProblemAlert } from '../../components/problem';
import { useAsync } from '../../hooks/use-async';
import { useI18n } from '../../i18n/i18n';
import { ModelConflicts } from './model-conflicts';
import { ModelDraftsTable } from './model-drafts';
import type { ModelConflict, ModelDraft, ModelHistoryVersion } from './model-types';

/**
 * The models' history: conflicts between files of bpmn/ and deployed versions (to settle), the
 * drafts (to review), and every version, newest first per process, with its author, time, source,
 * comment and approver, each openable in the modeler.
 */
export function ModelsPage({ me }: { me: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const models = useAsync(async (signal) => {
    const [versions, drafts, conflicts] = await Promise.all([
      api<ModelHistoryVersion[]>('GET', '/api/models', undefined, { signal }),
      api<{ items: ModelDraft[] }>('GET', '/api/models/drafts', undefined, { signal }),
      api<ModelConflict[]>('GET', '/api/models/conflicts', undefined, { signal }),
    ]);
    return {
      versions: [...versions].sort(
        (a, b) => a.bpmnProcessId.localeCompare(b.bpmnProcessId) || b.version - a.version,
      ),
      drafts: drafts.items,
      conflicts,
    };
  }, []);
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
        <>
          <ModelConflicts conflicts={models.data?.conflicts ?? []} onSettled={models.reload} />
          <ModelDraftsTable drafts={models.data?.drafts ?? []} me={me} />
          <h2>{t('models.history')}</h2>
          <table class="data" data-testid="models">
            <thead>
              <tr>
                <th scope="col">{t('models.process')}</th>
                <th scope="col">{t('models.version')}</th>
                <th scope="col">{t('models.key')}</th>
                <th scope="col">{t('models.deployedAt')}</th>
                <th scope="col">{t('models.deployedBy')}</th>
                <th scope="col">{t('models.source')}</th>
                <th scope="col">{t('models.comment')}</th>
                <th scope="col">{t('models.approvedBy')}</th>
                <th scope="col">
                  <span class="sr-only">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {(models.data?.versions ?? []).map((m) => (
                <tr key={m.key} data-process={m.bpmnProcessId} data-version={m.version}>
                  <td>{m.bpmnProcessId}</td>
                  <td>{m.version}</td>
                  <td>
                    <code>{m.key}</code>
                  </td>
                  <td>{i18n.dateTime(m.deployedAt)}</td>
                  <td>{m.deployedBy ?? ''}</td>
                  <td>{t(`models.sources.${m.source}`)}</td>
                  <td>{m.comment}</td>
                  <td>{m.approvedBy ?? ''}</td>
                  <td>
                    <a href={`#/modeler?process=${encodeURIComponent(m.bpmnProcessId)}&version=${m.version}`}>
                      {t('models.open')}
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
