import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { ProblemAlert } from '../../components/problem';
import { useI18n } from '../../i18n/i18n';
import type { ModelConflict } from './model-types';

/**
 * Files of bpmn/ that changed after a person deployed their process: the platform keeps serving the
 * person's version until an analyst keeps it or takes the file's version.
 */
export function ModelConflicts({ conflicts, onSettled }: { conflicts: ModelConflict[]; onSettled(): void }) {
  const { t } = useI18n();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  if (conflicts.length === 0) return null;

  async function choose(c: ModelConflict, choice: 'file' | 'keep') {
    setBusy(true);
    setError(undefined);
    try {
      await api('POST', `/api/models/conflicts/${encodeURIComponent(c.resourceName)}/resolution`, { choice });
      onSettled();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="alert alert-warn" aria-labelledby="conflicts-title" data-testid="model-conflicts">
      <h2 id="conflicts-title">{t('conflicts.title')}</h2>
      <ProblemAlert error={error} />
      <ul class="plain">
        {conflicts.map((c) => {
          const v = c.serving[0];
          return (
            <li key={c.resourceName} data-conflict={c.resourceName}>
              <p>
                {t('conflicts.explain', {
                  file: `bpmn/${c.resourceName}`,
                  process: c.bpmnProcessIds.join(', '),
                  version: v?.version ?? '?',
                  user: v?.deployedBy ?? '?',
                })}
              </p>
              <div class="toolbar">
                <button type="button" onClick={() => choose(c, 'keep')} disabled={busy}>
                  {t('conflicts.keep')}
                </button>
                <button type="button" onClick={() => choose(c, 'file')} disabled={busy}>
                  {t('conflicts.takeFile')}
                </button>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
