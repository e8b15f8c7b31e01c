import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../api/client';
import type { RoutingTable } from '../../api/types';
import { Field } from '../../components/field';
import { Loading, ProblemAlert } from '../../components/problem';
import { useAsync } from '../../hooks/use-async';
import { useI18n } from '../../i18n/i18n';
import type { DmnEditor } from '../../modeler/dmn-editor';

/** The province's routing table in dmn-js; saving deploys a new version once the saved test cases pass. */
export function RoutingTablePage({ province }: { province: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const container = useRef<HTMLDivElement>(null);
  const editor = useRef<DmnEditor>();
  const [views, setViews] = useState<Array<{ id: string; name: string }>>([]);
  const [active, setActive] = useState('');
  const [dirty, setDirty] = useState(false);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState('');
  const table = useAsync(
    (signal) =>
      api<RoutingTable>('GET', `/api/routing/tables/${encodeURIComponent(province)}`, undefined, { signal }),
    [province],
  );

  useEffect(() => {
    const data = table.data;
    if (!data || !container.current) return;
    let live = true;
    (async () => {
      const { createDmnEditor } = await import('../../modeler/dmn-editor');
      if (!live || !container.current) return;
      editor.current?.destroy();
      container.current.replaceChildren();
      const e = await createDmnEditor(container.current, data.xml, data.decisionId);
      if (!live) return e.destroy();
      editor.current = e;
      setViews(e.views());
      setActive(e.activeId());
      setDirty(false);
      e.onChange(() => setDirty(true));
    })().catch((e: unknown) => live && setError(e));
    return () => {
      live = false;
    };
  }, [table.data]);
  useEffect(() => () => editor.current?.destroy(), []);

  async function save(e: Event) {
    e.preventDefault();
    if (!editor.current) return;
    setBusy(true);
    setError(undefined);
    setSaved('');
    try {
      const xml = await editor.current.save();
      const r = await api<{ version: number }>('PUT', `/api/routing/tables/${encodeURIComponent(province)}`, {
        xml,
        comment: comment || undefined,
      });
      setSaved(t('routingTable.saved', { version: r.version }));
      setDirty(false);
      setComment('');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="wide">
      <h1>
        {t('routingTable.title')} — {t(`province.${province}`)}
      </h1>
      <p class="muted">
        {table.data &&
          t('routingTable.version', { version: table.data.version, decision: table.data.decisionId })}{' '}
        {t('routingTable.intro')}
      </p>
      <ProblemAlert error={table.error} />
      {views.length > 1 && (
        <div class="toolbar">
          <label for="dmn-view">{t('routingTable.decision')}</label>
          <select
            id="dmn-view"
            value={active}
            onChange={(e) => {
              const id = (e.target as HTMLSelectElement).value;
              setActive(id);
              void editor.current?.open(id);
            }}
          >
            {views.map((v) => (
              <option key={v.id} value={v.id}>
                {v.name}
              </option>
            ))}
          </select>
        </div>
      )}
      {table.loading && !table.data && <Loading />}
      <div
        ref={container}
        class="dmn-container"
        data-testid="dmn-editor"
        aria-label={t('routingTable.editorLabel')}
        role="region"
      />
      <form class="form inline-form" onSubmit={save}>
        <Field id="routing-comment" label={t('routingTable.comment')}>
          <input
            id="routing-comment"
            value={comment}
            onInput={(e) => setComment((e.target as HTMLInputElement).value)}
          />
        </Field>
        <button type="submit" class="primary" disabled={busy || !table.data}>
          {t('routingTable.deploy')}
        </button>
        {dirty && <span class="muted">{t('routingTable.unsaved')}</span>}
      </form>
      <div role="status">{saved && <div class="alert alert-ok">{saved}</div>}</div>
      <ProblemAlert error={error} />
    </section>
  );
}
