import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import type { Rollout, Whoami } from '../../api/types';
import { Loading, ProblemAlert } from '../../components/problem';
import { useAsync } from '../../hooks/use-async';
import { useI18n } from '../../i18n/i18n';

/**
 * Rollout switches: which provinces and judicial arrondissements are live on iplus (the rest fall
 * back to the old channel). A coordinator changes their own province; an admin any.
 */
export function RolloutPage({ me }: { me: Whoami }) {
  const { t } = useI18n();
  const rollout = useAsync(
    (signal) => api<Rollout>('GET', '/api/routing/rollout', undefined, { signal }),
    [],
  );
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState('');
  const [message, setMessage] = useState('');
  /** Switch positions asked for and not yet confirmed by a reload, so a switch moves at once. */
  const [pending, setPending] = useState<Record<string, boolean>>({});

  async function toggle(province: string, arrondissement: string | undefined, live: boolean) {
    const key = `${province}/${arrondissement ?? ''}`;
    setPending((p) => ({ ...p, [key]: live }));
    setBusy(key);
    setError(undefined);
    setMessage('');
    try {
      await api(
        'PUT',
        '/api/routing/rollout',
        arrondissement ? { province, arrondissement, live } : { province, live },
      );
      setMessage(
        t(live ? 'rollout.nowLive' : 'rollout.nowOff', { name: arrondissement ?? t(`province.${province}`) }),
      );
      rollout.reload();
    } catch (e) {
      setError(e);
      setPending((p) => {
        const rest = { ...p };
        delete rest[key];
        return rest;
      });
    } finally {
      setBusy('');
    }
  }

  const mayEdit = (province: string) => me.role === 'admin' || me.province === province;
  return (
    <section>
      <h1>{t('rollout.title')}</h1>
      <p class="muted">{t('rollout.intro')}</p>
      <div role="status">{message && <div class="alert alert-ok">{message}</div>}</div>
      <ProblemAlert error={rollout.error ?? error} />
      {rollout.loading && !rollout.data && <Loading />}
      <ul class="rollout" data-testid="rollout">
        {(rollout.data?.provinces ?? []).map((p) => (
          <li key={p.province} class={mayEdit(p.province) ? 'own' : ''}>
            <Switch
              id={`rollout-${p.province}`}
              label={t(`province.${p.province}`)}
              checked={pending[`${p.province}/`] ?? p.live}
              disabled={!mayEdit(p.province) || busy !== ''}
              onChange={(live) => toggle(p.province, undefined, live)}
            />
            <ul>
              {p.arrondissements.map((a) => (
                <li key={a.name}>
                  <Switch
                    id={`rollout-${p.province}-${a.name.replace(/\W+/g, '-')}`}
                    label={a.name}
                    checked={pending[`${p.province}/${a.name}`] ?? a.live}
                    disabled={!mayEdit(p.province) || busy !== ''}
                    onChange={(live) => toggle(p.province, a.name, live)}
                  />
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** An on/off switch: a checkbox with role=switch, its state also written out. */
function Switch(props: {
  id: string;
  label: string;
  checked: boolean;
  disabled: boolean;
  onChange(v: boolean): void;
}) {
  const { t } = useI18n();
  return (
    <span class="switch">
      <input
        id={props.id}
        type="checkbox"
        role="switch"
        checked={props.checked}
        disabled={props.disabled}
        onChange={(e) => props.onChange((e.target as HTMLInputElement).checked)}
      />
      <label for={props.id}>
        {props.label}{' '}
        <span class={props.checked ? 'badge badge-live' : 'badge badge-off'}>
          {props.checked ? t('rollout.live') : t('rollout.off')}
        </span>
      </label>
    </span>
  );
}
