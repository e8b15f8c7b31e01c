import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { Loading, ProblemAlert } from '../../components/problem';
import { useAsync } from '../../hooks/use-async';
import { useI18n } from '../../i18n/i18n';
import type { OldChannelCase } from '../../api/types';

export interface SwitchAsked {
  province: string;
  arrondissement?: string;
  live: boolean;
}

/**
 * What a switch does, shown before it is confirmed: going live lists the region's open old-channel
 * cases (they stay there unless re-sent through the platform); going back needs a reason.
 */
export function RolloutConfirm(props: {
  asked: SwitchAsked;
  busy: boolean;
  onConfirm(extra: { reason?: string; resendOldChannel?: boolean }): void;
  onCancel(): void;
}) {
  const { t } = useI18n();
  const { asked } = props;
  const [reason, setReason] = useState('');
  const [resend, setResend] = useState(false);
  const cases = useAsync(
    (signal) =>
      asked.live
        ? api<{ cases: OldChannelCase[] }>(
            'GET',
            `/api/routing/rollout/${asked.province}/old-channel${asked.arrondissement ? `?arrondissement=${encodeURIComponent(asked.arrondissement)}` : ''}`,
            undefined,
            { signal },
          )
        : Promise.resolve({ cases: [] }),
    [asked.province, asked.arrondissement, asked.live],
  );
  const name = asked.arrondissement ?? t(`province.${asked.province}`);
  return (
    <form
      class="card rollout-confirm"
      data-testid="rollout-confirm"
      onSubmit={(e) => {
        e.preventDefault();
        props.onConfirm(asked.live ? { resendOldChannel: resend } : { reason });
      }}
    >
      <h2>{t(asked.live ? 'rollout.confirm.liveTitle' : 'rollout.confirm.offTitle', { name })}</h2>
      <ProblemAlert error={cases.error} />
      {asked.live && cases.loading && <Loading />}
      {asked.live && cases.data && (
        <>
          <p data-testid="rollout-open-cases">
            {t('rollout.confirm.openCases', { count: cases.data.cases.length })}
          </p>
          {cases.data.cases.length > 0 && (
            <>
              <ul>
                {cases.data.cases.map((c) => (
                  <li key={c.decisionId}>
                    <a href={`#/decisions/${c.decisionId}`}>{c.reference}</a> — {c.arrondissement}
                  </li>
                ))}
              </ul>
              <label>
                <input
                  id="rollout-resend"
                  type="checkbox"
                  checked={resend}
                  onChange={(e) => setResend((e.target as HTMLInputElement).checked)}
                />{' '}
                {t('rollout.confirm.resend')}
              </label>
              <p class="muted">{t(resend ? 'rollout.confirm.resent' : 'rollout.confirm.stay')}</p>
            </>
          )}
        </>
      )}
      {!asked.live && (
        <label for="rollout-reason">
          {t('rollout.reason')}
          <textarea
            id="rollout-reason"
            required
            value={reason}
            onInput={(e) => setReason((e.target as HTMLTextAreaElement).value)}
          />
        </label>
      )}
      <div class="actions">
        <button
          id="rollout-confirm"
          type="submit"
          class="primary"
          disabled={props.busy || (!asked.live && !reason.trim())}
        >
          {t(asked.live ? 'rollout.confirm.goLive' : 'rollout.confirm.rollback')}
        </button>
        <button type="button" onClick={props.onCancel}>
          {t('rollout.confirm.cancel')}
        </button>
      </div>
    </form>
  );
}
