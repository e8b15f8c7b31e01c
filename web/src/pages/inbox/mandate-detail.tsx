import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/client';
import { ReportMove } from './report-move';
import { isBreachOutcome, REPORT_OUTCOMES, type Mandate, type Role } from '../../api/types';
import { AgencyName } from '../../components/agency-name';
import { OverdueBadge, StatusBadge } from '../../components/badges';
import { ConditionsView } from '../../components/conditions-view';
import { asksForJustification, JustificationDialog, mayOversee } from '../../components/justification-dialog';
import { PersonView } from '../../components/person-view';
import { Loading, ProblemAlert } from '../../components/problem';
import { useAsync } from '../../hooks/use-async';
import { useI18n } from '../../i18n/i18n';
import { PdfViewer } from '../../pdf/pdf-viewer';
import { isOverdue } from './inbox-order';

/** Outcomes that fit each kind of mandate (a justice house reports guidance, the police the address check). */
const OUTCOMES_BY_KIND: Record<string, readonly string[]> = {
  police_check: [
    'address_verified',
    'address_not_verified',
    'interview_held',
    'person_absent',
    'condition_broken',
  ],
  guidance: ['guidance_started', 'person_absent', 'condition_broken'],
  monitoring: ['address_verified', 'address_not_verified', 'condition_broken'],
};

/**
 * A mandate. Its recipient opens it from the inbox; an admin (always) or a coordinator (for a mandate
 * not waiting in the coordination's own inbox, which the API answers with justification_required)
 * is asked why first, and the reason goes with every read of it.
 */
export function MandateDetailPage({ id, role }: { id: string; role: Role }) {
  const { t } = useI18n();
  const [reason, setReason] = useState<string | undefined>(undefined);
  const [asked, setAsked] = useState(role === 'admin');
  if (asked && reason === undefined)
    return <JustificationDialog caseId={id} onGiven={setReason} onBack={() => history.back()} />;
  return (
    <MandateDetail
      key={reason ?? ''}
      id={id}
      role={role}
      justification={reason ?? (mayOversee(role) ? undefined : t('justification.mandate'))}
      onJustificationAsked={() => setAsked(true)}
    />
  );
}

