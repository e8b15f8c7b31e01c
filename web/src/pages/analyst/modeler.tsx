import { useEffect, useRef, useState } from 'preact/hooks';
import { api, query } from '../../api/client';
import { Loading, ProblemAlert } from '../../components/problem';
import { useI18n } from '../../i18n/i18n';
import { newDiagramXml } from '../../modeler/new-diagram';
import type { LintReport, ProcessModeler } from '../../modeler/process-modeler';
import { linkedFormIds } from '../../forms/linked-forms';
import { ModelDraftBar } from './model-draft-bar';
import type { ModelDraft } from './model-types';
import { TaskFormsSection, type EditedForms } from './task-forms';

/** `review.form` → `review` (a form's id is its file name). */
const formIdOf = (fileName: string) => fileName.replace(/\.form$/, '');

/**
 * The analyst's process modeler: bpmn-js with the Zeebe properties panel and the iplus element
 * templates, linted as it is edited, deployable to the engine.
 */
export function ModelerPage({
  process,
  version,
  draft: draftId,
}: {
  process?: string;
  version?: string;
  draft?: string;
}) {
  const { t } = useI18n();
  const canvas = useRef<HTMLDivElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const modeler = useRef<ProcessModeler>();
  const [ready, setReady] = useState(false);
  const [reports, setReports] = useState<LintReport[]>();
  const [error, setError] = useState<unknown>();
  const [draft, setDraft] = useState<ModelDraft>();
  const [templates, setTemplates] = useState<Array<{ id: string; name: string }>>([]);
  // user tasks' forms: the ids the diagram links, and those edited here (sent with the deploy)
  const [linkedForms, setLinkedForms] = useState<string[]>([]);
  const [forms, setForms] = useState<EditedForms>({});

  useEffect(() => {
    let live = true;
    setReady(false);
    (async () => {
      const [{ createProcessModeler }, xml] = await Promise.all([
        import('../../modeler/process-modeler'),
        draftId
          ? api<ModelDraft & { xml: string }>(
              'GET',
              `/api/models/drafts/${encodeURIComponent(draftId)}`,
            ).then((d) => {
              if (live) {
                setDraft(d);
                setForms(Object.fromEntries((d.forms ?? []).map((f) => [formIdOf(f.fileName), f.schema])));
              }
              return d.xml;
            })
          : process
            ? api<string>('GET', `/api/models/${encodeURIComponent(process)}/xml${query({ version })}`)
            : Promise.resolve(newDiagramXml('new-process', t('modeler.newProcessName'))),
      ]);
      if (!live || !canvas.current || !panel.current) return;
      modeler.current?.destroy();
      const m = await createProcessModeler(canvas.current, panel.current);
      if (!live) return m.destroy();
      modeler.current = m;
      await m.importXML(typeof xml === 'string' ? xml : JSON.stringify(xml));
      setTemplates(m.templates());
      m.onChange(() => void lint());
      setReady(true);
      await lint();
    })().catch((e: unknown) => live && setError(e));
    return () => {
      live = false;
    };
  }, [process, version, draftId]);
  useEffect(() => () => modeler.current?.destroy(), []);

  async function lint() {
    if (!modeler.current) return;
    try {
      setLinkedForms(linkedFormIds(await modeler.current.saveXML()));
      setReports(await modeler.current.lint());
    } catch (e) {
      setError(e);
    }
  }

  async function download() {
    if (!modeler.current) return;
    const xml = await modeler.current.saveXML();
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([xml], { type: 'application/xml' }));
    a.download = `${modeler.current.processId()}.bpmn`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  }

  const errors = (reports ?? []).filter((r) => r.category === 'error' || r.category === 'rule-error');
  const warnings = (reports ?? []).filter((r) => !errors.includes(r));
  return (
    <section class="full">
      <h1>
        {t('modeler.title')}
        {process ? ` — ${process}${version ? ` v${version}` : ''}` : ''}
        {draftId ? ` — ${draftId}` : ''}
      </h1>
      <div class="toolbar">
        <button type="button" onClick={download} disabled={!ready}>
          {t('modeler.download')}
        </button>
        <span class="muted">{t('modeler.templates', { count: templates.length })}</span>
      </div>
      <ModelDraftBar
        modeler={() => modeler.current}
        ready={ready}
        blocked={errors.length > 0}
        baseVersion={version ? Number(version) : undefined}
        draft={draft}
        forms={(xml) =>
          linkedFormIds(xml)
            .filter((f) => forms[f])
            .map((f) => ({ fileName: `${f}.form`, schema: forms[f]! }))
        }
      />
      <ProblemAlert error={error} />
      {!ready && !error && <Loading />}
      <div class="modeler">
        <div
          ref={canvas}
          class="modeler-canvas"
          data-testid="bpmn-canvas"
          role="application"
          aria-label={t('modeler.canvasLabel')}
        />
        <aside ref={panel} class="modeler-panel" aria-label={t('modeler.panelLabel')} />
      </div>
      <TaskFormsSection linked={linkedForms} forms={forms} onChange={setForms} />
      <section class="lint" aria-labelledby="lint-title">
        <h2 id="lint-title">
          {t('modeler.lint')}{' '}
          <span class="muted" data-testid="lint-summary">
            {reports ? t('modeler.lintSummary', { errors: errors.length, warnings: warnings.length }) : ''}
          </span>
        </h2>
        {reports && reports.length === 0 && <p class="ok">{t('modeler.lintClean')}</p>}
        <ul data-testid="lint-reports">
          {[...errors, ...warnings].map((r, i) => (
            <li key={i} class={`lint-${r.category}`}>
              <button type="button" class="link" onClick={() => modeler.current?.select(r.id)}>
                {r.category === 'error' || r.category === 'rule-error' ? '✗' : '⚠'} {r.id}
              </button>{' '}
              {r.message} <span class="muted">({r.rule})</span>
            </li>
          ))}
        </ul>
      </section>
    </section>
  );
}
