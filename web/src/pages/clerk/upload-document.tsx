import type { FieldProblem } from '../../api/problem';
import { describedBy, Field } from '../../components/field';
import { useI18n } from '../../i18n/i18n';

/** The upload form's document section: the decision's PDF. */
export function UploadDocument({
  errs,
  onFile,
}: {
  errs(field: string): FieldProblem[] | undefined;
  onFile(file: File | null): void;
}) {
  const { t } = useI18n();
  return (
    <fieldset>
      <legend>{t('upload.document')}</legend>
      <Field
        id="document"
        label={t('upload.pdf')}
        errors={errs('document')}
        required
        hint={t('upload.pdfHint')}
      >
        <input
          {...describedBy('document', errs('document'), true)}
          type="file"
          accept="application/pdf,.pdf"
          required
          onChange={(e) => onFile((e.target as HTMLInputElement).files?.[0] ?? null)}
        />
      </Field>
    </fieldset>
  );
}
