import { useState } from 'preact/hooks';
import { api, query } from '../../api/client';
import { MANDATE_STATUSES, type Mandate, type Page } from '../../api/types';
import { OverdueBadge, StatusBadge } from '../../components/badges';
import { Loading, ProblemAlert } from '../../components/problem';
import { useAsync } from '../../hooks/use-async';
import { useInboxChanges } from '../../hooks/use-inbox-changes';
import { useI18n } from '../../i18n/i18n';
import { inboxOrder, isOverdue, timeLeft } from './inbox-order';

/** The agency's inbox of mandates, sorted by deadline, overdue ones marked. */
export function InboxPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const [status, setStatus] = useState('');
  const [overdueOnly, setOverdueOnly] = useState(false);
  const list = useAsync(
    (signal) =>
      api<Page<Mandate>>(
        'GET',
        `/api/mandates${query({ status, overdue: overdueOnly ? 'true' : undefined, limit: 200 })}`,
        undefined,
        {
          signal,
          justification: t('justification.inbox'),
        },
      ),
    [status, overdueOnly],
  );
  // New and changed mandates appear by themselves (the refresh button stays, for the impatient).
  useInboxChanges(list.reload);
  const now = new Date();
  const items = inboxOrder(list.data?.items ?? []);
  const overdueCount = items.filter((m) => isOverdue(m, now)).length;
  return (
    <section>
      <h1>{t('inbox.title')}</h1>
      <div class="toolbar">
        <label for="inbox-status">{t('inbox.status')}</label>
        <select
          id="inbox-status"
          value={status}
          onChange={(e) => setStatus((e.target as HTMLSelectElement).value)}
        >
          <option value="">{t('common.all')}</option>
          {MANDATE_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`mandateStatus.${s}`)}
            </option>
          ))}
        </select>
        <input
          id="inbox-overdue"
          type="checkbox"
          checked={overdueOnly}
          onChange={(e) => setOverdueOnly((e.target as HTMLInputElement).checked)}
        />
        <label for="inbox-overdue">{t('inbox.overdueOnly')}</label>
        <button type="button" onClick={list.reload}>
          {t('common.refresh')}
        </button>
      </div>
      <p role="status" class="muted">
        {t('inbox.summary', { count: items.length, overdue: overdueCount })}
      </p>
      <ProblemAlert error={list.error} />
      {list.loading && !list.data ? (
        <Loading />
      ) : items.length === 0 ? (
        <p class="empty">{t('inbox.empty')}</p>
      ) : (
        <table class="data" data-testid="inbox">
          <caption class="sr-only">{t('inbox.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('mandate.deadline')}</th>
              <th scope="col">{t('mandate.id')}</th>
              <th scope="col">{t('mandate.kind')}</th>
              <th scope="col">{t('decision.person')}</th>
              <th scope="col">{t('decision.measure')}</th>
              <th scope="col">{t('mandate.status')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((m) => {
              const overdue = isOverdue(m, now);
              const left = timeLeft(m.deadline, now);
              return (
                <tr key={m.id} class={overdue ? 'overdue' : ''} data-mandate={m.id}>
                  <td>
                    <time dateTime={m.deadline}>{i18n.dateTime(m.deadline)}</time>
                    {m.status === 'issued' && (
                      <div class="muted small">
                        {left >= 0
                          ? t('inbox.left', { delay: i18n.delay(left) })
                          : t('inbox.late', { delay: i18n.delay(-left) })}
                      </div>
                    )}
                  </td>
                  <td>
                    <a href={`#/mandates/${encodeURIComponent(m.id)}`}>{m.id}</a>
                  </td>
                  <td>{t(`mandateKind.${m.kind}`)}</td>
                  <td>{m.person ? `${m.person.lastName.toUpperCase()} ${m.person.firstNames}` : '—'}</td>
                  <td>{m.measure ? t(`measure.${m.measure}`) : ''}</td>
                  <td>
                    <StatusBadge prefix="mandateStatus" value={m.status} /> {overdue && <OverdueBadge />}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
