import { useState } from 'preact/hooks';
import { api, query } from '../../api/client';
import type { Decision, Page } from '../../api/types';
import { StatusBadge } from '../../components/badges';
import { Loading, ProblemAlert } from '../../components/problem';
import { useAsync } from '../../hooks/use-async';
import { useI18n } from '../../i18n/i18n';

const STATUSES = ['received', 'routed', 'old_channel', 'manual_assignment', 'closed'];

/** The caller's decisions (a parquet's, a coordinator's province, a prison's), newest first. */
export function DecisionsPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const [status, setStatus] = useState('');
  const [pages, setPages] = useState<Decision[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const first = useAsync(
    (signal) =>
      api<Page<Decision>>('GET', `/api/decisions${query({ status, limit: 50 })}`, undefined, {
        signal,
        justification: t('justification.decisions'),
      }).then((p) => {
        setPages([]);
        setCursor(p.nextCursor);
        return p;
      }),
    [status],
  );
  async function more() {
    const p = await api<Page<Decision>>(
      'GET',
      `/api/decisions${query({ status, limit: 50, cursor })}`,
      undefined,
      {
        justification: t('justification.decisions'),
      },
    );
    setPages((x) => [...x, ...p.items]);
    setCursor(p.nextCursor);
  }
  const items = [...(first.data?.items ?? []), ...pages];
  return (
    <section>
      <h1>{t('decisions.title')}</h1>
      <div class="toolbar">
        <label for="decision-status">{t('decisions.filterStatus')}</label>
        <select
          id="decision-status"
          value={status}
          onChange={(e) => setStatus((e.target as HTMLSelectElement).value)}
        >
          <option value="">{t('common.all')}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`decisionStatus.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <ProblemAlert error={first.error} />
      {first.loading && !first.data ? (
        <Loading />
      ) : items.length === 0 ? (
        <p class="empty">{t('decisions.empty')}</p>
      ) : (
        <table class="data">
          <caption class="sr-only">{t('decisions.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('decision.reference')}</th>
              <th scope="col">{t('decision.person')}</th>
              <th scope="col">{t('decision.measure')}</th>
              <th scope="col">{t('decision.status')}</th>
              <th scope="col">{t('decision.createdAt')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((d) => (
              <tr key={d.id}>
                <td>
                  <a href={`#/decisions/${encodeURIComponent(d.id)}`}>{d.reference}</a>
                </td>
                <td>
                  {d.input?.person
                    ? `${d.input.person.lastName.toUpperCase()} ${d.input.person.firstNames}`
                    : '—'}
                </td>
                <td>{d.input?.measure ? t(`measure.${d.input.measure}`) : ''}</td>
                <td>
                  <StatusBadge prefix="decisionStatus" value={d.status} />
                </td>
                <td>{i18n.dateTime(d.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {cursor && (
        <button type="button" onClick={more}>
          {t('common.more')}
        </button>
      )}
    </section>
  );
}
