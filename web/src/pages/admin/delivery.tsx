import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { describedBy, Field } from '../../components/field';
import { ProblemAlert } from '../../components/problem';
import { useI18n } from '../../i18n/i18n';

/** GET /api/agencies/{id}/delivery: the secret is never read back, only whether one is set. */
interface DeliverySettings {
  agencyId: string;
  language: 'fr' | 'nl' | 'de' | null;
  emails: string[];
  webhook: { url: string; secretSet: boolean } | null;
  updatedAt: string | null;
  updatedBy: string | null;
}

/** GET /api/agencies/{id}/messages: what was sent, what is waiting, what was given up. */
interface SentMessage {
  id: string;
  channel: 'email' | 'webhook';
  createdAt: string;
  attempts: number;
  status: 'pending' | 'sent' | 'given_up';
  lastError: string | null;
}

/**
 * The admin's message delivery page (issue 15): where an agency's escalations, breach reports,
 * revocations and measure ends go outside the app (e-mail addresses, a signed webhook), in which
 * language, and the agency's latest messages with their delivery state.
 */
export function DeliveryPage() {
  const { t } = useI18n();
  const [agencyId, setAgencyId] = useState('');
  const [loaded, setLoaded] = useState<DeliverySettings>();
  const [messages, setMessages] = useState<SentMessage[]>([]);
  const [language, setLanguage] = useState('');
  const [emails, setEmails] = useState('');
  const [webhookUrl, setWebhookUrl] = useState('');
  const [secret, setSecret] = useState('');
  const [error, setError] = useState<unknown>();
  const [message, setMessage] = useState<string>();

  function show(s: DeliverySettings) {
    setLoaded(s);
    setLanguage(s.language ?? '');
    setEmails(s.emails.join('\n'));
    setWebhookUrl(s.webhook?.url ?? '');
    setSecret('');
  }

  async function load(e: Event) {
    e.preventDefault();
    setError(undefined);
    setMessage(undefined);
    const id = agencyId.trim().toUpperCase();
    try {
      show(await api<DeliverySettings>('GET', `/api/agencies/${encodeURIComponent(id)}/delivery`));
      setMessages(await api<SentMessage[]>('GET', `/api/agencies/${encodeURIComponent(id)}/messages`));
    } catch (err) {
      setLoaded(undefined);
      setError(err);
    }
  }

  async function save(e: Event) {
    e.preventDefault();
    if (!loaded) return;
    setError(undefined);
    setMessage(undefined);
    const url = webhookUrl.trim();
    try {
      const saved = await api<DeliverySettings>(
        'PUT',
        `/api/agencies/${encodeURIComponent(loaded.agencyId)}/delivery`,
        {
          language: language || null,
          emails: emails
            .split(/[\n,;]/)
            .map((x) => x.trim())
            .filter(Boolean),
          webhook: url ? { url, ...(secret ? { secret } : {}) } : null,
        },
      );
      show(saved);
      setMessage(t('delivery.saved', { agency: saved.agencyId }));
    } catch (err) {
      setError(err);
    }
  }

  return (
    <section class="wide">
      <h1>{t('delivery.title')}</h1>
      <p class="muted">{t('delivery.intro')}</p>
      <div role="status">{message && <div class="alert alert-ok">{message}</div>}</div>
      <ProblemAlert error={error} />
      <form class="form inline-form" onSubmit={load} data-testid="delivery-agency">
        <Field id="delivery-agency-id" label={t('delivery.agency')} hint={t('delivery.agencyHint')}>
          <input
            {...describedBy('delivery-agency-id', undefined, true)}
            required
            value={agencyId}
            placeholder="PAR-MONS-TOURNAI"
            onInput={(e) => setAgencyId((e.target as HTMLInputElement).value)}
          />
        </Field>
        <button type="submit">{t('delivery.load')}</button>
      </form>
      {loaded && (
        <form class="form" onSubmit={save} data-testid="delivery-settings">
          <h2>{loaded.agencyId}</h2>
          <Field id="delivery-language" label={t('delivery.language')}>
            <select
              id="delivery-language"
              value={language}
              onChange={(e) => setLanguage((e.target as HTMLSelectElement).value)}
            >
              <option value="">{t('delivery.languageOwn')}</option>
              <option value="fr">Français</option>
              <option value="nl">Nederlands</option>
              <option value="de">Deutsch</option>
            </select>
          </Field>
          <Field id="delivery-emails" label={t('delivery.emails')} hint={t('delivery.emailsHint')}>
            <textarea
              {...describedBy('delivery-emails', undefined, true)}
              rows={3}
              value={emails}
              onInput={(e) => setEmails((e.target as HTMLTextAreaElement).value)}
            />
          </Field>
          <Field id="delivery-webhook" label={t('delivery.webhook')} hint={t('delivery.webhookHint')}>
            <input
              {...describedBy('delivery-webhook', undefined, true)}
              type="url"
              value={webhookUrl}
              onInput={(e) => setWebhookUrl((e.target as HTMLInputElement).value)}
            />
          </Field>
          <Field id="delivery-secret" label={t('delivery.secret')} hint={t('delivery.secretHint')}>
            <input
              {...describedBy('delivery-secret', undefined, true)}
              type="password"
              autocomplete="off"
              value={secret}
              placeholder={loaded.webhook?.secretSet ? t('delivery.secretKept') : ''}
              onInput={(e) => setSecret((e.target as HTMLInputElement).value)}
            />
          </Field>
          <button type="submit" class="primary">
            {t('delivery.save')}
          </button>
        </form>
      )}
      {loaded && (
        <table class="data" data-testid="delivery-messages">
          <caption>{t('delivery.messages')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('delivery.createdAt')}</th>
              <th scope="col">{t('delivery.channel')}</th>
              <th scope="col">{t('delivery.status')}</th>
              <th scope="col">{t('delivery.attempts')}</th>
              <th scope="col">{t('delivery.lastError')}</th>
            </tr>
          </thead>
          <tbody>
            {messages.length === 0 && (
              <tr>
                <td colSpan={5}>{t('common.none')}</td>
              </tr>
            )}
            {messages.map((m) => (
              <tr key={m.id} data-message={m.id}>
                <td>{m.createdAt.slice(0, 16).replace('T', ' ')}</td>
                <td>{t(`delivery.channel.${m.channel}`)}</td>
                <td>{t(`delivery.status.${m.status}`)}</td>
                <td>{m.attempts}</td>
                <td>{m.lastError ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
