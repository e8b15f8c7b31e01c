export interface Mapping {
  sourceElementId: string;
  targetElementId: string;
}

export interface ModelElement {
  id: string;
  type: string;
  name?: string;
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
