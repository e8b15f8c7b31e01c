import { useState } from 'preact/hooks';
import { api, apiPostBytes } from '../../api/client';
import { Field } from '../../components/field';
import { ProblemAlert } from '../../components/problem';
import { useI18n } from '../../i18n/i18n';

interface AccessReport {
  personPseudonym: string;
  held: Array<{
    decisionId: string;
    reference: string;
    status: string;
    endedAt: string | null;
    erasedAfter: string | null;
  }>;
  erased: Array<{
    decisionId: string;
    reason: string;
    justification: string;
    erasedAt: string;
    erasedBy: string;
  }>;
  consultations: Array<{
    seq: number;
    at: string;
    user: string;
    agencyId: string;
    action: string;
    object: string;
    justification: string;
    outcome: string;
  }>;
}

const input = (set: (v: string) => void) => (e: Event) => set((e.target as HTMLInputElement).value);

/**
 * Data protection (issue 16): the access report for one national register number, on screen or as
 * a PDF (admin, auditor); an early erasure of one case with its justification (admin only).
 */
export function DataProtectionPage({ canErase }: { canErase: boolean }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [nrn, setNrn] = useState('');
  const [why, setWhy] = useState('');
  const [report, setReport] = useState<AccessReport>();
  const [decisionId, setDecisionId] = useState('');
  const [eraseWhy, setEraseWhy] = useState('');
  const [erased, setErased] = useState<string>();
  const [error, setError] = useState<unknown>();

  async function show(e: Event) {
    e.preventDefault();
    setError(undefined);
    try {
      setReport(await api<AccessReport>('POST', '/api/admin/access-reports', { nrn, justification: why }));
    } catch (err) {
      setError(err);
    }
  }

  async function pdf() {
    setError(undefined);
    try {
      const blob = await apiPostBytes('/api/admin/access-reports?format=pdf', { nrn, justification: why });
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = 'access-report.pdf';
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (err) {
      setError(err);
    }
  }

  async function erase(e: Event) {
    e.preventDefault();
    setError(undefined);
    setErased(undefined);
    if (!window.confirm(t('privacy.eraseConfirm', { id: decisionId }))) return;
    try {
      await api('POST', '/api/admin/erasures', { decisionId: decisionId.trim(), justification: eraseWhy });
      setErased(decisionId.trim());
    } catch (err) {
      setError(err);
    }
  }

  return (
    <section class="wide">
      <h1>{t('privacy.title')}</h1>
      <h2>{t('privacy.reportTitle')}</h2>
      <form class="form inline-form" onSubmit={show}>
        <Field id="privacy-nrn" label={t('privacy.nrn')} required>
          <input id="privacy-nrn" value={nrn} required onInput={input(setNrn)} autocomplete="off" />
        </Field>
        <Field id="privacy-why" label={t('privacy.justification')} required>
          <input id="privacy-why" value={why} required minLength={10} onInput={input(setWhy)} />
        </Field>
        <button type="submit" class="primary">
          {t('privacy.show')}
        </button>
        <button type="button" onClick={pdf}>
          {t('privacy.pdf')}
        </button>
      </form>
      <div role="status">
        {erased && <div class="alert alert-ok">{t('privacy.erasedDone', { id: erased })}</div>}
      </div>
      <ProblemAlert error={error} />
      {report && (
        <div data-testid="access-report">
          <p class="muted">{t('privacy.pseudonym', { pseudonym: report.personPseudonym })}</p>
          <h3>{t('privacy.held', { count: report.held.length })}</h3>
          {report.held.length > 0 && (
            <table class="data" data-testid="held">
              <tbody>
                {report.held.map((c) => (
                  <tr key={c.decisionId}>
                    <td>{c.decisionId}</td>
                    <td>{c.reference}</td>
                    <td>{c.status}</td>
                    <td>{c.erasedAfter ? i18n.dateTime(c.erasedAfter) : t('privacy.running')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h3>{t('privacy.erased', { count: report.erased.length })}</h3>
          {report.erased.length > 0 && (
            <table class="data" data-testid="erased">
              <tbody>
                {report.erased.map((c) => (
                  <tr key={c.decisionId}>
                    <td>{c.decisionId}</td>
                    <td class="nowrap">{i18n.dateTime(c.erasedAt)}</td>
                    <td>{c.erasedBy}</td>
                    <td>
                      {c.reason}: {c.justification}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h3>{t('privacy.consultations', { count: report.consultations.length })}</h3>
          <table class="data" data-testid="consultations">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t('audit.at')}</th>
                <th scope="col">{t('audit.user')}</th>
                <th scope="col">{t('audit.agency')}</th>
                <th scope="col">{t('audit.action')}</th>
                <th scope="col">{t('audit.object')}</th>
                <th scope="col">{t('audit.justification')}</th>
              </tr>
            </thead>
            <tbody>
              {report.consultations.map((c) => (
                <tr key={c.seq}>
                  <td>{c.seq}</td>
                  <td class="nowrap">{i18n.dateTime(c.at)}</td>
                  <td>{c.user}</td>
                  <td>{c.agencyId}</td>
                  <td>{c.action}</td>
                  <td>{c.object}</td>
                  <td>{c.justification}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canErase && (
        <>
          <h2>{t('privacy.eraseTitle')}</h2>
          <form class="form inline-form" onSubmit={erase}>
            <Field id="privacy-decision" label={t('privacy.decisionId')} required>
              <input id="privacy-decision" value={decisionId} required onInput={input(setDecisionId)} />
            </Field>
            <Field id="privacy-erase-why" label={t('privacy.eraseJustification')} required>
              <input
                id="privacy-erase-why"
                value={eraseWhy}
                required
                minLength={10}
                onInput={input(setEraseWhy)}
              />
            </Field>
            <button type="submit" class="danger">
              {t('privacy.erase')}
            </button>
          </form>
        </>
      )}
    </section>
  );
}
