import { useState } from 'preact/hooks';
import { api, query } from '../../api/client';
import type { AuditEntry, Page } from '../../api/types';
import { Field } from '../../components/field';
import { ProblemAlert } from '../../components/problem';
import { useI18n } from '../../i18n/i18n';

/** The admin's audit log search: by user, object and date range; and the hash chain check. */
export function AuditPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const [user, setUser] = useState('');
  const [object, setObject] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [items, setItems] = useState<AuditEntry[]>();
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>();
  const [verify, setVerify] = useState<{ ok: boolean; entries?: number; brokenAt?: number }>();

  const params = () => ({
    user: user.trim(),
    object: object.trim(),
    from: from ? `${from}T00:00:00.000Z` : undefined,
    to: to ? `${to}T23:59:59.999Z` : undefined,
    limit: 100,
  });

  async function searchLog(e?: Event, next?: string) {
    e?.preventDefault();
    setError(undefined);
    try {
      const page = await api<Page<AuditEntry>>('GET', `/api/audit${query({ ...params(), cursor: next })}`);
      setItems(next ? [...(items ?? []), ...page.items] : page.items);
      setCursor(page.nextCursor ?? null);
    } catch (err) {
      setError(err);
    }
  }

  async function check() {
    setError(undefined);
    try {
      setVerify(await api('GET', '/api/audit/verify'));
    } catch (err) {
      setError(err);
    }
  }

  return (
    <section class="wide">
      <h1>{t('audit.title')}</h1>
      <form class="form inline-form" onSubmit={searchLog} role="search">
        <Field id="audit-user" label={t('audit.user')}>
          <input
            id="audit-user"
            value={user}
            onInput={(e) => setUser((e.target as HTMLInputElement).value)}
          />
        </Field>
        <Field id="audit-object" label={t('audit.object')}>
          <input
            id="audit-object"
            value={object}
            onInput={(e) => setObject((e.target as HTMLInputElement).value)}
          />
        </Field>
        <Field id="audit-from" label={t('audit.from')}>
          <input
            id="audit-from"
            type="date"
            value={from}
            onInput={(e) => setFrom((e.target as HTMLInputElement).value)}
          />
        </Field>
        <Field id="audit-to" label={t('audit.to')}>
          <input
            id="audit-to"
            type="date"
            value={to}
            onInput={(e) => setTo((e.target as HTMLInputElement).value)}
          />
        </Field>
        <button type="submit" class="primary">
          {t('audit.search')}
        </button>
        <button type="button" onClick={check}>
          {t('audit.verify')}
        </button>
      </form>
      <div role="status">
        {verify && (
          <div class={verify.ok ? 'alert alert-ok' : 'alert alert-error'}>
            {verify.ok
              ? t('audit.chainOk', { entries: verify.entries ?? 0 })
              : t('audit.chainBroken', { seq: verify.brokenAt ?? '?' })}
          </div>
        )}
        {items && <p class="muted">{t('audit.count', { count: items.length })}</p>}
      </div>
      <ProblemAlert error={error} />
      {items && items.length > 0 && (
        <table class="data" data-testid="audit">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t('audit.at')}</th>
              <th scope="col">{t('audit.user')}</th>
              <th scope="col">{t('audit.agency')}</th>
              <th scope="col">{t('audit.action')}</th>
              <th scope="col">{t('audit.object')}</th>
              <th scope="col">{t('audit.justification')}</th>
              <th scope="col">{t('audit.outcome')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((a) => (
              <tr key={a.seq}>
                <td>{a.seq}</td>
                <td class="nowrap">{i18n.dateTime(a.at)}</td>
                <td>{a.user}</td>
                <td>{a.agencyId}</td>
                <td>
                  <code>{a.action}</code>
                </td>
                <td>{a.object}</td>
                <td>{a.justification ?? ''}</td>
                <td>{a.outcome}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {cursor && (
        <button type="button" onClick={() => searchLog(undefined, cursor)}>
          {t('common.more')}
        </button>
      )}
    </section>
  );
}
