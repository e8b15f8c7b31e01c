export interface Mapping {
  sourceElementId: string;
  targetElementId: string;
}

export interface ModelElement {
  id: string;
  type: string;
  name?: string;
  /** Events: the kind of their event definition (`message`, `timer`...). */
  event?: string;
}

/**
 * The elements an analyst maps: every flow node but a none start event (no token waits there);
 * catch events are listed, since mapping one keeps its subscription (a timer its due date).
 */
export function mappableElements(elements: ModelElement[]): ModelElement[] {
  return elements.filter((e) => e.type !== 'startEvent' || e.event !== undefined);
}

/** The target elements a source element may be mapped to: the same type, and the same kind of event. */
export function mappingTargets(source: ModelElement, targets: ModelElement[]): ModelElement[] {
  return targets.filter((x) => x.type === source.type && x.event === source.event);
}

/** `GET /api/migrations/plan`. */
export interface MigrationPlan {
  source: { processDefinitionKey: string; version: number };
  target: { processDefinitionKey: string; version: number };
  sourceElements: ModelElement[];
  targetElements: ModelElement[];
  mapping: Mapping[];
}

/** `POST /api/migrations/preview`. */
export interface MigrationPreview {
  movable: Array<{ processInstanceKey: string; activeElements: string[] }>;
  blocked: Array<{ processInstanceKey: string; reasons: string[] }>;
  truncated: boolean;
}

/** The instance keys typed in a text box: digits separated by anything else, each once. */
export function instanceKeysOf(text: string): string[] {
  return [...new Set(text.match(/\d+/g) ?? [])];
}
