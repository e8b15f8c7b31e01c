import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/client';
import type { RoutingVersion } from '../../api/types';
import { Loading, ProblemAlert } from '../../components/problem';
import { useAsync } from '../../hooks/use-async';
import { useI18n } from '../../i18n/i18n';
import { readDecisionTables } from '../../routing/dmn-tables';
import {
  diffDefinitions,
  type DefinitionsDiff,
  type RuleChange,
  type TableDiff,
} from '../../routing/table-diff';

/** The province's routing table versions, and a rule-level diff between any two. */
export function VersionsPage({ province }: { province: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const base = `/api/routing/tables/${encodeURIComponent(province)}/versions`;
  const versions = useAsync(
    (signal) =>
      api<RoutingVersion[] | { items: RoutingVersion[] }>('GET', base, undefined, { signal }).then((r) =>
        [...(Array.isArray(r) ? r : r.items)].sort((a, b) => b.version - a.version),
      ),
    [province],
  );
  const [from, setFrom] = useState<number>();
  const [to, setTo] = useState<number>();
  const [diff, setDiff] = useState<DefinitionsDiff>();
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    const list = versions.data;
    if (!list?.length) return;
    setTo(list[0].version);
    setFrom((list[1] ?? list[0]).version);
  }, [versions.data]);

  useEffect(() => {
    if (from === undefined || to === undefined) return;
    let live = true;
    setError(undefined);
    Promise.all([
      api<{ xml: string }>('GET', `${base}/${from}`),
      api<{ xml: string }>('GET', `${base}/${to}`),
    ]).then(
      ([a, b]) => live && setDiff(diffDefinitions(readDecisionTables(a.xml), readDecisionTables(b.xml))),
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [from, to, province]);

  const list = versions.data ?? [];
  return (
    <section class="wide">
      <h1>
        {t('versions.title')} — {t(`province.${province}`)}
      </h1>
      <ProblemAlert error={versions.error ?? error} />
      {versions.loading && !versions.data && <Loading />}
      <table class="data">
        <thead>
          <tr>
            <th scope="col">{t('versions.version')}</th>
            <th scope="col">{t('versions.deployedAt')}</th>
            <th scope="col">{t('versions.deployedBy')}</th>
            <th scope="col">{t('versions.comment')}</th>
          </tr>
        </thead>
        <tbody>
          {list.map((v) => (
            <tr key={v.version}>
              <td>{v.version}</td>
              <td>{i18n.dateTime(v.deployedAt)}</td>
              <td>{v.deployedBy}</td>
              <td>{v.comment ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {list.length > 0 && (
        <div class="toolbar">
          <label for="diff-from">{t('versions.from')}</label>
          <select
            id="diff-from"
            value={from}
            onChange={(e) => setFrom(Number((e.target as HTMLSelectElement).value))}
          >
            {list.map((v) => (
              <option key={v.version} value={v.version}>
                {v.version}
              </option>
            ))}
          </select>
          <label for="diff-to">{t('versions.to')}</label>
          <select
            id="diff-to"
            value={to}
            onChange={(e) => setTo(Number((e.target as HTMLSelectElement).value))}
          >
            {list.map((v) => (
              <option key={v.version} value={v.version}>
                {v.version}
              </option>
            ))}
          </select>
        </div>
      )}
      {diff && <DiffView diff={diff} />}
    </section>
  );
}

function DiffView({ diff }: { diff: DefinitionsDiff }) {
  const { t } = useI18n();
  return (
    <div class="diff" data-testid="version-diff">
      {diff.tables.map((table) =>
        table.status === 'added' || table.status === 'removed' ? (
          <h2 key={table.decisionId}>
            {table.decisionId}: {t(`versions.table.${table.status}`)}
          </h2>
        ) : (
          <TableDiffView key={table.decisionId} diff={table.diff} />
        ),
      )}
    </div>
  );
}

function TableDiffView({ diff }: { diff: TableDiff }) {
  const { t } = useI18n();
  const counts = {
    added: diff.changes.filter((c) => c.kind === 'added').length,
    removed: diff.changes.filter((c) => c.kind === 'removed').length,
    changed: diff.changes.filter((c) => c.kind === 'changed').length,
  };
  return (
    <div class="table-diff">
      <h2>{diff.name || diff.decisionId}</h2>
      <p role="status">{t('versions.summary', { ...counts, unchanged: diff.unchanged })}</p>
      {diff.hitPolicy && <p>{t('versions.hitPolicy', diff.hitPolicy)}</p>}
      {[...diff.inputColumns.added, ...diff.outputColumns.added].map((c) => (
        <p key={`+${c}`} class="diff-added">
          {t('versions.columnAdded', { column: c })}
        </p>
      ))}
      {[...diff.inputColumns.removed, ...diff.outputColumns.removed].map((c) => (
        <p key={`-${c}`} class="diff-removed">
          {t('versions.columnRemoved', { column: c })}
        </p>
      ))}
      {diff.changes.length > 0 && (
        <table class="data diff-table">
          <thead>
            <tr>
              <th scope="col">{t('versions.change')}</th>
              <th scope="col">{t('versions.when')}</th>
              <th scope="col">{t('versions.then')}</th>
            </tr>
          </thead>
          <tbody>
            {diff.changes.map((c, i) => (
              <ChangeRow key={i} change={c} />
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function entries(record: Record<string, string>): string {
  return Object.entries(record)
    .filter(([, v]) => v && v !== '-')
    .map(([k, v]) => `${k} = ${v}`)
    .join(', ');
}

function ChangeRow({ change }: { change: RuleChange }) {
  const { t } = useI18n();
  if (change.kind !== 'changed') {
    return (
      <tr class={`diff-${change.kind}`}>
        <td>
          {change.kind === 'added' ? '+ ' : '− '}
          {t(`versions.rule.${change.kind}`)}
        </td>
        <td>{entries(change.rule.inputs) || t('versions.any')}</td>
        <td>{entries(change.rule.outputs)}</td>
      </tr>
    );
  }
  const when = change.cells.filter((c) => c.side === 'input');
  const then = change.cells.filter((c) => c.side !== 'input');
  return (
    <tr class="diff-changed">
      <td>~ {t('versions.rule.changed')}</td>
      <td>
        {entries(change.after.inputs) || t('versions.any')}
        {when.map((c) => (
          <div key={c.column} class="cell-change">
            {c.column}: <del>{c.before || '∅'}</del> → <ins>{c.after || '∅'}</ins>
          </div>
        ))}
      </td>
      <td>
        {then.map((c) => (
          <div key={c.column} class="cell-change">
            {c.side === 'annotation' ? t('versions.annotation') : c.column}: <del>{c.before || '∅'}</del> →{' '}
            <ins>{c.after || '∅'}</ins>
          </div>
        ))}
      </td>
    </tr>
  );
}
