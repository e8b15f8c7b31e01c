import { useState } from 'preact/hooks';
import { login } from '../api/session';
import type { Whoami } from '../api/types';
import { LanguageSwitch } from '../components/language-switch';
import { ProblemAlert } from '../components/problem';
import { useI18n } from '../i18n/i18n';
import type { Language } from '../i18n/language';

/** Sign-in, with the language switch: the language chosen here is kept for the session and after. */
export function LoginPage({
  onLogin,
  onLanguage,
}: {
  onLogin(me: Whoami): void;
  onLanguage(l: Language): void;
}) {
  const { t } = useI18n();
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      onLogin(await login(user.trim(), password));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main id="main" class="login">
      <div class="login-card">
        <h1>
          <span class="brand">iplus</span> {t('login.title')}
        </h1>
        <p class="muted">{t('login.intro')}</p>
        <LanguageSwitch id="login-language" onChange={onLanguage} />
        <form onSubmit={submit} aria-describedby="login-error">
          <div class="field">
            <label for="login-user">{t('login.user')}</label>
            <input
              id="login-user"
              name="username"
              autocomplete="username"
              required
              value={user}
              onInput={(e) => setUser((e.target as HTMLInputElement).value)}
            />
          </div>
          <div class="field">
            <label for="login-password">{t('login.password')}</label>
            <input
              id="login-password"
              name="password"
              type="password"
              autocomplete="current-password"
              required
              value={password}
              onInput={(e) => setPassword((e.target as HTMLInputElement).value)}
            />
          </div>
          <div id="login-error">
            <ProblemAlert error={error} />
          </div>
          <button type="submit" class="primary" disabled={busy}>
            {t('login.submit')}
          </button>
        </form>
        <p class="hint">{t('login.demoHint')}</p>
      </div>
    </main>
  );
}
