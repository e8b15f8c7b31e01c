import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import type { Decision, Role } from '../../api/types';
import { ProblemAlert } from '../../components/problem';
import { useI18n } from '../../i18n/i18n';
import { AddressFields, emptyAddress, type Address } from './address-fields';

/**
 * The case's life (issue 15) on a decision: its parquet revises, revokes or records a move; the
 * prison it names announces the release. Each action posts to the API and reloads the decision.
 */
export function MeasureActions({
  decision,
  role,
  justification,
  onDone,
}: {
  decision: Decision;
  role: Role;
  justification: string;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [message, setMessage] = useState('');
  const [reason, setReason] = useState('');
  const [measureEnd, setMeasureEnd] = useState('');
  const [condition, setCondition] = useState('');
  const [move, setMove] = useState<Address>(emptyAddress);
  const [releasedAt, setReleasedAt] = useState('');
  const over = decision.status === 'ended' || decision.status === 'revoked';
  const clerk = role === 'parquet_clerk' || role === 'admin';
  const prison = role === 'prison_officer' && decision.status === 'awaiting_release';
  if (over || (!clerk && !prison)) return null;

  async function post(path: string, body: unknown, done: string) {
    setBusy(true);
    setError(undefined);
    setMessage('');
    try {
      await api('POST', `/api/decisions/${encodeURIComponent(decision.id)}/${path}`, body, { justification });
      setMessage(done);
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const revision = () => ({
    ...(measureEnd ? { measureEnd } : {}),
    ...(condition
      ? {
          conditions: {
            ...decision.input.conditions,
            particular: [
              ...decision.input.conditions.particular,
              { type: 'obligation', category: 'other', text: condition },
            ],
          },
        }
      : {}),
    ...(reason ? { reason } : {}),
  });

  return (
    <section class="measure-actions" data-testid="measure-actions">
      <h2>{t('lifecycle.title')}</h2>
      {message && (
        <div class="alert alert-ok" role="status">
          {message}
        </div>
      )}
      <ProblemAlert error={error} />
      {prison && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void post(
              'release',
              { releasedAt: new Date(releasedAt).toISOString() },
              t('lifecycle.releaseDone'),
            );
          }}
        >
          <h3>{t('lifecycle.release')}</h3>
          <label for="released-at">{t('lifecycle.releasedAt')}</label>
          <input
            id="released-at"
            type="datetime-local"
            required
            value={releasedAt}
            onInput={(e) => setReleasedAt((e.target as HTMLInputElement).value)}
          />
          <button type="submit" class="primary" disabled={busy || !releasedAt}>
            {t('lifecycle.releaseSubmit')}
          </button>
        </form>
      )}
      {clerk && (
        <>
          <details>
            <summary>{t('lifecycle.revise')}</summary>
            <form
              onSubmit={(e) => {
                e.preventDefault();
                void post('revision', revision(), t('lifecycle.reviseDone'));
              }}
            >
              <label for="revise-end">{t('lifecycle.measureEnd')}</label>
              <input
                id="revise-end"
                type="date"
                value={measureEnd}
                onInput={(e) => setMeasureEnd((e.target as HTMLInputElement).value)}
              />
              <label for="revise-condition">{t('lifecycle.newCondition')}</label>
              <textarea
                id="revise-condition"
                value={condition}
                onInput={(e) => setCondition((e.target as HTMLTextAreaElement).value)}
              />
              <label for="revise-reason">{t('lifecycle.reason')}</label>
              <input
                id="revise-reason"
                value={reason}
                onInput={(e) => setReason((e.target as HTMLInputElement).value)}
              />
              <button type="submit" class="primary" disabled={busy || (!measureEnd && !condition)}>
                {t('lifecycle.reviseSubmit')}
              </button>
            </form>
          </details>
          <details>
            <summary>{t('lifecycle.move')}</summary>
            <form
              onSubmit={(e) => {
                e.preventDefault();
                void post('moves', { domicile: moveBody(move) }, t('lifecycle.moveDone'));
              }}
            >
              <AddressFields idPrefix="move" value={move} onChange={setMove} />
              <button type="submit" class="primary" disabled={busy}>
                {t('lifecycle.moveSubmit')}
              </button>
            </form>
          </details>
          <details>
            <summary>{t('lifecycle.revoke')}</summary>
            <form
              onSubmit={(e) => {
                e.preventDefault();
                void post('revocation', { reason }, t('lifecycle.revokeDone'));
              }}
            >
              <label for="revoke-reason">{t('lifecycle.reason')}</label>
              <input
                id="revoke-reason"
                required
                value={reason}
                onInput={(e) => setReason((e.target as HTMLInputElement).value)}
              />
              <button type="submit" class="danger" disabled={busy || !reason.trim()}>
                {t('lifecycle.revokeSubmit')}
              </button>
            </form>
          </details>
        </>
      )}
    </section>
  );
}

/** The MoveInput's domicile: the NIS code only when given. */
export function moveBody(a: Address) {
  return {
    street: a.street,
    number: a.number,
    postalCode: a.postalCode,
    ...(a.municipalityNis ? { municipalityNis: a.municipalityNis } : {}),
  };
}
