import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/diagram-js.css';
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import type { Flow, InstancePath } from '../operations/instance-path';
import type { TimerDefinition } from '../operations/waiting';

interface BusinessObject {
  id: string;
  $type: string;
  name?: string;
  sourceRef?: { id: string };
  targetRef?: { id: string };
  attachedToRef?: { id: string };
  eventDefinitions?: Array<{
    $type: string;
    timeDuration?: { body?: string };
    timeDate?: { body?: string };
    timeCycle?: { body?: string };
  }>;
}

interface Element {
  id: string;
  type: string;
  businessObject: BusinessObject;
}

export interface DiagramViewer {
  flows(): Flow[];
  timers(): TimerDefinition[];
  /** Draws the instance's path: done, active and failed elements, the flows it took. */
  showPath(path: InstancePath): void;
  /** A small label on an element (what it waits for). */
  note(elementId: string, text: string): void;
  elementName(elementId: string): string;
  destroy(): void;
}

/** The bpmn-js viewer (pan and zoom, no editing) of a deployed process's XML; keeps the bpmn.io watermark. */
export async function createDiagramViewer(container: HTMLElement, xml: string): Promise<DiagramViewer> {
  const viewer = new NavigatedViewer({ container });
  await viewer.importXML(xml);
  const get = <T>(name: string) => viewer.get(name) as T;
  const canvas = get<{ zoom(v: string): void; addMarker(id: string, m: string): void }>('canvas');
  canvas.zoom('fit-viewport');
  const registry = get<{ getAll(): Element[]; get(id: string): Element | undefined }>('elementRegistry');
  const overlays = get<{ add(id: string, o: { position: Record<string, number>; html: HTMLElement }): void }>(
    'overlays',
  );

  return {
    flows: () =>
      registry
        .getAll()
        .filter((e) => e.businessObject.$type === 'bpmn:SequenceFlow' && e.type !== 'label')
        .map((e) => ({
          id: e.id,
          sourceId: e.businessObject.sourceRef?.id ?? '',
          targetId: e.businessObject.targetRef?.id ?? '',
        })),
    timers: () => {
      const timers: TimerDefinition[] = [];
      for (const e of registry.getAll()) {
        if (e.type === 'label') continue;
        const def = e.businessObject.eventDefinitions?.find((d) => d.$type === 'bpmn:TimerEventDefinition');
        if (!def) continue;
        const kind = def.timeDuration ? 'duration' : def.timeDate ? 'date' : 'cycle';
        const expression = (def.timeDuration ?? def.timeDate ?? def.timeCycle)?.body ?? '';
        timers.push({ eventId: e.id, attachedToId: e.businessObject.attachedToRef?.id, kind, expression });
      }
      return timers;
    },
    showPath(path) {
      const has = (id: string) => !!registry.get(id);
      for (const id of path.completed) if (has(id)) canvas.addMarker(id, 'op-completed');
      for (const id of path.active) if (has(id)) canvas.addMarker(id, 'op-active');
      for (const id of path.incidents) if (has(id)) canvas.addMarker(id, 'op-incident');
      for (const id of path.taken) if (has(id)) canvas.addMarker(id, 'op-taken');
    },
    note(elementId, text) {
      if (!registry.get(elementId)) return;
      const html = document.createElement('div');
      html.className = 'op-note';
      html.textContent = text;
      overlays.add(elementId, { position: { bottom: -6, left: 0 }, html });
    },
    elementName: (id) => registry.get(id)?.businessObject.name ?? id,
    destroy: () => viewer.destroy(),
  };
}
