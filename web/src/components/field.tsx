import type { ComponentChildren } from 'preact';
import type { FieldProblem } from '../api/problem';
import { useI18n } from '../i18n/i18n';
import { fieldProblemText } from './problem';

/** The attributes a control needs so its label, hint and errors are announced with it. */
export function describedBy(id: string, errors: FieldProblem[] | undefined, hint?: boolean) {
  const ids = [hint ? `${id}-hint` : '', errors?.length ? `${id}-error` : ''].filter(Boolean).join(' ');
  return {
    id,
    'aria-describedby': ids || undefined,
    'aria-invalid': errors?.length ? ('true' as const) : undefined,
  };
}

interface FieldProps {
  id: string;
  label: string;
  errors?: FieldProblem[];
  /** Errors found in the browser (translated already), shown like the API's. */
  localError?: string;
  hint?: ComponentChildren;
  required?: boolean;
  children: ComponentChildren;
}

/** A labelled form field with its hint and its errors right under it. */
export function Field({ id, label, errors, localError, hint, required, children }: FieldProps) {
  const i18n = useI18n();
  const texts = [
    ...(localError ? [localError] : []),
    ...(errors ?? []).map((e) => fieldProblemText(i18n, e)),
  ];
  return (
    <div class={`field${texts.length ? ' field-invalid' : ''}`}>
      <label for={id}>
        {label}
        {required && (
          <span class="required" aria-hidden="true">
            {' '}
            *
          </span>
        )}
      </label>
      {children}
      {hint && (
        <div class="hint" id={`${id}-hint`}>
          {hint}
        </div>
      )}
      {texts.length > 0 && (
        <div class="field-error" id={`${id}-error`} role="alert">
          {[...new Set(texts)].map((text) => (
            <div key={text}>{text}</div>
          ))}
        </div>
      )}
    </div>
  );
}
