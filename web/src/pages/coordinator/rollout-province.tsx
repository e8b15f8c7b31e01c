import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { Loading, ProblemAlert } from '../../components/problem';
import { useAsync } from '../../hooks/use-async';
import { useI18n } from '../../i18n/i18n';
import { RolloutHistory } from './rollout-history';
import { RolloutPicture } from './rollout-picture';
import { RolloutPlan } from './rollout-plan';
import { RolloutReadiness } from './rollout-readiness';
import type { RolloutProvince as ProvinceRollout } from '../../api/types';

/** One province in the cockpit: its picture, readiness, plans (go-live, rollback) and history. */
export function RolloutProvince(props: {
  province: string;
  mayEdit: boolean;
  changes: number;
  onChanged(): void;
}) {
  const { t } = useI18n();
  const [own, setOwn] = useState(0);
  const view = useAsync(
    (signal) => api<ProvinceRollout>('GET', `/api/routing/rollout/${props.province}`, undefined, { signal }),
    [props.province, props.changes, own],
  );
  const changed = () => {
    setOwn((n) => n + 1);
    props.onChanged();
  };
  return (
    <section class="rollout-province" data-testid="rollout-province" aria-labelledby="rollout-province-title">
      <h2 id="rollout-province-title">{t(`province.${props.province}`)}</h2>
      <ProblemAlert error={view.error} />
      {view.loading && !view.data && <Loading />}
      {view.data && <RolloutPicture view={view.data} />}
      {props.mayEdit && view.data && (
        <>
          <RolloutReadiness province={props.province} changes={props.changes + own} />
          <RolloutPlan view={view.data} onChanged={changed} />
        </>
      )}
      <RolloutHistory
        province={props.province}
        mayEdit={props.mayEdit}
        changes={props.changes + own}
        onChanged={changed}
      />
    </section>
  );
}
