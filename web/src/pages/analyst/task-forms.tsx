import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../api/client';
import { ApiError } from '../../api/problem';
import { ProblemAlert } from '../../components/problem';
import type { EditedForm } from '../../forms/form-editor';
import { blankForm } from '../../forms/linked-forms';
import { useI18n } from '../../i18n/i18n';

/** The forms edited in this session, by form id; sent with the model when it is deployed. */
export type EditedForms = Record<string, Record<string, unknown>>;

/**
 * The forms of the model's user tasks: one entry per form id the diagram links (set in the
 * properties panel, "Form": linked Camunda Form), each editable in form-js's editor, starting from
 * the deployed version or a blank form.
 */
export function TaskFormsSection({
  linked,
  forms,
  onChange,
}: {
  linked: string[];
  forms: EditedForms;
  onChange(forms: EditedForms): void;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState<string>();
  const [error, setError] = useState<unknown>();
  const container = useRef<HTMLDivElement>(null);
  const editor = useRef<EditedForm>();
  const latest = useRef(forms);
  latest.current = forms;

  useEffect(() => {
    if (!open || !container.current) return;
    let live = true;
    (async () => {
      const start =
        latest.current[open] ??
        (await api<{ schema: Record<string, unknown> }>('GET', `/api/forms/${encodeURIComponent(open)}`).then(
          (r) => r.schema,
          (e: unknown) => {
            if (e instanceof ApiError && e.problem.status === 404) return blankForm(open);
            throw e;
          },
        ));
      const { createFormEditor } = await import('../../forms/form-editor');
      if (!live || !container.current) return;
      editor.current?.destroy();
      const ed = await createFormEditor(container.current, start);
      editor.current = ed;
      onChange({ ...latest.current, [open]: ed.schema() });
      ed.onChange(() => onChange({ ...latest.current, [open]: ed.schema() }));
    })().catch((e: unknown) => live && setError(e));
    return () => {
      live = false;
      editor.current?.destroy();
      editor.current = undefined;
    };
  }, [open]);

  return (
    <section class="task-forms" aria-labelledby="forms-title">
      <h2 id="forms-title">{t('modeler.forms')}</h2>
      {linked.length === 0 ? (
        <p class="muted">{t('modeler.formsNone')}</p>
      ) : (
        <ul data-testid="linked-forms">
          {linked.map((id) => (
            <li key={id}>
              <code>{id}</code>{' '}
              <button type="button" onClick={() => setOpen(open === id ? undefined : id)}>
                {open === id ? t('modeler.formClose') : t('modeler.formEdit')}
              </button>{' '}
              {forms[id] && <span class="muted">{t('modeler.formSent')}</span>}
            </li>
          ))}
        </ul>
      )}
      <ProblemAlert error={error} />
      {open && <div ref={container} class="form-editor" data-testid="form-editor" />}
    </section>
  );
}
