import { useI18n } from '../i18n/i18n';

/** A status in words and colour (colour is never the only signal). */
export function StatusBadge({ prefix, value }: { prefix: string; value: string }) {
  const { t } = useI18n();
  return <span class={`badge badge-${value}`}>{t(`${prefix}.${value}`)}</span>;
}

/** The overdue mark of a mandate. */
export function OverdueBadge() {
  const { t } = useI18n();
  return <span class="badge badge-overdue">⚠ {t('mandate.overdue')}</span>;
}
