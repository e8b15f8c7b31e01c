import { api } from '../../api/client';
import { Loading, ProblemAlert } from '../../components/problem';
import { useAsync } from '../../hooks/use-async';
import { useI18n } from '../../i18n/i18n';
import type { RolloutReadiness as Readiness } from '../../api/types';

/** Readiness per arrondissement: who would receive mandates and who reads them, tests, zoneless municipalities. */
export function RolloutReadiness({ province, changes }: { province: string; changes: number }) {
  const { t, name } = useI18n();
  const r = useAsync(
    (signal) => api<Readiness>('GET', `/api/routing/rollout/${province}/readiness`, undefined, { signal }),
    [province, changes],
  );
  return (
    <div class="rollout-readiness" data-testid="rollout-readiness">
      <h3>{t('rollout.readiness.title')}</h3>
      <ProblemAlert error={r.error} />
      {r.loading && !r.data && <Loading />}
      {r.data?.arrondissements.map((a) => (
        <section key={a.name} data-testid={`readiness-${a.name.replace(/\W+/g, '-')}`}>
          <h4>
            {a.name}{' '}
            <span class={`badge ${a.ready ? 'badge-pass' : 'badge-fail'}`}>
              {t(a.ready ? 'rollout.readiness.ready' : 'rollout.readiness.notReady')}
            </span>
          </h4>
          <p data-testid="readiness-tests">
            {t('rollout.readiness.tests', {
              passing: a.tests.total - a.tests.failures.length,
              total: a.tests.total,
            })}
          </p>
          {a.tests.failures.length > 0 && (
            <ul>
              {a.tests.failures.map((f) => (
                <li key={f}>{f}</li>
              ))}
            </ul>
          )}
          {a.withoutZone.length > 0 && (
            <p data-testid="readiness-no-zone">
              {t('rollout.readiness.noZone', { count: a.withoutZone.length })}{' '}
              {a.withoutZone.map((m) => name(m.name)).join(', ')}
            </p>
          )}
          <table class="table">
            <caption>{t('rollout.readiness.recipients')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('rollout.readiness.recipient')}</th>
                <th scope="col">{t('rollout.readiness.kind')}</th>
                <th scope="col">{t('rollout.readiness.users')}</th>
                <th scope="col">{t('rollout.readiness.tokens')}</th>
                <th scope="col">{t('rollout.readiness.inbox')}</th>
              </tr>
            </thead>
            <tbody>
              {a.recipients.map((x) => (
                <tr
                  key={x.agencyId}
                  data-testid={`recipient-${x.agencyId}`}
                  data-unread={x.unread ? 'true' : 'false'}
                >
                  <td>
                    {name(x.name) || x.agencyId} <span class="muted">({x.agencyId})</span>
                  </td>
                  <td>{t(`rollout.readiness.kind.${x.kind}`)}</td>
                  <td>{x.activeUsers}</td>
                  <td>{x.activeTokens}</td>
                  <td>
                    <span class={`badge ${x.unread ? 'badge-fail' : 'badge-pass'}`}>
                      {t(x.unread ? 'rollout.readiness.unread' : 'rollout.readiness.read')}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </div>
  );
}
