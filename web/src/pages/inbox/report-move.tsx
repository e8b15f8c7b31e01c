import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { ProblemAlert } from '../../components/problem';
import { useI18n } from '../../i18n/i18n';
import { AddressFields, emptyAddress, type Address } from '../clerk/address-fields';
import { moveBody } from '../clerk/measure-actions';

/** A police zone that found the person moved reports the new domicile (POST /api/decisions/{id}/moves). */
export function ReportMove({ decisionId, justification }: { decisionId: string; justification: string }) {
  const { t } = useI18n();
  const [move, setMove] = useState<Address>(emptyAddress);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState(false);
  return (
    <details data-testid="report-move">
      <summary>{t('lifecycle.reportMove')}</summary>
      {done && (
        <div class="alert alert-ok" role="status">
          {t('lifecycle.moveDone')}
        </div>
      )}
      <ProblemAlert error={error} />
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          setError(undefined);
          try {
            await api(
              'POST',
              `/api/decisions/${encodeURIComponent(decisionId)}/moves`,
              { domicile: moveBody(move) },
              {
                justification,
              },
            );
            setDone(true);
          } catch (err) {
            setError(err);
          } finally {
            setBusy(false);
          }
        }}
      >
        <AddressFields idPrefix="report-move" value={move} onChange={setMove} />
        <button type="submit" class="primary" disabled={busy}>
          {t('lifecycle.moveSubmit')}
        </button>
      </form>
    </details>
  );
}
