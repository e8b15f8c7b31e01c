import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../api/client';
import { Loading, ProblemAlert } from '../../components/problem';
import type { RenderedForm } from '../../forms/task-form';
import { useAsync } from '../../hooks/use-async';
import { useI18n } from '../../i18n/i18n';
import type { TaskDetail } from './task-types';

/**
 * One task: its form (form-js viewer) filled with the case's variables when the user may see the
 * case, claim / give back, and complete with the form's values once claimed.
 */
export function TaskDetailPage({ taskKey, me }: { taskKey: string; me: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const task = useAsync(
    (signal) => api<TaskDetail>('GET', `/api/tasks/${encodeURIComponent(taskKey)}`, undefined, { signal }),
    [taskKey],
  );
  const container = useRef<HTMLDivElement>(null);
  const form = useRef<RenderedForm>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [invalidForm, setInvalidForm] = useState(false);
  const data = task.data;
  const mine = data?.assignee === me;

  useEffect(() => {
    if (!data?.form || !container.current) return;
    let live = true;
    (async () => {
      const { renderTaskForm } = await import('../../forms/task-form');
      if (!live || !container.current) return;
      form.current?.destroy();
      form.current = await renderTaskForm(container.current, data.form, data.variables ?? {});
      form.current.setReadOnly(!mine || done);
    })().catch((e: unknown) => live && setError(e));
    return () => {
      live = false;
    };
  }, [data]);
  useEffect(() => form.current?.setReadOnly(!mine || done), [mine, done]);
  useEffect(() => () => form.current?.destroy(), []);

  async function act(method: string, path: string, body?: unknown) {
    setBusy(true);
    setError(undefined);
    try {
      await api(method, `/api/tasks/${encodeURIComponent(taskKey)}${path}`, body);
      return true;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      setBusy(false);
    }
  }

  async function complete() {
    let variables: Record<string, unknown> = {};
    if (form.current) {
      const result = form.current.submit();
      if (Object.keys(result.errors).length > 0) return setInvalidForm(true);
      variables = result.data;
    }
    setInvalidForm(false);
    if (await act('POST', '/completion', { variables })) setDone(true);
  }

  return (
    <section>
      <p>
        <a href="#/tasks">← {t('task.back')}</a>
      </p>
      <h1>{data ? data.name || data.elementId : t('task.title')}</h1>
      <ProblemAlert error={task.error ?? error} />
      {task.loading && !data && <Loading />}
      {data && (
        <>
          <dl class="facts">
            <dt>{t('tasks.process')}</dt>
            <dd>{data.processName || data.processDefinitionId}</dd>
            <dt>{t('tasks.due')}</dt>
            <dd>
              {data.dueDate ? i18n.dateTime(data.dueDate) : t('tasks.noDue')}{' '}
              {data.overdue && <span class="badge badge-overdue">{t('tasks.overdue')}</span>}
            </dd>
            <dt>{t('tasks.assignee')}</dt>
            <dd data-testid="task-assignee">
              {mine ? t('tasks.me') : data.assignee ? data.assignee : t('tasks.unassigned')}
            </dd>
            {data.decisionId && (
              <>
                <dt>{t('task.case')}</dt>
                <dd>
                  <a href={`#/decisions/${encodeURIComponent(data.decisionId)}`}>{data.decisionId}</a>
                </dd>
              </>
            )}
          </dl>
          <div role="status" aria-live="polite">
            {done && <div class="alert alert-ok">{t('task.completed')}</div>}
            {invalidForm && <div class="alert alert-error">{t('task.formInvalid')}</div>}
          </div>
          {data.variablesHidden && <p class="muted">{t('task.hidden')}</p>}
          {!done && (
            <div class="toolbar">
              {!data.assignee && (
                <button
                  type="button"
                  class="primary"
                  disabled={busy}
                  onClick={async () => (await act('POST', '/claim')) && task.reload()}
                >
                  {t('task.claim')}
                </button>
              )}
              {mine && (
                <>
                  <button type="button" class="primary" disabled={busy} onClick={complete}>
                    {t('task.complete')}
                  </button>
                  <button
                    type="button"
                    disabled={busy}
                    onClick={async () => (await act('DELETE', '/assignee')) && task.reload()}
                  >
                    {t('task.unassign')}
                  </button>
                </>
              )}
              {data.assignee && !mine && (
                <span class="muted">{t('task.claimedBy', { user: data.assignee })}</span>
              )}
            </div>
          )}
          {!mine && !done && !data.assignee && <p class="muted">{t('task.claimFirst')}</p>}
          {data.form ? (
            <div ref={container} class="task-form" data-testid="task-form" />
          ) : (
            <p class="muted">{t('task.noForm')}</p>
          )}
        </>
      )}
    </section>
  );
}
