import DmnModeler from 'dmn-js/lib/Modeler';
import 'dmn-js/dist/assets/diagram-js.css';
import 'dmn-js/dist/assets/dmn-js-shared.css';
import 'dmn-js/dist/assets/dmn-js-drd.css';
import 'dmn-js/dist/assets/dmn-js-decision-table.css';
import 'dmn-js/dist/assets/dmn-js-decision-table-controls.css';
import 'dmn-js/dist/assets/dmn-js-literal-expression.css';
import 'dmn-js/dist/assets/dmn-js-boxed-expression.css';
import 'dmn-js/dist/assets/dmn-js-boxed-expression-controls.css';
import 'dmn-js/dist/assets/dmn-font/css/dmn-embedded.css';

export interface DmnEditor {
  /** The decisions of the file that can be opened, decision tables first. */
  views(): Array<{ id: string; name: string; type: string }>;
  open(decisionId: string): Promise<void>;
  /** The decision shown now. */
  activeId(): string;
  save(): Promise<string>;
  onChange(cb: () => void): void;
  destroy(): void;
}

/**
 * dmn-js in `container`, showing the decision table `preferredDecision` (or the first table). The
 * bpmn.io watermark dmn-js draws stays: its licence requires it.
 */
export async function createDmnEditor(
  container: HTMLElement,
  xml: string,
  preferredDecision?: string,
): Promise<DmnEditor> {
  const modeler = new DmnModeler({ container });
  await modeler.importXML(xml);
  const tables = () => modeler.getViews().filter((v) => v.type === 'decisionTable');
  const first = tables().find((v) => v.element.id === preferredDecision) ?? tables()[0];
  if (first) await modeler.open(first);
  const listeners: Array<() => void> = [];
  const watched = new WeakSet<object>();
  const watchActive = () => {
    const viewer = modeler.getActiveViewer();
    if (!viewer || watched.has(viewer)) return;
    watched.add(viewer);
    viewer.on('elements.changed', () => listeners.forEach((l) => l()));
  };
  modeler.on('views.changed', watchActive);
  watchActive();
  return {
    views: () =>
      modeler
        .getViews()
        .filter((v) => v.type !== 'drd')
        .map((v) => ({ id: v.element.id, name: v.element.name ?? v.element.id, type: v.type })),
    open: async (id) => {
      const view = modeler.getViews().find((v) => v.element.id === id && v.type !== 'drd');
      if (view) await modeler.open(view);
    },
    activeId: () => modeler.getActiveView()?.element.id ?? '',
    save: async () => (await modeler.saveXML({ format: true })).xml,
    onChange: (cb) => listeners.push(cb),
    destroy: () => modeler.destroy(),
  };
}
