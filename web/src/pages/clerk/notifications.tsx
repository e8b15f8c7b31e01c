import { useState } from 'preact/hooks';
import { api, query } from '../../api/client';
import type { Agency, Notification, Page } from '../../api/types';
import { AgencyName, useAgencyMap } from '../../components/agency-name';
import { Loading, ProblemAlert } from '../../components/problem';
import { useAsync } from '../../hooks/use-async';
import { useI18n } from '../../i18n/i18n';

/** A notification's detail, whether the API sends it as text or as an object. */
function detailText(detail: Notification['detail']): string {
  if (!detail) return '';
  if (typeof detail === 'string') return detail;
  return Object.entries(detail)
    .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join(' · ');
}

/** The agencies a manual assignment can name: the recipients of the three mandate kinds. */
const ASSIGNABLE_KINDS: Agency['kind'][] = ['police_zone', 'justice_house', 'em_centre'];

/**
 * Notifications to handle: breach reports for a parquet, escalations / old-channel cases / manual
 * assignments for a coordinator. `kinds` limits what the page lists.
 */
export function NotificationsPage({ kinds, title }: { kinds: Notification['kind'][]; title: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [showHandled, setShowHandled] = useState(false);
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [assign, setAssign] = useState<Record<string, string>>({});
  const agencies = useAgencyMap();
  const list = useAsync(
    (signal) =>
      api<Page<Notification> | Notification[]>(
        'GET',
        `/api/notifications${query({ kind: kinds.length === 1 ? kinds[0] : undefined, handled: showHandled ? undefined : 'false' })}`,
        undefined,
        { signal, justification: t('justification.notifications') },
      ).then((r) => (Array.isArray(r) ? r : r.items).filter((n) => kinds.includes(n.kind))),
    [showHandled, kinds.join()],
  );

  async function handle(n: Notification) {
    setBusy(n.id);
    setError(undefined);
    try {
      await api('POST', `/api/notifications/${encodeURIComponent(n.id)}/handle`, {
        note: notes[n.id] || undefined,
        recipientId: assign[n.id] || undefined,
      });
      list.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(undefined);
    }
  }

  const items = [...(list.data ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (
    <section>
      <h1>{title}</h1>
      <div class="toolbar">
        <input
          id="show-handled"
          type="checkbox"
          checked={showHandled}
          onChange={(e) => setShowHandled((e.target as HTMLInputElement).checked)}
        />
        <label for="show-handled">{t('notifications.showHandled')}</label>
      </div>
      <ProblemAlert error={list.error ?? error} />
      {list.loading && !list.data ? (
        <Loading />
      ) : items.length === 0 ? (
        <p class="empty">{t('notifications.empty')}</p>
      ) : (
        <ul class="cards" data-testid="notifications">
          {items.map((n) => {
            const assignable = n.kind === 'manual_assignment';
            return (
              <li key={n.id} class={`card notification-${n.kind}`}>
                <h2 class="card-title">
                  {t(`notificationKind.${n.kind}`)} ·{' '}
                  <a href={`#/decisions/${encodeURIComponent(n.decisionId)}`}>{n.decisionId}</a>
                  {n.mandateId && <span class="muted"> · {n.mandateId}</span>}
                </h2>
                <p>
                  <time dateTime={n.createdAt}>{i18n.dateTime(n.createdAt)}</time> ·{' '}
                  <AgencyName id={n.agencyId} />
                </p>
                {n.detail && <p class="detail">{detailText(n.detail)}</p>}
                {n.handledAt ? (
                  <p class="ok">
                    {t('notifications.handledBy', {
                      user: n.handledBy ?? '',
                      at: i18n.dateTime(n.handledAt),
                    })}
                  </p>
                ) : (
                  <div class="handle">
                    {assignable && (
                      <div class="field">
                        <label for={`assign-${n.id}`}>{t('notifications.assignTo')}</label>
                        <select
                          id={`assign-${n.id}`}
                          value={assign[n.id] ?? ''}
                          onChange={(e) =>
                            setAssign({ ...assign, [n.id]: (e.target as HTMLSelectElement).value })
                          }
                        >
                          <option value="">{t('common.choose')}</option>
                          {ASSIGNABLE_KINDS.map((kind) => (
                            <optgroup key={kind} label={t(`agencyKind.${kind}`)}>
                              {[...agencies.values()]
                                .filter((a) => a.kind === kind)
                                .map((a) => (
                                  <option key={a.id} value={a.id}>
                                    {i18n.name(a.name) || a.id}
                                  </option>
                                ))}
                            </optgroup>
                          ))}
                        </select>
                      </div>
                    )}
                    <div class="field">
                      <label for={`note-${n.id}`}>{t('notifications.note')}</label>
                      <input
                        id={`note-${n.id}`}
                        value={notes[n.id] ?? ''}
                        onInput={(e) => setNotes({ ...notes, [n.id]: (e.target as HTMLInputElement).value })}
                      />
                    </div>
                    <button type="button" class="primary" disabled={busy === n.id} onClick={() => handle(n)}>
                      {t('notifications.handle')}
                    </button>
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
