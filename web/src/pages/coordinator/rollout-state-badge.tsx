import { useI18n } from '../../i18n/i18n';
import type { RegionCount } from '../../api/types';

/** A region's state as routing applies it today: colour and words, with the municipality counts. */
export function StateBadge({ count, testId }: { count: RegionCount; testId: string }) {
  const { t } = useI18n();
  return (
    <span class="rollout-state" data-testid={testId} data-state={count.state}>
      <span class={`badge badge-state-${count.state}`}>{t(`rollout.state.${count.state}`)}</span>{' '}
      <span class="muted">
        {t('rollout.counts', { live: count.liveMunicipalities, old: count.oldChannelMunicipalities })}
      </span>
    </span>
  );
}
