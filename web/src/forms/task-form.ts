import '@bpmn-io/form-js/dist/assets/form-js.css';
import { Form } from '@bpmn-io/form-js';

/** A Camunda Form rendered by form-js's viewer. */
export interface RenderedForm {
  /** Validates and returns the values of the form's fields, or the errors by field. */
  submit(): { data: Record<string, unknown>; errors: Record<string, unknown> };
  setReadOnly(readOnly: boolean): void;
  destroy(): void;
}

/**
 * Renders a user task's form (form-js schema) with the case's variables as its data; loaded only by
 * the task page (a chunk of its own).
 */
export async function renderTaskForm(
  container: HTMLElement,
  schema: unknown,
  data: Record<string, unknown>,
): Promise<RenderedForm> {
  const form = new Form({ container });
  await form.importSchema(schema as never, data);
  return {
    submit: () => form.submit() as { data: Record<string, unknown>; errors: Record<string, unknown> },
    setReadOnly: (readOnly) => form.setProperty('readOnly', readOnly),
    destroy: () => form.destroy(),
  };
}
