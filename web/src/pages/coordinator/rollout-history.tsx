import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { Loading, ProblemAlert } from '../../components/problem';
import { useAsync } from '../../hooks/use-async';
import { useI18n } from '../../i18n/i18n';
import type { RolloutSwitch } from '../../api/types';

/** The province's rollout history: who switched what, when and why; a planned switch can be cancelled. */
export function RolloutHistory(props: {
  province: string;
  mayEdit: boolean;
  changes: number;
  onChanged(): void;
}) {
  const { t } = useI18n();
  const [error, setError] = useState<unknown>();
  const h = useAsync(
    (signal) =>
      api<{ switches: RolloutSwitch[] }>('GET', `/api/routing/rollout/${props.province}/history`, undefined, {
        signal,
      }),
    [props.province, props.changes],
  );
  async function cancel(id: string) {
    setError(undefined);
    try {
      await api('DELETE', `/api/routing/rollout/schedule/${id}`);
      props.onChanged();
    } catch (e) {
      setError(e);
    }
  }
  const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '');
  return (
    <div class="rollout-history" data-testid="rollout-history">
      <h3>{t('rollout.history.title')}</h3>
      <ProblemAlert error={h.error ?? error} />
      {h.loading && !h.data && <Loading />}
      {h.data && h.data.switches.length === 0 && <p class="muted">{t('rollout.history.empty')}</p>}
      {h.data && h.data.switches.length > 0 && (
        <table class="table">
          <thead>
            <tr>
              <th scope="col">{t('rollout.history.when')}</th>
              <th scope="col">{t('rollout.history.who')}</th>
              <th scope="col">{t('rollout.history.what')}</th>
              <th scope="col">{t('rollout.history.status')}</th>
              <th scope="col">{t('rollout.history.why')}</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {h.data.switches.map((s) => (
              <tr key={s.id} data-testid={`switch-${s.id}`} data-status={s.status} data-kind={s.kind}>
                <td>{when(s.requestedAt)}</td>
                <td>{s.requestedBy}</td>
                <td>
                  {t(`rollout.history.kind.${s.kind}`)}: {s.arrondissement ?? t(`province.${s.province}`)} →{' '}
                  {t(s.live ? 'rollout.state.live' : 'rollout.state.old_channel')}
                  {s.dueAt && <> ({t('rollout.history.due', { at: when(s.dueAt) })})</>}
                </td>
                <td>
                  {t(`rollout.history.status.${s.status}`)}
                  {s.doneAt && s.status !== 'scheduled' && <> — {when(s.doneAt)}</>}
                  {s.detail && <div class="muted">{s.detail}</div>}
                </td>
                <td>{s.reason}</td>
                <td>
                  {props.mayEdit && s.status === 'scheduled' && (
                    <button type="button" data-testid={`cancel-${s.id}`} onClick={() => cancel(s.id)}>
                      {t('rollout.history.cancel')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
