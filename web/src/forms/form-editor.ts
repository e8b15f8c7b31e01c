import '@bpmn-io/form-js/dist/assets/form-js.css';
import '@bpmn-io/form-js/dist/assets/form-js-editor.css';
import { FormEditor } from '@bpmn-io/form-js';

/** form-js's editor on a Camunda Form; loaded only by the modeler (a chunk of its own). */
export interface EditedForm {
  schema(): Record<string, unknown>;
  onChange(cb: () => void): void;
  destroy(): void;
}

/** Opens the form editor on a schema (the form's id is kept: the model links it by that id). */
export async function createFormEditor(
  container: HTMLElement,
  schema: Record<string, unknown>,
): Promise<EditedForm> {
  const editor = new FormEditor({ container });
  await editor.importSchema(schema as never);
  return {
    schema: () => ({ ...(editor.saveSchema() as Record<string, unknown>), id: schema.id }),
    onChange: (cb) => editor.on('changed', cb),
    destroy: () => editor.destroy(),
  };
}
