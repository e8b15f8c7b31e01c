import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/diagram-js.css';
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import { diff } from 'bpmn-js-differ';
import { summarizeDiff, type DifferResult, type ElementChange } from './model-diff';

export interface DiffView {
  changes: ElementChange[];
  /** Selects an element on both diagrams and scrolls to it. */
  focus(elementId: string): void;
  destroy(): void;
}

type Viewer = InstanceType<typeof NavigatedViewer>;

/**
 * Two versions side by side (bpmn-js viewers; the bpmn.io watermark stays), compared with
 * bpmn-js-differ: removed and changed elements marked on the left (before), added and changed on
 * the right (after), each with a badge; elements only moved are marked as layout changes.
 */
export async function createDiffView(
  before: { container: HTMLElement; xml: string },
  after: { container: HTMLElement; xml: string },
  badges: Record<ElementChange['kind'], string>,
): Promise<DiffView> {
  const left = new NavigatedViewer({ container: before.container });
  const right = new NavigatedViewer({ container: after.container });
  await left.importXML(before.xml);
  await right.importXML(after.xml);
  const definitions = (v: Viewer) => (v as unknown as { getDefinitions(): unknown }).getDefinitions();
  const changes = summarizeDiff(diff(definitions(left), definitions(right)) as DifferResult);
  const get = <T>(v: Viewer, name: string) => v.get(name) as T;
  for (const v of [left, right]) get<{ zoom(z: string): void }>(v, 'canvas').zoom('fit-viewport');
  const mark = (v: Viewer, c: ElementChange) => {
    if (!get<{ get(id: string): unknown }>(v, 'elementRegistry').get(c.id)) return;
    get<{ addMarker(id: string, m: string): void }>(v, 'canvas').addMarker(c.id, `diff-${c.kind}`);
    const html = document.createElement('span');
    html.className = `diff-badge diff-badge-${c.kind}`;
    html.textContent = badges[c.kind];
    get<{ add(id: string, o: unknown): void }>(v, 'overlays').add(c.id, {
      position: { top: -12, right: 12 },
      html,
    });
  };
  for (const c of changes) {
    if (c.kind !== 'added') mark(left, c);
    if (c.kind !== 'removed') mark(right, c);
  }
  return {
    changes,
    focus(elementId) {
      for (const v of [left, right]) {
        const el = get<{ get(id: string): unknown }>(v, 'elementRegistry').get(elementId);
        if (el) get<{ scrollToElement(e: unknown): void }>(v, 'canvas').scrollToElement(el);
      }
    },
    destroy() {
      left.destroy();
      right.destroy();
    },
  };
}
