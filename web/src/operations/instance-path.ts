import type { ElementInstance } from './camunda-types';

export interface Flow {
  id: string;
  sourceId: string;
  targetId: string;
}

export interface InstancePath {
  completed: Set<string>;
  active: Set<string>;
  incidents: Set<string>;
  /** Sequence flows the instance went along. */
  taken: Set<string>;
}

/**
 * The path an instance took through its diagram, from its element instances: which elements are
 * done, which are active, which carry an incident, and which sequence flows were followed. A flow is
 * taken when the engine recorded it as an element instance, or when its source completed and its
 * target was entered (an exclusive gateway enters only the target it chose).
 */
export function instancePath(elements: ElementInstance[], flows: Flow[]): InstancePath {
  const completed = new Set<string>();
  const active = new Set<string>();
  const incidents = new Set<string>();
  const taken = new Set<string>();
  for (const e of elements) {
    if (e.type === 'SEQUENCE_FLOW') taken.add(e.elementId);
    else if (e.type === 'PROCESS') continue;
    else if (e.state === 'ACTIVE') active.add(e.elementId);
    else if (e.state === 'COMPLETED') completed.add(e.elementId);
    if (e.type !== 'SEQUENCE_FLOW' && (e.hasIncident || e.incidentKey)) incidents.add(e.elementId);
  }
  for (const f of flows) {
    if (completed.has(f.sourceId) && (completed.has(f.targetId) || active.has(f.targetId))) taken.add(f.id);
  }
  return { completed, active, incidents, taken };
}