/** A mandate for its recipient: conditions, the decision PDF, acknowledge, report the outcome. */
function MandateDetail({
  id,
  role,
  justification,
  onJustificationAsked,
}: {
  id: string;
  role: Role;
  justification: string | undefined;
  onJustificationAsked: () => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const [note, setNote] = useState('');
  const [outcome, setOutcome] = useState('');
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [message, setMessage] = useState('');
  const m = useAsync(
    (signal) =>
      api<Mandate>('GET', `/api/mandates/${encodeURIComponent(id)}`, undefined, { signal, justification }),
    [id],
  );

  async function act(path: string, body: unknown, done: string) {
    setBusy(true);
    setError(undefined);
    setMessage('');
    try {
      await api<Mandate>('POST', `/api/mandates/${encodeURIComponent(id)}/${path}`, body, {
        justification: justification ?? t('justification.mandate'),
      });
      setMessage(done);
      m.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  useEffect(() => {
    if (asksForJustification(m.error)) onJustificationAsked();
  }, [m.error]);
  if (!m.data) return m.error ? <ProblemAlert error={m.error} /> : <Loading />;
  const mandate = m.data;
  const outcomes = OUTCOMES_BY_KIND[mandate.kind] ?? REPORT_OUTCOMES;
  return (
    <section>
      <p>
        <a href="#/inbox">← {t('inbox.back')}</a>
      </p>
      <h1>
        {t('mandate.title')} {mandate.id}
      </h1>
      <p>
        {t(`mandateKind.${mandate.kind}`)} ·{' '}
        <AgencyName id={mandate.recipientId} agency={mandate.recipient ?? undefined} /> ·{' '}
        <StatusBadge prefix="mandateStatus" value={mandate.status} />{' '}
        {isOverdue(mandate, new Date()) && <OverdueBadge />}
      </p>
      <dl class="facts">
        <dt>{t('mandate.issuedAt')}</dt>
        <dd>{i18n.dateTime(mandate.issuedAt)}</dd>
        <dt>{t('mandate.deadline')}</dt>
        <dd>{i18n.dateTime(mandate.deadline)}</dd>
        {mandate.acknowledgedAt && (
          <>
            <dt>{t('mandate.acknowledgedAt')}</dt>
            <dd>
              {i18n.dateTime(mandate.acknowledgedAt)} · {mandate.acknowledgedBy} ·{' '}
              {t('timeline.delay', {
                delay: i18n.delay(Date.parse(mandate.acknowledgedAt) - Date.parse(mandate.issuedAt)),
              })}
            </dd>
          </>
        )}
        {mandate.measure && (
          <>
            <dt>{t('decision.measure')}</dt>
            <dd>{t(`measure.${mandate.measure}`)}</dd>
          </>
        )}
      </dl>
      <div role="status" aria-live="polite">
        {message && <div class="alert alert-ok">{message}</div>}
      </div>
      <ProblemAlert error={error} />

      {role === 'police_agent' && mandate.status !== 'closed' && (
        <ReportMove
          decisionId={mandate.decisionId}
          justification={justification ?? t('justification.mandate')}
        />
      )}

      {mandate.status === 'issued' && (
        <form
          class="form action-box"
          onSubmit={(e) => {
            e.preventDefault();
            void act('acknowledge', note ? { note } : {}, t('mandate.acknowledgedDone'));
          }}
        >
          <h2>{t('mandate.acknowledgeTitle')}</h2>
          <div class="field">
            <label for="ack-note">{t('mandate.note')}</label>
            <input
              id="ack-note"
              value={note}
              onInput={(e) => setNote((e.target as HTMLInputElement).value)}
            />
          </div>
          <button type="submit" class="primary" disabled={busy}>
            {t('mandate.acknowledge')}
          </button>
        </form>
      )}

      {mandate.status === 'acknowledged' && (
        <form
          class="form action-box"
          onSubmit={(e) => {
            e.preventDefault();
            if (outcome) void act('report', { outcome, text: text || undefined }, t('mandate.reportedDone'));
          }}
        >
          <h2>{t('mandate.reportTitle')}</h2>
          <fieldset>
            <legend>{t('mandate.outcome')}</legend>
            {outcomes.map((o) => (
              <div class="radio" key={o}>
                <input
                  id={`outcome-${o}`}
                  type="radio"
                  name="outcome"
                  value={o}
                  required
                  checked={outcome === o}
                  onChange={() => setOutcome(o)}
                />
                <label for={`outcome-${o}`}>
                  {t(`outcome.${o}`)}
                  {isBreachOutcome(o) && <span class="badge badge-breach">{t('mandate.breach')}</span>}
                </label>
              </div>
            ))}
          </fieldset>
          {isBreachOutcome(outcome) && <p class="warning">{t('mandate.breachWarning')}</p>}
          <div class="field">
            <label for="report-text">{t('mandate.reportText')}</label>
            <textarea
              id="report-text"
              rows={3}
              value={text}
              onInput={(e) => setText((e.target as HTMLTextAreaElement).value)}
            />
          </div>
          <button type="submit" class="primary" disabled={busy || !outcome}>
            {t('mandate.report')}
          </button>
        </form>
      )}

      {mandate.report && (
        <div class="action-box">
          <h2>{t('mandate.reportTitle')}</h2>
          <p>
            <strong>{t(`outcome.${mandate.report.outcome}`)}</strong>
            {mandate.report.breach && <span class="badge badge-breach">{t('mandate.breach')}</span>} ·{' '}
            {i18n.dateTime(mandate.report.at)} · {mandate.report.by}
          </p>
          {mandate.report.text && <p>{mandate.report.text}</p>}
        </div>
      )}

      <div class="columns">
        <div>
          <h2>{t('decision.person')}</h2>
          <PersonView person={mandate.person} />
          <ConditionsView conditions={mandate.conditions} />
        </div>
        <div>
          <h2>{t('mandate.decisionPdf')}</h2>
          <PdfViewer
            url={`/api/mandates/${encodeURIComponent(mandate.id)}/document`}
            justification={justification ?? t('justification.mandate')}
          />
        </div>
      </div>
    </section>
  );
}
