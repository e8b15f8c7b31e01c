import type { FieldProblem } from '../../api/problem';
import type { UploadForm } from './upload-form';

/** What every section of the upload form receives from the page: the form, its setters, the errors. */
export interface UploadSectionProps {
  form: UploadForm;
  set<K extends keyof UploadForm>(key: K, value: UploadForm[K]): void;
  update(fn: (f: UploadForm) => UploadForm): void;
  errs(field: string): FieldProblem[] | undefined;
  /** A prison officer's upload: measure, authority and prison are the prison's own, not chosen. */
  prison?: boolean;
}

/** An input handler that copies the element's value into one field of the form. */
export function inputTo(set: UploadSectionProps['set'], key: keyof UploadForm) {
  return (e: Event) => set(key, (e.target as HTMLInputElement).value as never);
}
