import type { Conditions } from '../api/types';
import { useI18n } from '../i18n/i18n';

/** The conditions of a decision: the general ones, then each particular obligation or prohibition. */
export function ConditionsView({ conditions }: { conditions: Conditions | undefined }) {
  const { t } = useI18n();
  if (!conditions) return null;
  return (
    <div class="conditions">
      <h3>{t('conditions.general')}</h3>
      <ul>
        {conditions.general.map((c) => (
          <li key={c}>{t(`condition.${c}`)}</li>
        ))}
      </ul>
      <h3>{t('conditions.particular')}</h3>
      {conditions.particular.length === 0 ? (
        <p class="muted">{t('conditions.noneParticular')}</p>
      ) : (
        <ul class="particular">
          {conditions.particular.map((p, i) => (
            <li key={i}>
              <strong>
                {t(`conditionType.${p.type}`)} · {t(`conditionCategory.${p.category}`)}
              </strong>
              {p.text && <span> — {p.text}</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
