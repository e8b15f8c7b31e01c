import { useMemo, useState } from 'preact/hooks';
import { api, query } from '../../api/client';
import type { ModelVersion } from '../../api/types';
import { Loading, ProblemAlert } from '../../components/problem';
import { useAsync } from '../../hooks/use-async';
import { useI18n } from '../../i18n/i18n';
import {
  instanceKeysOf,
  mappableElements,
  mappingTargets,
  type Mapping,
  type MigrationPlan,
  type MigrationPreview,
} from './migration-types';

/**
 * Migration of running instances: choose the process, the source and target versions and the
 * instances (all or listed), check the mapping proposed by element id, preview, then migrate.
 */
export function MigrationPage() {
  const { t } = useI18n();
  const models = useAsync((signal) => api<ModelVersion[]>('GET', '/api/models', undefined, { signal }), []);
  const [processId, setProcessId] = useState('');
  const [source, setSource] = useState('');
  const [target, setTarget] = useState('');
  const [scope, setScope] = useState<'all' | 'listed'>('all');
  const [keysText, setKeysText] = useState('');
  const [plan, setPlan] = useState<MigrationPlan>();
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [preview, setPreview] = useState<MigrationPreview>();
  const [result, setResult] = useState<{
    migrated: string[];
    failed: Array<{ processInstanceKey: string; reason: string }>;
  }>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const processes = useMemo(
    () => [...new Set((models.data ?? []).map((m) => m.bpmnProcessId))].sort(),
    [models.data],
  );
  const versions = (models.data ?? [])
    .filter((m) => m.bpmnProcessId === processId)
    .sort((a, b) => b.version - a.version);

  function reset() {
    setPlan(undefined);
    setPreview(undefined);
    setResult(undefined);
  }

  async function run<T>(fn: () => Promise<T>): Promise<T | undefined> {
    setBusy(true);
    setError(undefined);
    try {
      return await fn();
    } catch (e) {
      setError(e);
      return undefined;
    } finally {
      setBusy(false);
    }
  }

  async function loadPlan() {
    reset();
    const p = await run(() => api<MigrationPlan>('GET', `/api/migrations/plan${query({ source, target })}`));
    if (!p) return;
    setPlan(p);
    setMapping(Object.fromEntries(p.mapping.map((m) => [m.sourceElementId, m.targetElementId])));
  }

  function request() {
    const list: Mapping[] = Object.entries(mapping)
      .filter(([, to]) => to !== '')
      .map(([from, to]) => ({ sourceElementId: from, targetElementId: to }));
    const keys = instanceKeysOf(keysText);
    return {
      sourceProcessDefinitionKey: source,
      targetProcessDefinitionKey: target,
      mapping: list,
      ...(scope === 'listed' ? { processInstanceKeys: keys } : {}),
    };
  }

  async function doPreview() {
    setResult(undefined);
    setPreview(await run(() => api<MigrationPreview>('POST', '/api/migrations/preview', request())));
  }

  async function execute() {
    if (!window.confirm(t('migration.confirm', { count: preview?.movable.length ?? 0 }))) return;
    const r = await run(() => api<typeof result>('POST', '/api/migrations', request()));
    if (r) {
      setResult(r);
      setPreview(undefined);
    }
  }

  return (
    <section>
      <h1>{t('migration.title')}</h1>
      <ProblemAlert error={models.error ?? error} />
      {models.loading && !models.data && <Loading />}
      <div class="toolbar">
        <label for="mig-process">{t('migration.process')}</label>
        <select
          id="mig-process"
          value={processId}
          onChange={(e) => {
            setProcessId((e.target as HTMLSelectElement).value);
            setSource('');
            setTarget('');
            reset();
          }}
        >
          <option value="">—</option>
          {processes.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
        <label for="mig-source">{t('migration.source')}</label>
        <select
          id="mig-source"
          value={source}
          onChange={(e) => (setSource((e.target as HTMLSelectElement).value), reset())}
        >
          <option value="">—</option>
          {versions.map((v) => (
            <option key={v.key} value={v.key}>
              v{v.version}
            </option>
          ))}
        </select>
        <label for="mig-target">{t('migration.target')}</label>
        <select
          id="mig-target"
          value={target}
          onChange={(e) => (setTarget((e.target as HTMLSelectElement).value), reset())}
        >
          <option value="">—</option>
          {versions.map((v) => (
            <option key={v.key} value={v.key}>
              v{v.version}
            </option>
          ))}
        </select>
        <button type="button" disabled={!source || !target || busy} onClick={loadPlan}>
          {t('migration.plan')}
        </button>
      </div>
      {plan && (
        <>
          <fieldset>
            <legend>{t('migration.instances')}</legend>
            <input
              type="radio"
              id="mig-all"
              name="mig-scope"
              checked={scope === 'all'}
              onChange={() => setScope('all')}
            />
            <label for="mig-all">{t('migration.all')}</label>
            <input
              type="radio"
              id="mig-listed"
              name="mig-scope"
              checked={scope === 'listed'}
              onChange={() => setScope('listed')}
            />
            <label for="mig-listed">{t('migration.listed')}</label>
            {scope === 'listed' && (
              <>
                <label for="mig-keys">{t('migration.keys')}</label>
                <textarea
                  id="mig-keys"
                  rows={3}
                  value={keysText}
                  onInput={(e) => setKeysText((e.target as HTMLTextAreaElement).value)}
                />
              </>
            )}
          </fieldset>
          <h2>{t('migration.mapping')}</h2>
          <table class="data" data-testid="mapping">
            <thead>
              <tr>
                <th scope="col">{t('migration.sourceElement', { version: plan.source.version })}</th>
                <th scope="col">{t('migration.targetElement', { version: plan.target.version })}</th>
              </tr>
            </thead>
            <tbody>
              {mappableElements(plan.sourceElements).map((e) => (
                <tr key={e.id}>
                  <td>
                    <label for={`map-${e.id}`}>
                      {e.name ? `${e.name} ` : ''}
                      <code>{e.id}</code>{' '}
                      <span class="muted">({e.event ? `${e.event} ${e.type}` : e.type})</span>
                    </label>
                  </td>
                  <td>
                    <select
                      id={`map-${e.id}`}
                      data-source={e.id}
                      value={mapping[e.id] ?? ''}
                      onChange={(ev) => {
                        setMapping({ ...mapping, [e.id]: (ev.target as HTMLSelectElement).value });
                        setPreview(undefined);
                      }}
                    >
                      <option value="">{t('migration.unmapped')}</option>
                      {mappingTargets(e, plan.targetElements).map((x) => (
                        <option key={x.id} value={x.id}>
                          {x.name ? `${x.name} (${x.id})` : x.id}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div class="toolbar">
            <button type="button" disabled={busy} onClick={doPreview}>
              {t('migration.preview')}
            </button>
            <button
              type="button"
              class="primary"
              disabled={busy || !preview || preview.movable.length === 0}
              onClick={execute}
            >
              {t('migration.execute')}
            </button>
          </div>
        </>
      )}
      {preview && (
        <div data-testid="migration-preview">
          <h2>{t('migration.movable', { count: preview.movable.length })}</h2>
          <ul>
            {preview.movable.map((m) => (
              <li key={m.processInstanceKey}>
                <code>{m.processInstanceKey}</code> — {m.activeElements.join(', ')}
              </li>
            ))}
          </ul>
          <h2>{t('migration.blocked', { count: preview.blocked.length })}</h2>
          <ul>
            {preview.blocked.map((b) => (
              <li key={b.processInstanceKey}>
                <code>{b.processInstanceKey}</code> — {b.reasons.join('; ')}
              </li>
            ))}
          </ul>
          {preview.truncated && <p class="muted">{t('migration.truncated')}</p>}
        </div>
      )}
      <div role="status" aria-live="polite">
        {result && (
          <div class="alert alert-ok" data-testid="migration-result">
            {t('migration.done', { migrated: result.migrated.length, failed: result.failed.length })}
            <ul>
              {result.failed.map((f) => (
                <li key={f.processInstanceKey}>
                  <code>{f.processInstanceKey}</code> — {f.reason}
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
    </section>
  );
}
