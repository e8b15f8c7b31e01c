import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api/problem';
import type { Role } from '../api/types';
import { useI18n } from '../i18n/i18n';

/**
 * Roles whose reads of a case can be oversight rather than their own work (an admin, a coordinator
 * outside the coordination's own inbox): the API asks them for a reason (400 justification_required)
 * and the page asks the user, instead of sending a canned one.
 */
export function mayOversee(role: Role): boolean {
  return role === 'admin' || role === 'coordinator';
}

/** Whether a failed read is the API asking for a justification. */
export function asksForJustification(error: unknown): boolean {
  return error instanceof ApiError && error.problem.code === 'justification_required';
}

/**
 * The modal that asks why a case outside the user's own inbox is opened. The reason goes with every
 * read of the case (X-Justification) and is kept in the audit log; "back" leaves the case unopened.
 */
export function JustificationDialog({
  caseId,
  onGiven,
  onBack,
}: {
  caseId: string;
  onGiven: (reason: string) => void;
  onBack: () => void;
}) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal?.();
  }, []);
  const given = reason.trim();
  return (
    <dialog
      ref={ref}
      class="justification"
      aria-labelledby="justification-title"
      data-testid="justification-dialog"
      onCancel={(e) => {
        e.preventDefault();
        onBack();
      }}
    >
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          if (given) onGiven(given);
        }}
      >
        <h2 id="justification-title">{t('justificationDialog.title')}</h2>
        <p>{t('justificationDialog.why', { id: caseId })}</p>
        <label for="justification-reason">{t('justificationDialog.reason')}</label>
        <textarea
          id="justification-reason"
          required
          maxLength={500}
          rows={3}
          value={reason}
          onInput={(e) => setReason((e.target as HTMLTextAreaElement).value)}
        />
        <p class="muted">{t('justificationDialog.audited')}</p>
        <div class="actions">
          <button type="submit" class="primary" disabled={!given}>
            {t('justificationDialog.open')}
          </button>{' '}
          <button type="button" onClick={onBack}>
            {t('justificationDialog.back')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
