import { ApiError, normaliseField, type FieldProblem, type Problem } from '../api/problem';
import { useI18n, type I18n } from '../i18n/i18n';

/** The problem of any thrown value: API problems as they are, anything else as an unexpected error. */
export function asProblem(error: unknown): Problem {
  if (error instanceof ApiError) return error.problem;
  return { status: 0, code: 'unexpected', detail: error instanceof Error ? error.message : String(error) };
}

/**
 * A problem code in the user's language. Codes the catalogue does not know yet show a generic
 * translated sentence with the server's own (English) explanation after it.
 */
export function codeText(i18n: I18n, code: string | undefined, serverText?: string): string {
  if (code && i18n.has(`errors.${code}`)) return i18n.t(`errors.${code}`);
  return serverText ? `${i18n.t('errors.unknown')} (${serverText})` : i18n.t('errors.unknown');
}

/** The text of one field's problem. */
export function fieldProblemText(i18n: I18n, p: FieldProblem): string {
  return codeText(i18n, p.code, p.message);
}

/**
 * A problem in the page (role=alert), translated by its code, with the field problems that no field
 * of the form shows listed under it (`shownField` says which fields the form shows itself).
 */
export function ProblemAlert({
  error,
  shownField,
}: {
  error: unknown;
  shownField?: (field: string) => boolean;
}) {
  const i18n = useI18n();
  if (!error) return null;
  const problem = asProblem(error);
  const main =
    problem.code && i18n.has(`errors.${problem.code}`)
      ? i18n.t(`errors.${problem.code}`)
      : codeText(i18n, problem.code, problem.detail ?? problem.title);
  const unshown = (problem.errors ?? []).filter((e) => !shownField?.(normaliseField(e.field)));
  // The translated text says what is wrong; the server's own words (English) add the specifics,
  // such as which saved test case failed or why the engine refused a model.
  const specifics =
    problem.detail && problem.detail !== main && i18n.has(`errors.${problem.code}`) ? problem.detail : '';
  return (
    <div class="alert alert-error" role="alert">
      <p>{main}</p>
      {specifics && (problem.status === 422 || problem.status >= 500) && (
        <p class="small" lang="en">
          {specifics}
        </p>
      )}
      {unshown.length > 0 && (
        <ul>
          {unshown.map((e, i) => (
            <li key={i}>
              {e.field ? <code>{e.field}</code> : null} {fieldProblemText(i18n, e)}
              {e.message && i18n.has(`errors.${e.code}`) && (
                <span class="muted small" lang="en">
                  {' '}
                  — {e.message}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Loading indicator announced to screen readers. */
export function Loading() {
  const { t } = useI18n();
  return (
    <p class="muted" role="status" aria-live="polite">
      {t('common.loading')}
    </p>
  );
}
