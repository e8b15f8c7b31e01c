import type { Routing } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { AgencyName } from './agency-name';

/** A routing answer: where the case goes, whether the region is live, and what needs a human. */
export function RoutingView({ routing }: { routing: Routing }) {
  const { t } = useI18n();
  return (
    <div class="routing-result" data-testid="routing-result">
      <dl class="facts">
        <dt>{t('routing.province')}</dt>
        <dd>{t(`province.${routing.province}`)}</dd>
        <dt>{t('routing.arrondissement')}</dt>
        <dd>{routing.judicialArrondissement}</dd>
        <dt>{t('routing.parquet')}</dt>
        <dd>
          <AgencyName id={routing.parquetId} />
        </dd>
        <dt>{t('routing.live')}</dt>
        <dd>{routing.live ? t('routing.liveYes') : t('routing.liveNo')}</dd>
      </dl>
      <h3>{t('routing.recipients')}</h3>
      {routing.recipients.length === 0 ? (
        <p class="muted">{t('routing.noRecipients')}</p>
      ) : (
        <ul>
          {routing.recipients.map((r) => (
            <li key={r.kind + r.agencyId} data-agency={r.agencyId}>
              {t(`mandateKind.${r.kind}`)}: <AgencyName id={r.agencyId} />{' '}
              <span class="muted">({r.agencyId})</span>
            </li>
          ))}
        </ul>
      )}
      {routing.manualAssignment && routing.manualAssignment.length > 0 && (
        <p class="warning">
          {t('routing.manual', {
            kinds: routing.manualAssignment.map((k) => t(`mandateKind.${k}`)).join(', '),
          })}
        </p>
      )}
      {routing.notes && routing.notes.length > 0 && (
        <ul class="notes">
          {routing.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
