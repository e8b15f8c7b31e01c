import { useMemo, useState } from 'preact/hooks';
import { api } from '../../api/client';
import { problemsByField } from '../../api/problem';
import {
  AUTHORITIES,
  GENERAL_CONDITIONS,
  MEASURES,
  PARTICULAR_CATEGORIES,
  PARTICULAR_TYPES,
  type Decision,
  type Municipality,
} from '../../api/types';
import { useAgencyMap } from '../../components/agency-name';
import { describedBy, Field } from '../../components/field';
import { MunicipalityInput } from '../../components/municipality-input';
import { asProblem, ProblemAlert } from '../../components/problem';
import { checkNrn } from '../../../../contract/index';
import { useI18n } from '../../i18n/i18n';
import { emptyUploadForm, toDecisionInput, type UploadForm } from './upload-form';

const SHOWN_FIELDS = new Set([
  'document',
  'reference',
  'decisionDate',
  'authority',
  'court',
  'measure',
  'prisonId',
  'language',
  'electronicMonitoring',
  'person.nrn',
  'person.birthDate',
  'person.lastName',
  'person.firstNames',
  'person.domicile.municipalityNis',
  'person.domicile.postalCode',
  'person.domicile.street',
  'person.domicile.number',
  'person.domicile.box',
  'conditions.general',
]);

/** True for the fields the form shows their errors next to. */
function isShownField(field: string): boolean {
  return SHOWN_FIELDS.has(field) || /^conditions\.particular\.\d+\.(type|category|text)$/.test(field);
}

