import { useMemo, useState } from 'preact/hooks';
import { api } from '../../api/client';
import { problemsByField } from '../../api/problem';
import type { Decision } from '../../api/types';
import { asProblem } from '../../components/problem';
import { checkNrn } from '../../../../contract/index';
import { useI18n } from '../../i18n/i18n';
import { UploadConditions } from './upload-conditions';
import { UploadDocument } from './upload-document';
import { emptyPrisonUploadForm, emptyUploadForm, toDecisionInput, type UploadForm } from './upload-form';
import { UploadMeasure } from './upload-measure';
import { UploadPerson } from './upload-person';
import type { UploadSectionProps } from './upload-section';
import { UploadSubmit } from './upload-submit';

/**
 * The parquet clerk's upload of a release decision: the PDF and its structured data. With `prisonId`,
 * a prison officer's upload of a leave its director granted (the same form, measure and prison fixed).
 */
export function UploadPage({ navigate, prisonId }: { navigate(hash: string): void; prisonId?: string }) {
  const { t } = useI18n();
  const [form, setForm] = useState<UploadForm>(() =>
    prisonId ? emptyPrisonUploadForm(prisonId) : emptyUploadForm(),
  );
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [nrnTouched, setNrnTouched] = useState(false);
  const fieldErrors = useMemo(() => problemsByField(error ? asProblem(error) : undefined), [error]);
  const errs = (field: string) => fieldErrors.get(field);

  const set = <K extends keyof UploadForm>(key: K, value: UploadForm[K]) =>
    setForm((f) => ({ ...f, [key]: value }));
  const section: UploadSectionProps = { form, set, update: setForm, errs, prison: prisonId !== undefined };

  const nrn = checkNrn(form.nrn);

  async function submit(e: Event) {
    e.preventDefault();
    setNrnTouched(true);
    if (!nrn.ok) {
      document.getElementById('person-nrn')?.focus();
      return;
    }
    const body = new FormData();
    body.append('decision', JSON.stringify(toDecisionInput(form)));
    if (file) body.append('document', file, file.name);
    setBusy(true);
    setError(undefined);
    try {
      const decision = await api<Decision>('POST', '/api/decisions', body, {
        justification: t('justification.upload'),
      });
      navigate(`#/decisions/${encodeURIComponent(decision.id)}?uploaded=1`);
    } catch (err) {
      setError(err);
      const first = asProblem(err).errors?.[0]?.field;
      if (first) setTimeout(() => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section>
      <h1>{t(prisonId ? 'upload.prisonTitle' : 'upload.title')}</h1>
      <p class="muted">{t(prisonId ? 'upload.prisonIntro' : 'upload.intro')}</p>
      <form class="form" onSubmit={submit} noValidate={false}>
        <UploadDocument errs={errs} onFile={setFile} />
        <UploadMeasure {...section} />
        <UploadPerson {...section} nrn={nrn} nrnTouched={nrnTouched} onNrnBlur={() => setNrnTouched(true)} />
        <UploadConditions {...section} />
        <UploadSubmit error={error} busy={busy} />
      </form>
    </section>
  );
}
