/** What bpmn-js-differ's `diff(old, new)` answers (only what the review page reads). */
export interface DifferResult {
  _added: Record<string, DiffElement>;
  _removed: Record<string, DiffElement>;
  _layoutChanged: Record<string, DiffElement>;
  _changed: Record<
    string,
    { model: DiffElement; attrs: Record<string, { oldValue: unknown; newValue: unknown }> }
  >;
}
interface DiffElement {
  $type: string;
  id: string;
  name?: string;
}

export type ChangeKind = 'added' | 'removed' | 'changed' | 'layout';

/** One element that differs between two versions, with its changed properties. */
export interface ElementChange {
  id: string;
  kind: ChangeKind;
  /** bpmn:ServiceTask → ServiceTask */
  type: string;
  name: string;
  properties: Array<{ name: string; before: string; after: string }>;
}

/** A value of a changed property as a reader sees it (references by id, objects as JSON). */
export function shown(v: unknown): string {
  if (v === undefined || v === null || v === '') return '—';
  if (typeof v === 'object') {
    const o = v as { id?: unknown; $type?: unknown };
    if (typeof o.id === 'string') return o.id;
    const { $type: _t, ...rest } = o as Record<string, unknown>;
    return JSON.stringify(rest);
  }
  return String(v);
}

/**
 * The differ's answer as a list the reviewer reads: added, removed and changed elements (with each
 * changed property before → after), then those only moved on the diagram; diagram-only changes of
 * an element already listed are not repeated.
 */
export function summarizeDiff(d: DifferResult): ElementChange[] {
  const item = (kind: ChangeKind, e: DiffElement): ElementChange => ({
    id: e.id,
    kind,
    type: e.$type.replace(/^bpmn:/, ''),
    name: e.name ?? '',
    properties: [],
  });
  const out: ElementChange[] = [
    ...Object.values(d._added).map((e) => item('added', e)),
    ...Object.values(d._removed).map((e) => item('removed', e)),
    ...Object.values(d._changed).map((c) => ({
      ...item('changed', c.model),
      // bpmn-js-differ 3 hands jsondiffpatch's [old, new] pair to its handler as (newValue, oldValue):
      // its `oldValue` holds the second document's value. Read it the right way round.
      properties: Object.entries(c.attrs).map(([name, a]) => ({
        name,
        before: shown(a.newValue),
        after: shown(a.oldValue),
      })),
    })),
  ];
  const listed = new Set(out.map((c) => c.id));
  out.push(
    ...Object.values(d._layoutChanged)
      .filter((e) => !listed.has(e.id))
      .map((e) => item('layout', e)),
  );
  return out;
}