/** The parquet clerk's upload of a release decision: the PDF and its structured data. */
export function UploadPage({ navigate }: { navigate(hash: string): void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [form, setForm] = useState<UploadForm>(emptyUploadForm);
  const [municipality, setMunicipality] = useState<Municipality | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [nrnTouched, setNrnTouched] = useState(false);
  const [birthDateFromNrn, setBirthDateFromNrn] = useState(false);
  const agencies = useAgencyMap();
  const prisons = [...agencies.values()].filter((a) => a.kind === 'prison');
  const fieldErrors = useMemo(() => problemsByField(error ? asProblem(error) : undefined), [error]);
  const errs = (field: string) => fieldErrors.get(field);

  const set = <K extends keyof UploadForm>(key: K, value: UploadForm[K]) =>
    setForm((f) => ({ ...f, [key]: value }));
  const input = (key: keyof UploadForm) => (e: Event) =>
    set(key, (e.target as HTMLInputElement).value as never);

  const nrn = checkNrn(form.nrn);
  const nrnDigits = form.nrn.replace(/[\s.-]/g, '').length;
  const nrnError =
    !nrn.ok && (nrnTouched || nrnDigits >= 11) && form.nrn.trim() ? t(`errors.${nrn.code}`) : undefined;

  function onNrn(e: Event) {
    const value = (e.target as HTMLInputElement).value;
    const r = checkNrn(value);
    setForm((f) => {
      const next = { ...f, nrn: value };
      if (r.ok && r.birthDate && (!f.birthDate || birthDateFromNrn)) {
        next.birthDate = r.birthDate;
        setBirthDateFromNrn(true);
      }
      return next;
    });
  }

  function onMeasure(e: Event) {
    const measure = (e.target as HTMLSelectElement).value;
    setForm((f) => ({
      ...f,
      measure,
      electronicMonitoring: measure === 'electronic_monitoring' || f.electronicMonitoring,
    }));
  }

  function onMunicipality(m: Municipality | null, postalCode?: string) {
    setMunicipality(m);
    setForm((f) => ({
      ...f,
      municipalityNis: m?.nis ?? '',
      postalCode: m
        ? (postalCode ?? (m.postalCodes.includes(f.postalCode) ? f.postalCode : (m.postalCodes[0] ?? '')))
        : '',
    }));
  }

  function setParticular(i: number, patch: Partial<UploadForm['particular'][number]>) {
    setForm((f) => ({ ...f, particular: f.particular.map((p, j) => (j === i ? { ...p, ...patch } : p)) }));
  }

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
      <h1>{t('upload.title')}</h1>
      <p class="muted">{t('upload.intro')}</p>
      <form class="form" onSubmit={submit} noValidate={false}>
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
              onChange={(e) => setFile((e.target as HTMLInputElement).files?.[0] ?? null)}
            />
          </Field>
        </fieldset>

        <fieldset>
          <legend>{t('upload.decision')}</legend>
          <div class="grid2">
            <Field id="reference" label={t('decision.reference')} errors={errs('reference')} required>
              <input
                {...describedBy('reference', errs('reference'))}
                required
                value={form.reference}
                onInput={input('reference')}
              />
            </Field>
            <Field
              id="decisionDate"
              label={t('decision.decisionDate')}
              errors={errs('decisionDate')}
              required
            >
              <input
                {...describedBy('decisionDate', errs('decisionDate'))}
                type="date"
                required
                value={form.decisionDate}
                onInput={input('decisionDate')}
              />
            </Field>
            <Field id="authority" label={t('decision.authority')} errors={errs('authority')} required>
              <select
                {...describedBy('authority', errs('authority'))}
                value={form.authority}
                onChange={input('authority')}
              >
                {AUTHORITIES.map((a) => (
                  <option key={a} value={a}>
                    {t(`authority.${a}`)}
                  </option>
                ))}
              </select>
            </Field>
            <Field id="court" label={t('decision.court')} errors={errs('court')} required>
              <input
                {...describedBy('court', errs('court'))}
                required
                value={form.court}
                onInput={input('court')}
              />
            </Field>
            <Field id="measure" label={t('decision.measure')} errors={errs('measure')} required>
              <select {...describedBy('measure', errs('measure'))} value={form.measure} onChange={onMeasure}>
                {MEASURES.map((m) => (
                  <option key={m} value={m}>
                    {t(`measure.${m}`)}
                  </option>
                ))}
              </select>
            </Field>
            <Field id="prisonId" label={t('decision.prison')} errors={errs('prisonId')}>
              <select
                {...describedBy('prisonId', errs('prisonId'))}
                value={form.prisonId}
                onChange={input('prisonId')}
              >
                <option value="">{t('common.none')}</option>
                {prisons.map((p) => (
                  <option key={p.id} value={p.id}>
                    {i18n.name(p.name) || p.id}
                  </option>
                ))}
              </select>
            </Field>
            <Field
              id="language"
              label={t('decision.language')}
              errors={errs('language')}
              hint={t('decision.languageHint')}
            >
              <select
                {...describedBy('language', errs('language'), true)}
                value={form.language}
                onChange={input('language')}
              >
                <option value="">{t('decision.languageAuto')}</option>
                {(['fr', 'nl', 'de'] as const).map((l) => (
                  <option key={l} value={l}>
                    {t(`languageName.${l}`)}
                  </option>
                ))}
              </select>
            </Field>
            <div class="field checkbox">
              <input
                id="electronicMonitoring"
                type="checkbox"
                checked={form.electronicMonitoring}
                onChange={(e) => set('electronicMonitoring', (e.target as HTMLInputElement).checked)}
                aria-describedby={errs('electronicMonitoring') ? 'electronicMonitoring-error' : undefined}
              />
              <label for="electronicMonitoring">{t('decision.electronicMonitoring')}</label>
              {errs('electronicMonitoring') && (
                <div class="field-error" id="electronicMonitoring-error" role="alert">
                  {t('errors.electronic_monitoring_inconsistent')}
                </div>
              )}
            </div>
          </div>
        </fieldset>

        <fieldset>
          <legend>{t('upload.person')}</legend>
          <div class="grid2">
            <Field
              id="person-nrn"
              label={t('person.nrn')}
              errors={errs('person.nrn')}
              localError={nrnError}
              required
              hint={
                nrn.ok ? (
                  <span class="ok" data-testid="nrn-ok">
                    ✓ {nrn.formatted}
                    {nrn.birthDate ? ` · ${t('person.bornOn', { date: i18n.date(nrn.birthDate) })}` : ''}
                    {nrn.kind === 'bis' ? ` · ${t('person.bis')}` : ''}
                    {nrn.sex ? ` · ${t(`person.sex.${nrn.sex}`)}` : ''}
                  </span>
                ) : (
                  t('person.nrnHint')
                )
              }
            >
              <input
                {...describedBy(
                  'person-nrn',
                  errs('person.nrn') ?? (nrnError ? [{ field: '', code: '' }] : undefined),
                  true,
                )}
                required
                inputMode="numeric"
                autocomplete="off"
                value={form.nrn}
                onInput={onNrn}
                onBlur={() => setNrnTouched(true)}
              />
            </Field>
            <Field id="person-birthDate" label={t('person.birthDate')} errors={errs('person.birthDate')}>
              <input
                {...describedBy('person-birthDate', errs('person.birthDate'))}
                type="date"
                value={form.birthDate}
                onInput={(e) => {
                  setBirthDateFromNrn(false);
                  set('birthDate', (e.target as HTMLInputElement).value);
                }}
              />
            </Field>
            <Field
              id="person-lastName"
              label={t('person.lastName')}
              errors={errs('person.lastName')}
              required
            >
              <input
                {...describedBy('person-lastName', errs('person.lastName'))}
                required
                autocomplete="off"
                value={form.lastName}
                onInput={input('lastName')}
              />
            </Field>
            <Field
              id="person-firstNames"
              label={t('person.firstNames')}
              errors={errs('person.firstNames')}
              required
            >
              <input
                {...describedBy('person-firstNames', errs('person.firstNames'))}
                required
                autocomplete="off"
                value={form.firstNames}
                onInput={input('firstNames')}
              />
            </Field>
          </div>
          <h3>{t('person.domicile')}</h3>
          <div class="grid2">
            <MunicipalityInput
              id="domicile-municipality"
              label={t('domicile.municipality')}
              value={municipality}
              onSelect={onMunicipality}
              errors={errs('person.domicile.municipalityNis')}
              required
            />
            <Field
              id="domicile-postalCode"
              label={t('domicile.postalCode')}
              errors={errs('person.domicile.postalCode')}
              required
            >
              {municipality && municipality.postalCodes.length > 1 ? (
                <select
                  {...describedBy('domicile-postalCode', errs('person.domicile.postalCode'))}
                  value={form.postalCode}
                  onChange={input('postalCode')}
                >
                  {municipality.postalCodes.map((c) => (
                    <option key={c} value={c}>
                      {c}
                    </option>
                  ))}
                </select>
              ) : (
                <input
                  {...describedBy('domicile-postalCode', errs('person.domicile.postalCode'))}
                  inputMode="numeric"
                  required
                  value={form.postalCode}
                  onInput={input('postalCode')}
                />
              )}
            </Field>
            <Field
              id="domicile-street"
              label={t('domicile.street')}
              errors={errs('person.domicile.street')}
              required
            >
              <input
                {...describedBy('domicile-street', errs('person.domicile.street'))}
                required
                value={form.street}
                onInput={input('street')}
              />
            </Field>
            <div class="grid2 tight">
              <Field
                id="domicile-number"
                label={t('domicile.number')}
                errors={errs('person.domicile.number')}
                required
              >
                <input
                  {...describedBy('domicile-number', errs('person.domicile.number'))}
                  required
                  value={form.number}
                  onInput={input('number')}
                />
              </Field>
              <Field id="domicile-box" label={t('domicile.box')} errors={errs('person.domicile.box')}>
                <input
                  {...describedBy('domicile-box', errs('person.domicile.box'))}
                  value={form.box}
                  onInput={input('box')}
                />
              </Field>
            </div>
          </div>
        </fieldset>

        <fieldset>
          <legend>{t('upload.conditions')}</legend>
          <fieldset class="inner" aria-describedby={errs('conditions.general') ? 'general-error' : undefined}>
            <legend>{t('conditions.general')}</legend>
            {GENERAL_CONDITIONS.map((c) => (
              <div class="checkbox" key={c}>
                <input
                  id={`general-${c}`}
                  type="checkbox"
                  checked={form.general.includes(c)}
                  onChange={(e) =>
                    set(
                      'general',
                      (e.target as HTMLInputElement).checked
                        ? [...form.general, c]
                        : form.general.filter((g) => g !== c),
                    )
                  }
                />
                <label for={`general-${c}`}>{t(`condition.${c}`)}</label>
              </div>
            ))}
            {errs('conditions.general') && (
              <div class="field-error" id="general-error" role="alert">
                {errs('conditions.general')!
                  .map((p) => t(i18n.has(`errors.${p.code}`) ? `errors.${p.code}` : 'errors.unknown'))
                  .join(' ')}
              </div>
            )}
          </fieldset>
          <fieldset class="inner">
            <legend>{t('conditions.particular')}</legend>
            {form.particular.length === 0 && <p class="muted">{t('conditions.noneParticular')}</p>}
            {form.particular.map((p, i) => (
              <div
                class="particular-row"
                key={i}
                role="group"
                aria-label={t('conditions.rowLabel', { n: i + 1 })}
              >
                <Field
                  id={`particular-${i}-type`}
                  label={t('conditions.type')}
                  errors={errs(`conditions.particular.${i}.type`)}
                >
                  <select
                    {...describedBy(`particular-${i}-type`, errs(`conditions.particular.${i}.type`))}
                    value={p.type}
                    onChange={(e) =>
                      setParticular(i, { type: (e.target as HTMLSelectElement).value as typeof p.type })
                    }
                  >
                    {PARTICULAR_TYPES.map((x) => (
                      <option key={x} value={x}>
                        {t(`conditionType.${x}`)}
                      </option>
                    ))}
                  </select>
                </Field>
                <Field
                  id={`particular-${i}-category`}
                  label={t('conditions.category')}
                  errors={errs(`conditions.particular.${i}.category`)}
                >
                  <select
                    {...describedBy(`particular-${i}-category`, errs(`conditions.particular.${i}.category`))}
                    value={p.category}
                    onChange={(e) =>
                      setParticular(i, {
                        category: (e.target as HTMLSelectElement).value as typeof p.category,
                      })
                    }
                  >
                    {PARTICULAR_CATEGORIES.map((x) => (
                      <option key={x} value={x}>
                        {t(`conditionCategory.${x}`)}
                      </option>
                    ))}
                  </select>
                </Field>
                <Field
                  id={`particular-${i}-text`}
                  label={t('conditions.text')}
                  errors={errs(`conditions.particular.${i}.text`)}
                >
                  <textarea
                    {...describedBy(`particular-${i}-text`, errs(`conditions.particular.${i}.text`))}
                    rows={2}
                    value={p.text}
                    onInput={(e) => setParticular(i, { text: (e.target as HTMLTextAreaElement).value })}
                  />
                </Field>
                <button
                  type="button"
                  class="link danger"
                  onClick={() =>
                    set(
                      'particular',
                      form.particular.filter((_, j) => j !== i),
                    )
                  }
                >
                  {t('conditions.remove')}
                </button>
              </div>
            ))}
            <button
              type="button"
              onClick={() =>
                set('particular', [
                  ...form.particular,
                  { type: 'obligation', category: 'treatment', text: '' },
                ])
              }
            >
              {t('conditions.add')}
            </button>
          </fieldset>
        </fieldset>

        <ProblemAlert error={error} shownField={isShownField} />
        <div class="actions">
          <button type="submit" class="primary" disabled={busy}>
            {busy ? t('upload.sending') : t('upload.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
