import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { ProblemAlert } from '../../components/problem';
import { useI18n } from '../../i18n/i18n';
import type { RolloutProvince as ProvinceRollout } from '../../api/types';

/** Plans a switch for a date and time (the engine's timer applies it), or rolls back now with a reason. */
export function RolloutPlan({ view, onChanged }: { view: ProvinceRollout; onChanged(): void }) {
  const { t } = useI18n();
  const [arrondissement, setArrondissement] = useState('');
  const [live, setLive] = useState(true);
  const [at, setAt] = useState('');
  const [reason, setReason] = useState('');
  const [resend, setResend] = useState(false);
  const [rollbackReason, setRollbackReason] = useState('');
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState('');
  const region = arrondissement ? { arrondissement } : {};

  async function run(call: () => Promise<unknown>, message: string) {
    setError(undefined);
    setDone('');
    try {
      await call();
      setDone(message);
      onChanged();
    } catch (e) {
      setError(e);
    }
  }

  return (
    <div class="rollout-plan" data-testid="rollout-plan">
      <h3>{t('rollout.plan.title')}</h3>
      <ProblemAlert error={error} />
      <div role="status">{done && <div class="alert alert-ok">{done}</div>}</div>
      <label for="plan-region">
        {t('rollout.plan.region')}
        <select
          id="plan-region"
          value={arrondissement}
          onChange={(e) => setArrondissement((e.target as HTMLSelectElement).value)}
        >
          <option value="">{t('rollout.plan.wholeProvince')}</option>
          {view.arrondissements.map((a) => (
            <option key={a.name} value={a.name}>
              {a.name}
            </option>
          ))}
        </select>
      </label>
      <form
        class="form"
        onSubmit={(e) => {
          e.preventDefault();
          void run(
            () =>
              api('POST', '/api/routing/rollout/schedule', {
                province: view.province,
                ...region,
                live,
                at: new Date(at).toISOString(),
                ...(reason.trim() ? { reason } : {}),
                ...(live ? { resendOldChannel: resend } : {}),
              }),
            t('rollout.plan.planned'),
          );
        }}
      >
        <h4>{t('rollout.plan.schedule')}</h4>
        <label for="plan-live">
          {t('rollout.plan.to')}
          <select
            id="plan-live"
            value={live ? 'live' : 'off'}
            onChange={(e) => setLive((e.target as HTMLSelectElement).value === 'live')}
          >
            <option value="live">{t('rollout.state.live')}</option>
            <option value="off">{t('rollout.state.old_channel')}</option>
          </select>
        </label>
        <label for="plan-at">
          {t('rollout.plan.at')}
          <input
            id="plan-at"
            type="datetime-local"
            required
            value={at}
            onInput={(e) => setAt((e.target as HTMLInputElement).value)}
          />
        </label>
        <label for="plan-reason">
          {t('rollout.reason')}
          <input
            id="plan-reason"
            value={reason}
            required={!live}
            onInput={(e) => setReason((e.target as HTMLInputElement).value)}
          />
        </label>
        {live && (
          <label>
            <input
              id="plan-resend"
              type="checkbox"
              checked={resend}
              onChange={(e) => setResend((e.target as HTMLInputElement).checked)}
            />{' '}
            {t('rollout.confirm.resend')}
          </label>
        )}
        <button id="plan-submit" type="submit" class="primary" disabled={!at}>
          {t('rollout.plan.submit')}
        </button>
      </form>
      <form
        class="form"
        onSubmit={(e) => {
          e.preventDefault();
          void run(
            () =>
              api('POST', '/api/routing/rollout/rollback', {
                province: view.province,
                ...region,
                reason: rollbackReason,
              }),
            t('rollout.nowOff', { name: arrondissement || t(`province.${view.province}`) }),
          );
        }}
      >
        <h4>{t('rollout.rollback.title')}</h4>
        <label for="rollback-reason">
          {t('rollout.reason')}
          <input
            id="rollback-reason"
            required
            value={rollbackReason}
            onInput={(e) => setRollbackReason((e.target as HTMLInputElement).value)}
          />
        </label>
        <button id="rollback-submit" type="submit" class="danger" disabled={!rollbackReason.trim()}>
          {t('rollout.rollback.submit')}
        </button>
      </form>
    </div>
  );
}
