import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { describedBy, Field } from '../../components/field';
import { Loading, ProblemAlert } from '../../components/problem';
import { useAsync } from '../../hooks/use-async';
import { useI18n } from '../../i18n/i18n';

/** One account as GET /api/users lists it. */
interface Account {
  name: string;
  role: string;
  agencyId: string;
  language: string;
  disabled: boolean;
  demo: boolean;
}

/**
 * The admin's accounts page (issue 12): disable or enable an account, set a new password, end its
 * web sessions. Disabling ends the sessions and stops the API tokens at once; every action is audited.
 */
export function UsersPage({ me }: { me: string }) {
  const { t } = useI18n();
  const accounts = useAsync((signal) => api<Account[]>('GET', '/api/users', undefined, { signal }), []);
  const [resetFor, setResetFor] = useState<string>();
  const [password, setPassword] = useState('');
  const [message, setMessage] = useState<string>();
  const [error, setError] = useState<unknown>();

  async function act(run: () => Promise<unknown>, done: string) {
    setError(undefined);
    setMessage(undefined);
    try {
      await run();
      setMessage(done);
      accounts.reload();
    } catch (e) {
      setError(e);
    }
  }

  const setDisabled = (a: Account, disabled: boolean) =>
    act(
      () => api('PATCH', `/api/users/${encodeURIComponent(a.name)}`, { disabled }),
      t(disabled ? 'users.disabledDone' : 'users.enabledDone', { user: a.name }),
    );
  const endSessions = (a: Account) =>
    act(
      () => api('DELETE', `/api/users/${encodeURIComponent(a.name)}/sessions`),
      t('users.sessionsDone', { user: a.name }),
    );

  async function resetPassword(e: Event) {
    e.preventDefault();
    const user = resetFor!;
    await act(
      async () => {
        await api('POST', `/api/users/${encodeURIComponent(user)}/password`, { password });
        setResetFor(undefined);
        setPassword('');
      },
      t('users.passwordDone', { user }),
    );
  }

  return (
    <section class="wide">
      <h1>{t('users.title')}</h1>
      <p class="muted">{t('users.intro')}</p>
      <div role="status">{message && <div class="alert alert-ok">{message}</div>}</div>
      <ProblemAlert error={error ?? accounts.error} />
      {resetFor && (
        <form class="form inline-form" onSubmit={resetPassword} data-testid="reset-password">
          <Field
            id="new-password"
            label={t('users.newPassword', { user: resetFor })}
            hint={t('users.passwordHint')}
          >
            <input
              {...describedBy('new-password', undefined, true)}
              type="password"
              autocomplete="new-password"
              minLength={12}
              required
              value={password}
              onInput={(e) => setPassword((e.target as HTMLInputElement).value)}
            />
          </Field>
          <button type="submit" class="primary">
            {t('users.setPassword')}
          </button>
          <button type="button" onClick={() => setResetFor(undefined)}>
            {t('users.cancel')}
          </button>
        </form>
      )}
      {accounts.loading && !accounts.data ? (
        <Loading />
      ) : (
        <table class="data" data-testid="users">
          <thead>
            <tr>
              <th scope="col">{t('users.name')}</th>
              <th scope="col">{t('users.role')}</th>
              <th scope="col">{t('users.agency')}</th>
              <th scope="col">{t('users.state')}</th>
              <th scope="col">{t('users.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {(accounts.data ?? []).map((a) => (
              <tr key={a.name} data-user={a.name}>
                <td>
                  {a.name} {a.demo && <span class="badge">{t('users.demo')}</span>}
                </td>
                <td>{t(`role.${a.role}`)}</td>
                <td>{a.agencyId}</td>
                <td>{t(a.disabled ? 'users.disabled' : 'users.enabled')}</td>
                <td class="actions">
                  {a.disabled ? (
                    <button type="button" onClick={() => setDisabled(a, false)}>
                      {t('users.enable')}
                    </button>
                  ) : (
                    <button type="button" onClick={() => setDisabled(a, true)} disabled={a.name === me}>
                      {t('users.disable')}
                    </button>
                  )}
                  <button type="button" onClick={() => setResetFor(a.name)}>
                    {t('users.resetPassword')}
                  </button>
                  <button type="button" onClick={() => endSessions(a)}>
                    {t('users.endSessions')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
