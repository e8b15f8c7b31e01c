import { useEffect, useRef, useState } from 'preact/hooks';
import { api, query } from '../../api/client';
import { ApiError } from '../../api/problem';
import { Loading, ProblemAlert } from '../../components/problem';
import { useI18n } from '../../i18n/i18n';
import type { DiffView } from '../../modeler/diff-viewer';
import type { ElementChange } from '../../modeler/model-diff';
import type { DraftForm, LintProblem, ModelDraft } from './model-types';

type LoadedDraft = ModelDraft & { xml: string; forms: DraftForm[]; lint: LintProblem[] };

/** A process with no element, to compare a brand-new process against (everything is added). */
function emptyProcess(processId: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" id="Definitions_empty" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="${processId}" isExecutable="true" />
  <bpmndi:BPMNDiagram id="BPMNDiagram_1"><bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="${processId}" /></bpmndi:BPMNDiagram>
</bpmn:definitions>`;
}

/**
 * The reviewer's page for one draft: the version it replaces and the draft side by side, with added,
 * removed and changed elements highlighted, the changed properties listed, the project's lint result,
 * and approve (deploys) or reject with a comment.
 */
export function ModelReviewPage({ draftId }: { draftId: string }) {
  const { t } = useI18n();
  const before = useRef<HTMLDivElement>(null);
  const after = useRef<HTMLDivElement>(null);
  const view = useRef<DiffView>();
  const [draft, setDraft] = useState<LoadedDraft>();
  const [baseLabel, setBaseLabel] = useState('');
  const [changes, setChanges] = useState<ElementChange[]>();
  const [error, setError] = useState<unknown>();
  const [comment, setComment] = useState('');
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    (async () => {
      const d = await api<LoadedDraft>('GET', `/api/models/drafts/${encodeURIComponent(draftId)}`);
      if (!live) return;
      setDraft(d);
      const base = await api<string>(
        'GET',
        `/api/models/${encodeURIComponent(d.bpmnProcessId)}/xml${query({ version: d.baseVersion ?? undefined })}`,
      ).catch((e: unknown) => {
        if (e instanceof ApiError && e.problem.status === 404) return undefined;
        throw e;
      });
      if (!live || !before.current || !after.current) return;
      setBaseLabel(
        base === undefined
          ? t('review.newProcess')
          : t('review.baseVersion', { version: d.baseVersion ?? t('review.latest') }),
      );
      const { createDiffView } = await import('../../modeler/diff-viewer');
      const v = await createDiffView(
        { container: before.current, xml: base ?? emptyProcess(d.bpmnProcessId) },
        { container: after.current, xml: d.xml },
        {
          added: t('review.kinds.added'),
          removed: t('review.kinds.removed'),
          changed: t('review.kinds.changed'),
          layout: t('review.kinds.layout'),
        },
      );
      if (!live) return v.destroy();
      view.current = v;
      setChanges(v.changes);
    })().catch((e: unknown) => live && setError(e));
    return () => {
      live = false;
      view.current?.destroy();
      view.current = undefined;
    };
  }, [draftId]);

  async function decide(step: 'approve' | 'reject') {
    setBusy(true);
    setError(undefined);
    setMessage('');
    try {
      const d = await api<ModelDraft>('POST', `/api/models/drafts/${encodeURIComponent(draftId)}/${step}`, {
        comment,
      });
      setDraft((old) => old && { ...old, ...d });
      setMessage(
        step === 'approve'
          ? t('review.approved', { process: d.bpmnProcessId, version: d.deployedVersion ?? '?' })
          : t('review.rejected'),
      );
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const lintErrors = (draft?.lint ?? []).filter((l) => l.category === 'error');
  return (
    <section class="full">
      <h1>{t('review.title', { id: draftId })}</h1>
      <ProblemAlert error={error} />
      {!draft && !error && <Loading />}
      {draft && (
        <dl class="facts" data-testid="review-facts">
          <dt>{t('models.process')}</dt>
          <dd>{draft.bpmnProcessId}</dd>
          <dt>{t('draft.author')}</dt>
          <dd>{draft.createdBy}</dd>
          <dt>{t('draft.comment')}</dt>
          <dd>{draft.comment || '—'}</dd>
          <dt>{t('draft.statusLabel')}</dt>
          <dd data-testid="review-status">{t(`draft.statuses.${draft.status}`)}</dd>
        </dl>
      )}
      <div class="diff-panes">
        <figure>
          <figcaption>{baseLabel}</figcaption>
          <div ref={before} class="diff-canvas" data-testid="diff-before" />
        </figure>
        <figure>
          <figcaption>{t('review.draft')}</figcaption>
          <div ref={after} class="diff-canvas" data-testid="diff-after" />
        </figure>
      </div>
      <section aria-labelledby="changes-title">
        <h2 id="changes-title">{t('review.changes')}</h2>
        {changes && changes.length === 0 && <p>{t('review.noChanges')}</p>}
        {changes && changes.length > 0 && (
          <table class="data" data-testid="diff-changes">
            <thead>
              <tr>
                <th scope="col">{t('review.change')}</th>
                <th scope="col">{t('review.element')}</th>
                <th scope="col">{t('review.properties')}</th>
              </tr>
            </thead>
            <tbody>
              {changes.map((c) => (
                <tr key={`${c.kind}-${c.id}`} class={`diff-row-${c.kind}`}>
                  <td>{t(`review.kinds.${c.kind}`)}</td>
                  <td>
                    <button type="button" class="link" onClick={() => view.current?.focus(c.id)}>
                      {c.name || c.id}
                    </button>{' '}
                    <span class="muted">
                      {c.type} · {c.id}
                    </span>
                  </td>
                  <td>
                    <ul class="plain">
                      {c.properties.map((p) => (
                        <li key={p.name}>
                          <code>{p.name}</code>: {p.before} → {p.after}
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="review-forms-title">
        <h2 id="review-forms-title">{t('review.forms')}</h2>
        {draft && draft.forms.length === 0 && <p class="muted">{t('review.formsNone')}</p>}
        <ul data-testid="review-forms">
          {(draft?.forms ?? []).map((f) => (
            <li key={f.fileName}>
              <code>{f.fileName}</code>{' '}
              <span class="muted">
                {t('review.formFields', {
                  count: Array.isArray(f.schema.components) ? f.schema.components.length : 0,
                })}
              </span>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="review-lint-title">
        <h2 id="review-lint-title">{t('modeler.lint')}</h2>
        {draft && draft.lint.length === 0 && <p class="ok">{t('modeler.lintClean')}</p>}
        <ul data-testid="review-lint">
          {(draft?.lint ?? []).map((l, i) => (
            <li key={i} class={`lint-${l.category}`}>
              {l.category === 'error' ? '✗' : '⚠'} {l.elementId} {l.message}{' '}
              <span class="muted">({l.rule})</span>
            </li>
          ))}
        </ul>
      </section>
      {draft?.status === 'submitted' && (
        <section aria-labelledby="decide-title">
          <h2 id="decide-title">{t('review.decide')}</h2>
          <label for="review-comment">{t('review.comment')}</label>
          <textarea
            id="review-comment"
            maxLength={2000}
            value={comment}
            onInput={(e) => setComment((e.target as HTMLTextAreaElement).value)}
          />
          <div class="toolbar">
            <button
              type="button"
              class="primary"
              onClick={() => decide('approve')}
              disabled={busy || lintErrors.length > 0}
            >
              {t('review.approve')}
            </button>
            <button type="button" onClick={() => decide('reject')} disabled={busy}>
              {t('review.reject')}
            </button>
          </div>
        </section>
      )}
      <div role="status" aria-live="polite">
        {message && <div class="alert alert-ok">{message}</div>}
      </div>
    </section>
  );
}
