import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/client';
import type { Decision, Role } from '../../api/types';
import { AgencyName } from '../../components/agency-name';
import { OverdueBadge, StatusBadge } from '../../components/badges';
import { ConditionsView } from '../../components/conditions-view';
import { JustificationDialog, mayOversee } from '../../components/justification-dialog';
import { PersonView } from '../../components/person-view';
import { Loading, ProblemAlert } from '../../components/problem';
import { useAsync } from '../../hooks/use-async';
import { useI18n } from '../../i18n/i18n';
import { PdfViewer } from '../../pdf/pdf-viewer';
import { MeasureActions } from './measure-actions';

/** Seconds between refreshes while the page is open: the process routes and mandates within seconds. */
const REFRESH_MS = 4000;

/**
 * A decision. Its parquet (and the prison it names) open it as their own work; an admin or a
 * coordinator opens it as oversight, so the page first asks why (the API wants the reason).
 */
export function DecisionDetailPage({
  id,
  justUploaded,
  role,
}: {
  id: string;
  justUploaded: boolean;
  role: Role;
}) {
  const { t } = useI18n();
  const [reason, setReason] = useState<string | undefined>(undefined);
  if (mayOversee(role) && reason === undefined)
    return <JustificationDialog caseId={id} onGiven={setReason} onBack={() => history.back()} />;
  return (
    <DecisionDetail
      id={id}
      role={role}
      justUploaded={justUploaded}
      justification={reason ?? t('justification.decision')}
      ownCase={reason === undefined}
    />
  );
}

/** A decision: its routing, signalement, mandates and the timeline of what happened, with exchange delays. */
function DecisionDetail({
  id,
  role,
  justUploaded,
  justification,
  ownCase,
}: {
  id: string;
  role: Role;
  justUploaded: boolean;
  justification: string;
  ownCase: boolean;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const [showPdf, setShowPdf] = useState(false);
  const d = useAsync(
    (signal) =>
      api<Decision>('GET', `/api/decisions/${encodeURIComponent(id)}`, undefined, { signal, justification }),
    [id],
  );
  useEffect(() => {
    const timer = setInterval(() => d.reload(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [id]);

  if (!d.data) return d.error ? <ProblemAlert error={d.error} /> : <Loading />;
  const decision = d.data;
  return (
    <section>
      {justUploaded && (
        <div class="alert alert-ok" role="status">
          {t('upload.done', { reference: decision.reference })}
        </div>
      )}
      <h1>
        {t('decision.title')} {decision.reference}
      </h1>
      <p>
        <StatusBadge prefix="decisionStatus" value={decision.status} /> ·{' '}
        {t(`measure.${decision.input.measure}`)} · {decision.input.court} ·{' '}
        {i18n.date(decision.input.decisionDate)}
        {/* A plain link cannot carry the reason: oversight reads show the PDF in the page only. */}
        {ownCase && (
          <>
            {' '}
            ·{' '}
            <a
              href={`/api/decisions/${encodeURIComponent(decision.id)}/document`}
              target="_blank"
              rel="noopener"
            >
              {t('decision.openPdf')}
            </a>
          </>
        )}
      </p>
      <div class="columns">
        <div>
          <h2>{t('decision.person')}</h2>
          <PersonView person={decision.input.person} />
          <ConditionsView conditions={decision.input.conditions} />
        </div>
        <div>
          <h2>{t('decision.routing')}</h2>
          {decision.routing ? (
            <dl class="facts">
              <dt>{t('routing.province')}</dt>
              <dd>{t(`province.${decision.routing.province}`)}</dd>
              <dt>{t('routing.live')}</dt>
              <dd>{decision.routing.live ? t('routing.liveYes') : t('routing.liveNo')}</dd>
              {decision.routing.recipients.map((r) => (
                <>
                  <dt key={`k-${r.kind}`}>{t(`mandateKind.${r.kind}`)}</dt>
                  <dd key={`v-${r.kind}`}>
                    <AgencyName id={r.agencyId} />
                  </dd>
                </>
              ))}
            </dl>
          ) : (
            <p class="muted">{t('decision.notRouted')}</p>
          )}
          <h2>{t('signalement.title')}</h2>
          {decision.signalement ? (
            <p>
              {decision.signalement.id} · {t(`signalement.register.${decision.signalement.register}`)} ·{' '}
              {i18n.dateTime(decision.signalement.createdAt)}
            </p>
          ) : (
            <p class="muted">{t('signalement.none')}</p>
          )}
        </div>
      </div>

      <h2>{t('mandates.title')}</h2>
      {decision.mandates.length === 0 ? (
        <p class="muted">{t('mandates.none')}</p>
      ) : (
        <table class="data" data-testid="mandates">
          <thead>
            <tr>
              <th scope="col">{t('mandate.id')}</th>
              <th scope="col">{t('mandate.kind')}</th>
              <th scope="col">{t('mandate.recipient')}</th>
              <th scope="col">{t('mandate.status')}</th>
              <th scope="col">{t('mandate.deadline')}</th>
              <th scope="col">{t('mandate.exchangeDelay')}</th>
            </tr>
          </thead>
          <tbody>
            {decision.mandates.map((m) => (
              <tr key={m.id} class={m.overdue ? 'overdue' : ''}>
                <td>{m.id}</td>
                <td>{t(`mandateKind.${m.kind}`)}</td>
                <td>
                  <AgencyName id={m.recipientId} agency={m.recipient ?? undefined} />
                </td>
                <td>
                  <StatusBadge prefix="mandateStatus" value={m.status} /> {m.overdue && <OverdueBadge />}
                  {m.report?.breach && <span class="badge badge-breach">{t('mandate.breach')}</span>}
                </td>
                <td>{i18n.dateTime(m.deadline)}</td>
                <td>
                  {m.acknowledgedAt
                    ? i18n.delay(Date.parse(m.acknowledgedAt) - Date.parse(m.issuedAt || decision.createdAt))
                    : '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <MeasureActions
        decision={decision}
        role={role}
        justification={justification}
        onDone={() => d.reload()}
      />

      <details class="document" onToggle={(e) => setShowPdf((e.target as HTMLDetailsElement).open)}>
        <summary>{t('mandate.decisionPdf')}</summary>
        {showPdf && (
          <PdfViewer
            url={`/api/decisions/${encodeURIComponent(decision.id)}/document`}
            justification={justification}
          />
        )}
      </details>

      <h2>{t('timeline.title')}</h2>
      <ol class="timeline" data-testid="timeline">
        {decision.timeline.map((e, i) => (
          <li key={i} class={`timeline-${e.event}`}>
            <time dateTime={e.at}>{i18n.dateTime(e.at)}</time>
            <span class="event">{t(`timeline.${e.event}`)}</span>
            {e.agencyId && (
              <span>
                {' '}
                · <AgencyName id={e.agencyId} />
              </span>
            )}
            {e.mandateId && <span class="muted"> · {e.mandateId}</span>}
            {e.delayMs !== undefined && e.delayMs !== null && (
              <span class={e.event === 'mandate_acknowledged' ? 'delay' : 'muted'}>
                {' '}
                ·{' '}
                {e.event === 'mandate_acknowledged'
                  ? t('timeline.delay', { delay: i18n.delay(e.delayMs) })
                  : t('timeline.after', { delay: i18n.delay(e.delayMs) })}
              </span>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
