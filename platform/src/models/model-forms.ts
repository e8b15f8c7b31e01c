/** A Camunda Form (form-js schema) sent with a model for its user tasks; its file is `<form id>.form`. */
export interface ModelForm {
  fileName: string;
  schema: Record<string, unknown>;
}

/**
 * How a model's forms reach the engine before the model itself, so its user tasks find them
 * (`tasks/task-forms.ts` checks and deploys them; wired at start, as models may not import tasks).
 */
export interface ModelFormsPort {
  /** Refuses (422) forms that are malformed or missing for the model, deploying nothing. */
  check(modelXml: string, forms: ModelForm[]): Promise<void>;
  /** Checks, then deploys the forms. */
  deployFor(modelXml: string, forms: ModelForm[], by: string): Promise<void>;
}
