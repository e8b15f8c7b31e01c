import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import type { Whoami } from '../../api/types';
import { Loading, ProblemAlert } from '../../components/problem';
import { useAsync } from '../../hooks/use-async';
import { useI18n } from '../../i18n/i18n';
import { RolloutConfirm, type SwitchAsked } from './rollout-confirm';
import { RolloutProvince } from './rollout-province';
import { StateBadge } from './rollout-state-badge';
import type { Rollout as RolloutOverview } from '../../api/types';

/**
 * The rollout cockpit: each province and arrondissement with the state routing applies today (live,
 * old channel or mixed, counted over its municipalities), switches that say what they will do before
 * they are confirmed, and the province's picture, readiness, plans and history below.
 */
export function RolloutPage({ me }: { me: Whoami }) {
  const { t } = useI18n();
  const rollout = useAsync(
    (signal) => api<RolloutOverview>('GET', '/api/routing/rollout', undefined, { signal }),
    [],
  );
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const [asked, setAsked] = useState<SwitchAsked>();
  const [selected, setSelected] = useState(me.province ?? 'BE-WHT');
  const [changes, setChanges] = useState(0);

  async function apply(extra: { reason?: string; resendOldChannel?: boolean }) {
    if (!asked) return;
    setBusy(true);
    setError(undefined);
    setMessage('');
    try {
      const { province, arrondissement, live } = asked;
      await api('PUT', '/api/routing/rollout', {
        province,
        ...(arrondissement ? { arrondissement } : {}),
        live,
        ...extra,
      });
      setMessage(
        t(live ? 'rollout.nowLive' : 'rollout.nowOff', { name: arrondissement ?? t(`province.${province}`) }),
      );
      setAsked(undefined);
      changed();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  function changed() {
    rollout.reload();
    setChanges((n) => n + 1);
  }

  const mayEdit = (province: string) => me.role === 'admin' || me.province === province;
  const slug = (s: string) => s.replace(/\W+/g, '-');
  return (
    <section>
      <h1>{t('rollout.title')}</h1>
      <p class="muted">{t('rollout.intro')}</p>
      <div role="status">{message && <div class="alert alert-ok">{message}</div>}</div>
      <ProblemAlert error={rollout.error ?? error} />
      {asked && (
        <RolloutConfirm asked={asked} busy={busy} onConfirm={apply} onCancel={() => setAsked(undefined)} />
      )}
      {rollout.loading && !rollout.data && <Loading />}
      <ul class="rollout" data-testid="rollout">
        {(rollout.data?.provinces ?? []).map((p) => (
          <li key={p.province} class={mayEdit(p.province) ? 'own' : ''}>
            <Switch
              id={`rollout-${p.province}`}
              label={t(`province.${p.province}`)}
              checked={p.live}
              disabled={!mayEdit(p.province) || busy}
              onChange={(live) => setAsked({ province: p.province, live })}
            />{' '}
            <StateBadge count={p} testId={`state-${p.province}`} />{' '}
            <button type="button" class="link" onClick={() => setSelected(p.province)}>
              {t('rollout.open')}
            </button>
            <ul>
              {p.arrondissements.map((a) => (
                <li key={a.name}>
                  <Switch
                    id={`rollout-${p.province}-${slug(a.name)}`}
                    label={a.name}
                    checked={a.live}
                    disabled={!mayEdit(p.province) || busy}
                    onChange={(live) => setAsked({ province: p.province, arrondissement: a.name, live })}
                  />{' '}
                  <StateBadge count={a} testId={`state-${p.province}-${slug(a.name)}`} />
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      <RolloutProvince
        key={selected}
        province={selected}
        mayEdit={mayEdit(selected)}
        changes={changes}
        onChanged={changed}
      />
    </section>
  );
}

/** An on/off switch: a checkbox with role=switch, its position also written out. */
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
        onChange={(e) => {
          const input = e.target as HTMLInputElement;
          const wanted = input.checked;
          input.checked = props.checked; // moves only once confirmed
          props.onChange(wanted);
        }}
      />
      <label for={props.id}>
        {props.label} <span class="muted">({props.checked ? t('rollout.live') : t('rollout.off')})</span>
      </label>
    </span>
  );
}
