import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/client';
import { ProblemAlert } from '../../components/problem';
import { useI18n } from '../../i18n/i18n';
import type { ProcessModeler } from '../../modeler/process-modeler';
import type { DraftForm, ModelDraft, ReviewMode } from './model-types';

interface DeployedProcess {
  bpmnProcessId: string;
  version: number;
  key: string;
}

/**
 * The modeler's way to production: save a draft, submit it for review (a second analyst or an
 * admin approves it on the models page), or — where review is off (IPLUS_MODEL_REVIEW=off) — deploy
 * at once. Lint errors (Camunda's and the project's rules) block submitting and deploying.
 */
export function ModelDraftBar({
  modeler,
  ready,
  blocked,
  baseVersion,
  draft: initialDraft,
  forms,
}: {
  modeler: () => ProcessModeler | undefined;
  ready: boolean;
  blocked: boolean;
  baseVersion?: number;
  draft?: ModelDraft;
  /** The forms of the user tasks the diagram links, edited here: they go with the draft (or the deploy). */
  forms: (xml: string) => DraftForm[];
}) {
  const { t } = useI18n();
  const [mode, setMode] = useState<ReviewMode>();
  const [draft, setDraft] = useState<ModelDraft | undefined>(initialDraft);
  const [comment, setComment] = useState(initialDraft?.comment ?? '');
  const [message, setMessage] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api<{ reviewMode: ReviewMode }>('GET', '/api/models/drafts')
      .then((r) => setMode(r.reviewMode))
      .catch(setError);
  }, []);
  useEffect(() => {
    setDraft(initialDraft);
    setComment(initialDraft?.comment ?? '');
  }, [initialDraft?.id]);

  async function run(step: () => Promise<string>) {
    setBusy(true);
    setError(undefined);
    setMessage('');
    try {
      setMessage(await step());
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  async function save(): Promise<ModelDraft> {
    const m = modeler()!;
    const xml = await m.saveXML();
    const editable = draft && (draft.status === 'draft' || draft.status === 'rejected');
    const saved = editable
      ? await api<ModelDraft>('PUT', `/api/models/drafts/${draft.id}`, { xml, comment, forms: forms(xml) })
      : await api<ModelDraft>('POST', '/api/models/drafts', {
          fileName: `${m.processId()}.bpmn`,
          xml,
          comment,
          forms: forms(xml),
          ...(baseVersion ? { baseVersion } : {}),
        });
    setDraft(saved);
    return saved;
  }

  const saveDraft = () => run(async () => t('draft.saved', { id: (await save()).id }));
  const submit = () =>
    run(async () => {
      const saved = await save();
      const submitted = await api<ModelDraft>('POST', `/api/models/drafts/${saved.id}/submit`, {});
      setDraft(submitted);
      return t('draft.submitted', { id: submitted.id });
    });
  const deploy = () =>
    run(async () => {
      const m = modeler()!;
      const id = m.processId();
      const xml = await m.saveXML();
      const r = await api<DeployedProcess[]>('POST', '/api/models', {
        fileName: `${id}.bpmn`,
        xml,
        comment,
        forms: forms(xml),
      });
      const v = (r.find((p) => p.bpmnProcessId === id) ?? r[0])?.version;
      return t('modeler.deployed', { process: id, version: v ?? '?' });
    });

  return (
    <div class="draft-bar">
      <div class="toolbar">
        <label for="draft-comment">{t('draft.comment')}</label>
        <input
          id="draft-comment"
          type="text"
          maxLength={2000}
          value={comment}
          onInput={(e) => setComment((e.target as HTMLInputElement).value)}
        />
        <button type="button" onClick={saveDraft} disabled={!ready || busy}>
          {t('draft.save')}
        </button>
        <button type="button" class="primary" onClick={submit} disabled={!ready || busy || blocked}>
          {t('draft.submit')}
        </button>
        {mode === 'off' && (
          <button type="button" onClick={deploy} disabled={!ready || busy || blocked}>
            {t('modeler.deploy')}
          </button>
        )}
        {draft && (
          <span class="muted" data-testid="draft-status">
            {t('draft.status', { id: draft.id, status: t(`draft.statuses.${draft.status}`) })}
          </span>
        )}
      </div>
      {mode === 'four-eyes' && <p class="muted">{t('draft.fourEyes')}</p>}
      <div role="status" aria-live="polite">
        {message && <div class="alert alert-ok">{message}</div>}
      </div>
      <ProblemAlert error={error} />
    </div>
  );
}
