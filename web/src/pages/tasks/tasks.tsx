import { api } from '../../api/client';
import { Loading, ProblemAlert } from '../../components/problem';
import { useAsync } from '../../hooks/use-async';
import { useI18n } from '../../i18n/i18n';
import type { TaskSummary } from './task-types';

/** The open tasks of the user's agency or role, offered to them or assigned to them; due first. */
export function TasksPage({ me }: { me: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const list = useAsync((signal) => api<TaskSummary[]>('GET', '/api/tasks', undefined, { signal }), []);
  const tasks = list.data ?? [];
  return (
    <section>
      <h1>{t('tasks.title')}</h1>
      <div class="toolbar">
        <button type="button" onClick={list.reload}>
          {t('common.refresh')}
        </button>
      </div>
      <ProblemAlert error={list.error} />
      {list.loading && !list.data ? (
        <Loading />
      ) : tasks.length === 0 ? (
        <p class="empty">{t('tasks.empty')}</p>
      ) : (
        <table class="data" data-testid="tasks">
          <thead>
            <tr>
              <th scope="col">{t('tasks.name')}</th>
              <th scope="col">{t('tasks.process')}</th>
              <th scope="col">{t('tasks.due')}</th>
              <th scope="col">{t('tasks.assignee')}</th>
              <th scope="col">{t('tasks.groups')}</th>
              <th scope="col">{t('tasks.created')}</th>
            </tr>
          </thead>
          <tbody>
            {tasks.map((task) => (
              <tr key={task.userTaskKey} data-task={task.userTaskKey}>
                <td>
                  <a href={`#/tasks/${encodeURIComponent(task.userTaskKey)}`}>
                    {task.name || task.elementId}
                  </a>
                </td>
                <td>{task.processName || task.processDefinitionId}</td>
                <td>
                  {task.dueDate ? i18n.dateTime(task.dueDate) : t('tasks.noDue')}{' '}
                  {task.overdue && <span class="badge badge-overdue">{t('tasks.overdue')}</span>}
                </td>
                <td>
                  {task.assignee === me
                    ? t('tasks.me')
                    : task.assignee
                      ? task.assignee
                      : t('tasks.unassigned')}
                </td>
                <td>{(task.candidateGroups ?? []).join(', ')}</td>
                <td>{i18n.dateTime(task.creationDate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
